import { decodeJwt, decodeProtectedHeader } from 'jose';
import { ensureDevIssuerKeys, SigningKeys } from '../../../shared/auth/tokens/keys';
import { MintOptions, MintOptionsError, mintToken } from '../../../shared/auth/tokens/mint';
import { completeUscc } from '../../../shared/credit-code/uscc';
import { tempDataDir } from './helpers';
import path from 'node:path';

const OPERATOR = completeUscc('91', '440106', 'MA5D1234');

describe('mintToken', () => {
  const data = tempDataDir();
  let keys: SigningKeys;
  beforeAll(async () => {
    const dev = await ensureDevIssuerKeys(path.join(data.dir, 'keys'));
    keys = { privateKey: dev.privateKey, algorithm: dev.algorithm, keyId: dev.keyId, issuer: 'urn:test-issuer', audience: 'test-audience' };
  });
  afterAll(() => data.cleanup());
  const mint = (options: Partial<MintOptions>) => mintToken({ role: 'public', ...options } as MintOptions, keys);

  it('writes the registered claims: iss, aud, sub, unique jti, iat = nbf, exp = iat + ttl; kid and alg in the header', async () => {
    const now = new Date('2026-11-29T08:00:00Z');
    const a = await mint({ role: 'evaluator', now, ttl: '15m' });
    const b = await mint({ role: 'evaluator', now, ttl: '15m' });
    const claims = decodeJwt(a);
    expect(claims).toMatchObject({ iss: 'urn:test-issuer', aud: 'test-audience', sub: 'evaluator:cli', role: 'evaluator', scope: 'credit:read' });
    expect(claims.iat).toBe(now.getTime() / 1000);
    expect(claims.nbf).toBe(claims.iat);
    expect(claims.exp).toBe(claims.iat! + 900);
    expect(claims.jti).not.toBe(decodeJwt(b).jti);
    expect(decodeProtectedHeader(a)).toEqual({ alg: 'ES256', typ: 'JWT', kid: keys.keyId });
  });

  it('gives each role its default scopes, adds --scope, and drops duplicates', async () => {
    const scopes = async (options: Partial<MintOptions>) => decodeJwt(await mint(options)).scope;
    expect(await scopes({ role: 'public' })).toBeUndefined();
    expect(await scopes({ role: 'agency', agency: 'market-regulation' })).toBe('gov:shared agency:market-regulation market-regulation:write');
    expect(await scopes({ role: 'evaluator', scopes: ['pii:read credit:read', 'gov:shared'] })).toBe('credit:read pii:read gov:shared');
    expect(await scopes({ role: 'platform', platformId: 'jd' })).toBe('platform:jd platform:in-platform');
    expect(await scopes({ role: 'operator', operators: [OPERATOR] })).toBe('operator:self');
    expect(await scopes({ role: 'admin' })).toBe('admin gov:shared pii:read');
  });

  it('writes role claims: agency, platform, operators, and sensible default subjects', async () => {
    expect(decodeJwt(await mint({ role: 'agency', agency: 'postal' }))).toMatchObject({ agency: 'postal', sub: 'agency:postal' });
    expect(decodeJwt(await mint({ role: 'platform', platformId: 'pinduoduo' }))).toMatchObject({ platform: 'pinduoduo', sub: 'platform:pinduoduo' });
    expect(decodeJwt(await mint({ role: 'operator', operators: [OPERATOR, OPERATOR] }))).toMatchObject({ operators: [OPERATOR], sub: `operator:${OPERATOR}` });
    expect(decodeJwt(await mint({ role: 'admin', subject: 'admin:li.wei' })).sub).toBe('admin:li.wei');
  });

  it.each([
    [{ role: 'root' }, /--role must be one of/],
    [{ role: 'agency' }, /--role agency needs --agency/],
    [{ role: 'agency', agency: 'tax-bureau' }, /--role agency needs --agency/],
    [{ role: 'evaluator', agency: 'customs' }, /--agency applies to --role agency only/],
    [{ role: 'platform' }, /--role platform needs --platform/],
    [{ role: 'platform', platformId: 'has space' }, /--role platform needs --platform/],
    [{ role: 'admin', platformId: 'jd' }, /--platform applies/],
    [{ role: 'operator' }, /at least one --operator/],
    [{ role: 'operator', operators: ['91440106MA5D12345X'] }, /check character|organization code/],
    [{ role: 'operator', operators: ['123'] }, /must be 18 characters/],
    [{ role: 'evaluator', operators: [OPERATOR] }, /--operator applies to --role operator only/],
    [{ role: 'evaluator', scopes: ['bad"scope'] }, /not a valid scope/],
    [{ ttl: '1 week' }, /--ttl must be a duration/],
    [{ ttl: '0m' }, /--ttl must be a duration/],
    [{ ttl: '31d' }, /at most 2592000 seconds/],
    [{ ttl: '2h', maxTtlSeconds: 3600 }, /at most 3600 seconds/],
    [{ subject: '' }, /--subject/],
  ])('refuses %j', async (options, message) => {
    await expect(mint(options as Partial<MintOptions>)).rejects.toThrow(MintOptionsError);
    await expect(mint(options as Partial<MintOptions>)).rejects.toThrow(message);
  });

  it('accepts ttl in seconds, minutes, hours and days', async () => {
    for (const [ttl, seconds] of [['90', 90], ['90s', 90], ['15m', 900], ['1h', 3600], ['7d', 604800], [120, 120]] as const) {
      const claims = decodeJwt(await mint({ ttl }));
      expect(claims.exp! - claims.iat!).toBe(seconds);
    }
    const claims = decodeJwt(await mint({}));
    expect(claims.exp! - claims.iat!).toBe(3600);
  });
});
