import path from 'node:path';
import { ConfigError, loadConfig, parseDurationSeconds } from '../../../shared/config/config';

describe('auth configuration', () => {
  it('defaults to the embedded dev issuer under DATA_DIR/keys', () => {
    const { auth } = loadConfig({ DATA_DIR: '/srv/ocg' });
    expect(auth).toEqual({
      issuer: 'urn:operator-credit-graph:dev-issuer',
      audience: 'operator-credit-graph',
      algorithms: ['ES256', 'RS256', 'EdDSA'],
      clockToleranceSeconds: 30,
      keySource: { kind: 'dev-issuer', keysDir: path.resolve('/srv/ocg/keys') },
      signingKeyPath: undefined,
      signingKeyId: undefined,
      signingAlgorithm: undefined,
      maxTokenTtlSeconds: 30 * 86400,
      redisUrl: undefined,
      revocationKeyPrefix: 'ocg:revoked-token:',
      verifyCacheSize: 10000,
      verifyCacheSeconds: 300,
    });
  });

  it('reads production key sources, Redis and limits', () => {
    expect(loadConfig({ AUTH_JWKS_URL: 'https://idp.example/jwks' }).auth.keySource).toEqual({ kind: 'jwks-url', url: 'https://idp.example/jwks' });
    expect(loadConfig({ AUTH_JWKS_PATH: '/etc/ocg/jwks.json' }).auth.keySource).toEqual({ kind: 'jwks-file', path: '/etc/ocg/jwks.json' });
    const pem = '-----BEGIN PUBLIC KEY-----\\nMFkw\\n-----END PUBLIC KEY-----';
    expect(loadConfig({ AUTH_PUBLIC_KEY_PEM: pem }).auth.keySource).toEqual({
      kind: 'public-key-pem',
      pem: '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----',
    });
    const auth = loadConfig({
      AUTH_ALGORITHMS: 'ES384, PS256',
      AUTH_CLOCK_TOLERANCE_SECONDS: '5',
      AUTH_MAX_TOKEN_TTL: '12h',
      REDIS_URL: 'redis://redis:6379/0',
      AUTH_REVOCATION_KEY_PREFIX: 'x:',
      AUTH_VERIFY_CACHE_SIZE: '0',
      AUTH_VERIFY_CACHE_SECONDS: '60',
    }).auth;
    expect(auth).toMatchObject({ algorithms: ['ES384', 'PS256'], clockToleranceSeconds: 5, maxTokenTtlSeconds: 43200, redisUrl: 'redis://redis:6379/0', revocationKeyPrefix: 'x:' });
    expect(auth).toMatchObject({ verifyCacheSize: 0, verifyCacheSeconds: 60 });
  });

  it.each([
    [{ AUTH_ALGORITHMS: 'HS256' }, /AUTH_ALGORITHMS/],
    [{ AUTH_ALGORITHMS: 'ES256,none' }, /AUTH_ALGORITHMS/],
    [{ AUTH_ALGORITHMS: '' }, /AUTH_ALGORITHMS/],
    [{ AUTH_CLOCK_TOLERANCE_SECONDS: '3600' }, /AUTH_CLOCK_TOLERANCE_SECONDS/],
    [{ AUTH_MAX_TOKEN_TTL: 'forever' }, /AUTH_MAX_TOKEN_TTL/],
    [{ AUTH_JWKS_URL: 'ftp://idp/jwks' }, /AUTH_JWKS_URL/],
    [{ AUTH_PUBLIC_KEY_PEM: 'abc' }, /AUTH_PUBLIC_KEY_PEM/],
    [{ AUTH_JWKS_URL: 'https://idp/jwks', AUTH_JWKS_PATH: '/x.json' }, /configure only one/],
    [{ AUTH_SIGNING_KEY_PATH: '/k.pem' }, /AUTH_SIGNING_KEY_PATH/],
    [{ AUTH_JWKS_PATH: '/x.json', AUTH_SIGNING_ALGORITHM: 'RS256', AUTH_ALGORITHMS: 'ES256' }, /AUTH_SIGNING_ALGORITHM/],
    [{ REDIS_URL: 'http://redis' }, /REDIS_URL/],
    [{ AUTH_VERIFY_CACHE_SIZE: '-1' }, /AUTH_VERIFY_CACHE_SIZE: must be a whole number between 0 and 1000000, got "-1"/],
    [{ AUTH_VERIFY_CACHE_SIZE: 'lots' }, /AUTH_VERIFY_CACHE_SIZE/],
    [{ AUTH_VERIFY_CACHE_SECONDS: '0' }, /AUTH_VERIFY_CACHE_SECONDS: must be a whole number between 1 and 86400, got "0"/],
    [{ AUTH_VERIFY_CACHE_SECONDS: '5m' }, /AUTH_VERIFY_CACHE_SECONDS/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('parses durations', () => {
    expect(parseDurationSeconds('45')).toBe(45);
    expect(parseDurationSeconds('15m')).toBe(900);
    expect(parseDurationSeconds('7d')).toBe(604800);
    expect(parseDurationSeconds('1w')).toBeNull();
    expect(parseDurationSeconds('-1h')).toBeNull();
  });
});
