import { loadProductionStartConfig } from '../shared/config/production-start';
import { createLogger } from '../shared/logging/logger';
import { ensureProductionKeys } from './production-environment';

/**
 * Generates the issuer key pair and the audit HMAC key into START_PROD_KEYS_DIR when they are missing, then exits:
 * the one-shot `keys` service of docker-compose.yml (`npm run start:prod` does the same itself).
 */
async function main(): Promise<void> {
  const start = loadProductionStartConfig(process.env);
  const keys = await ensureProductionKeys(start.keysDir, createLogger('info', { service: 'keys' }));
  process.stdout.write(`${JSON.stringify(keys)}\n`);
}

main().catch((err) => {
  process.stderr.write(`key generation failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
