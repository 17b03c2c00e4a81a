import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { AGENCIES } from '../config/agencies';
import { AppConfig, loadConfig } from '../config/config';
import { ROLES, Role } from './caller';
import { DEV_ISSUER_FILES, KeyConfigError, loadSigningKeys } from './tokens/keys';
import { DEFAULT_TOKEN_TTL, MintOptionsError, mintToken } from './tokens/mint';

export const USAGE = `Usage: npm run token -- --role <${ROLES.join('|')}> [options]

Prints one signed JWT on stdout, nothing else.

Options:
  --role <role>        required
  --agency <id>        agency role only, required: ${AGENCIES.join(', ')}
  --platform <id>      platform role only, required (e.g. taobao)
  --operator <uscc>    operator role only, at least one; repeatable
  --scope <scope>      extra scope on top of the role's defaults; repeatable, may be space-separated
  --ttl <duration>     lifetime like 15m, 1h, 7d (default ${DEFAULT_TOKEN_TTL}; at most AUTH_MAX_TOKEN_TTL, default 30d)
  --subject <sub>      token subject (default <role>:<agency|platform|first operator code|cli>)
  --create-keys        create the dev issuer key pair under <DATA_DIR>/keys if it is missing
  -h, --help           this text

Default scopes per role:
  public     (none)
  agency     gov:shared agency:<id> <id>:write
  evaluator  credit:read
  platform   platform:<id> platform:in-platform
  operator   operator:self        (credit codes in the "operators" claim)
  admin      admin gov:shared pii:read

Signs with the dev issuer key under <DATA_DIR>/keys, the key the server verifies with (the server creates it
on its first start; DATA_DIR must be the server's), or with AUTH_SIGNING_KEY_PATH when AUTH_JWKS_URL,
AUTH_JWKS_PATH or AUTH_PUBLIC_KEY_PEM is configured.
`;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs the CLI; returns the exit code. `config` defaults to the environment's. */
export async function main(argv: string[], io: CliIo = processIo, config?: AppConfig): Promise<number> {
  const fail = (message: string, usage = true): number => {
    io.stderr(`token: ${message}\n${usage ? '\n' + USAGE : ''}`);
    return 1;
  };
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        role: { type: 'string' },
        agency: { type: 'string' },
        platform: { type: 'string' },
        operator: { type: 'string', multiple: true },
        scope: { type: 'string', multiple: true },
        ttl: { type: 'string' },
        subject: { type: 'string' },
        'create-keys': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return fail((error as Error).message);
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.role === undefined) return fail('--role is required');
  if (!(ROLES as readonly string[]).includes(values.role)) return fail(`--role must be one of ${ROLES.join(', ')}`);

  let appConfig: AppConfig;
  try {
    appConfig = config ?? loadConfig();
  } catch (error) {
    return fail((error as Error).message, false);
  }
  const keysMissing = missingDevIssuerKey(appConfig);
  if (keysMissing && !values['create-keys']) return fail(keysMissing, false);
  // Logs (e.g. "generated the dev issuer key pair") go to stderr: stdout carries the token only.
  const log = pino({ level: appConfig.logLevel, base: { service: 'token-cli' } }, pino.destination({ dest: 2, sync: true }));
  try {
    const keys = await loadSigningKeys(appConfig.auth, log);
    const token = await mintToken(
      {
        role: values.role as Role,
        agency: values.agency,
        platformId: values.platform,
        operators: values.operator,
        scopes: values.scope,
        ttl: values.ttl,
        subject: values.subject,
        maxTtlSeconds: appConfig.auth.maxTokenTtlSeconds,
      },
      keys,
    );
    io.stdout(token + '\n');
    return 0;
  } catch (error) {
    if (error instanceof MintOptionsError) return fail(error.message);
    if (error instanceof KeyConfigError) return fail(error.message, false);
    throw error;
  }
}

/**
 * Why the dev issuer key cannot be used, or null. A key the tool generated on its own would sign tokens that a
 * server reading another DATA_DIR refuses as "Invalid or expired token", so a missing key is named, not made.
 */
export function missingDevIssuerKey(config: AppConfig): string | null {
  if (config.auth.keySource.kind !== 'dev-issuer') return null;
  const keyPath = path.join(config.auth.keySource.keysDir, DEV_ISSUER_FILES.privateKey);
  if (fs.existsSync(keyPath)) return null;
  return [
    `no dev issuer key at ${keyPath} (DATA_DIR is ${config.dataDir}).`,
    'The server creates it on its first start and accepts only tokens signed with it. Either:',
    '  - start the server once (npm start) with this DATA_DIR, then run the token command again;',
    '  - or run the token command with the DATA_DIR the server uses: DATA_DIR=<dir> npm run -s token -- ...;',
    '  - or add --create-keys to create the key pair here now (a server started later with this DATA_DIR uses it).',
  ].join('\n');
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`token: ${(error as Error)?.message ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
