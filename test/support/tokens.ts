import { loadSigningKeys, mintToken, MintOptions } from '../../shared/auth/tokens';
import type { AppConfig } from '../../shared/config/config';

/** Mints a real token with the dev issuer key of `config`'s data directory (as `npm run token` does). */
export async function mintTestToken(config: AppConfig, options: MintOptions): Promise<string> {
  return mintToken(options, await loadSigningKeys(config.auth));
}

/** The headers a client sends with a token. */
export function bearer(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...extra };
}
