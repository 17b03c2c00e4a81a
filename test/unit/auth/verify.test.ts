import { generateKeyPair, SignJWT } from 'jose';
import { ANONYMOUS, hasScope, isOperatorSelf } from '../../../shared/auth/caller';
import { createAuthenticator, Authenticator } from '../../../shared/auth/authenticate';
import { ensureDevIssuerKeys, SigningKeys } from '../../../shared/auth/tokens/keys';
import { mintToken, MintOptions } from '../../../shared/auth/tokens/mint';
import { completeUscc } from '../../../shared/credit-code/uscc';
import { b64url, configFor, expectRefused, memoryLogger, tempDataDir } from './helpers';

const OPERATOR = completeUscc('91', '440106', 'MA5D1234');
const OTHER_OPERATOR = completeUscc('92', '440104', 'L2345678');

describe('token verification (dev issuer)', () => {
  const data = tempDataDir();
  const config = configFor(data.dir);
  const { log, lines } = memoryLogger();
  let auth: Authenticator;
  let keys: SigningKeys;

  const mint = (options: Partial<MintOptions> = {}, signing: SigningKeys = keys) =>
    mintToken({ role: 'evaluator', ...options } as MintOptions, signing);
  const bearer = (token: string) => auth.authenticate(`Bearer ${token}`);

  /** Signs arbitrary claims with the dev issuer key (or another), bypassing mintToken's checks. */
  const signRaw = (claims: Record<string, unknown>, signing: SigningKeys = keys) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ sub: 'evaluator:raw', jti: 'raw-token-id-1', role: 'evaluator', iat: now, nbf: now, exp: now + 600, ...claims })
      .setProtectedHeader({ alg: signing.algorithm, kid: signing.keyId })
      .setIssuer(signing.issuer)
      .setAudience(signing.audience)
      .sign(signing.privateKey);
  };

  beforeAll(async () => {
    const dev = await ensureDevIssuerKeys(config.auth.keySource.kind === 'dev-issuer' ? config.auth.keySource.keysDir : '', log);
    keys = { privateKey: dev.privateKey, algorithm: dev.algorithm, keyId: dev.keyId, issuer: config.auth.issuer, audience: config.auth.audience };
    auth = createAuthenticator(config, log);
  });
  afterAll(async () => {
    await auth.close();
    data.cleanup();
  });

  describe('valid tokens give the right frozen Caller', () => {
    it('no header is anonymous', async () => {
      expect(await auth.authenticate(undefined)).toBe(ANONYMOUS);
      expect(await auth.authenticate('')).toBe(ANONYMOUS);
    });

    it('public', async () => {
      const caller = await bearer(await mint({ role: 'public' }));
      expect(caller).toMatchObject({ authenticated: true, role: 'public', subject: 'public:cli', operators: [] });
      expect([...caller.scopes]).toEqual([]);
    });

    it('agency', async () => {
      const caller = await bearer(await mint({ role: 'agency', agency: 'customs', scopes: ['pii:read'] }));
      expect(caller).toMatchObject({ role: 'agency', agency: 'customs', subject: 'agency:customs' });
      expect([...caller.scopes]).toEqual(['gov:shared', 'agency:customs', 'customs:write', 'pii:read']);
    });

    it('evaluator', async () => {
      const token = await mint({ role: 'evaluator', subject: 'evaluator:acme-credit', ttl: '15m' });
      const caller = await bearer(token);
      expect(caller).toMatchObject({ role: 'evaluator', subject: 'evaluator:acme-credit', agency: undefined, platformId: undefined });
      expect([...caller.scopes]).toEqual(['credit:read']);
      expect(caller.tokenId).toMatch(/^[0-9a-f-]{36}$/);
      const lifetime = caller.expiresAt!.getTime() - Date.now();
      expect(lifetime).toBeGreaterThan(14 * 60_000);
      expect(lifetime).toBeLessThanOrEqual(15 * 60_000);
    });

    it('platform', async () => {
      const caller = await bearer(await mint({ role: 'platform', platformId: 'taobao' }));
      expect(caller).toMatchObject({ role: 'platform', platformId: 'taobao', subject: 'platform:taobao' });
      expect(hasScope(caller, 'platform:taobao')).toBe(true);
    });

    it('operator', async () => {
      const caller = await bearer(await mint({ role: 'operator', operators: [OPERATOR, OTHER_OPERATOR] }));
      expect(caller).toMatchObject({ role: 'operator', operators: [OPERATOR, OTHER_OPERATOR], subject: `operator:${OPERATOR}` });
      expect(isOperatorSelf(caller, OPERATOR)).toBe(true);
      expect(isOperatorSelf(caller, completeUscc('91', '440106', 'MA5D1235'))).toBe(false);
    });

    it('admin', async () => {
      const caller = await bearer(await mint({ role: 'admin' }));
      expect([...caller.scopes]).toEqual(['admin', 'gov:shared', 'pii:read']);
    });

    it('the scheme is case-insensitive', async () => {
      const caller = await auth.authenticate(`bearer   ${await mint()}`);
      expect(caller.role).toBe('evaluator');
    });

    it('the Caller cannot be widened afterwards', async () => {
      const caller = await bearer(await mint({ role: 'operator', operators: [OPERATOR] }));
      expect(Object.isFrozen(caller)).toBe(true);
      expect(() => (caller.scopes as Set<string>).add('admin')).toThrow(TypeError);
      expect(() => (caller.scopes as Set<string>).clear()).toThrow(TypeError);
      expect(() => (caller.operators as string[]).push(OTHER_OPERATOR)).toThrow(TypeError);
      expect(() => ((caller as { role: string }).role = 'admin')).toThrow(TypeError);
      expect(caller.scopes.has('admin')).toBe(false);
    });

    it('claims that do not belong to the role are not carried', async () => {
      const caller = await bearer(await signRaw({ role: 'evaluator', agency: 'customs', platform: 'taobao', operators: [OPERATOR] }));
      expect(caller).toMatchObject({ role: 'evaluator', agency: undefined, platformId: undefined, operators: [] });
    });

    it('accepts a token issued within the clock tolerance in the future', async () => {
      const caller = await bearer(await mint({ now: new Date(Date.now() + 10_000) }));
      expect(caller.role).toBe('evaluator');
    });
  });

  describe('bad tokens are UNAUTHENTICATED and the error repeats nothing of them', () => {
    it('wrong signature (another key, same kid)', async () => {
      const other = await generateKeyPair('ES256');
      const token = await mint({}, { ...keys, privateKey: other.privateKey });
      await expectRefused(bearer(token), token, 'INVALID_TOKEN');
    });

    it('tampered payload', async () => {
      const token = await mint({ role: 'evaluator' });
      const [h, , s] = token.split('.');
      const forged = `${h}.${b64url({ ...JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()), role: 'admin', scope: 'admin pii:read' })}.${s}`;
      await expectRefused(bearer(forged), forged, 'INVALID_TOKEN');
    });

    it('alg: none', async () => {
      const now = Math.floor(Date.now() / 1000);
      const claims = { iss: keys.issuer, aud: keys.audience, sub: 'admin:forged', jti: 'forged-jti', role: 'admin', scope: 'admin pii:read', iat: now, exp: now + 600 };
      for (const header of [{ alg: 'none' }, { alg: 'none', typ: 'JWT' }, { alg: 'None' }, { alg: 'none', kid: keys.keyId }]) {
        const token = `${b64url(header)}.${b64url(claims)}.`;
        await expectRefused(bearer(token), token);
      }
    });

    it('HS256, including with the public key as the shared secret', async () => {
      const secrets = [new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!!'), new TextEncoder().encode(JSON.stringify(keys))];
      const fs = await import('node:fs');
      const path = await import('node:path');
      const jwks = fs.readFileSync(path.join(data.dir, 'keys', 'dev-issuer-jwks.json'));
      secrets.push(new Uint8Array(jwks));
      for (const secret of secrets) {
        const token = await new SignJWT({ role: 'admin', scope: 'admin' })
          .setProtectedHeader({ alg: 'HS256', kid: keys.keyId })
          .setIssuer(keys.issuer)
          .setAudience(keys.audience)
          .setSubject('admin:forged')
          .setJti('hs-jti-000001')
          .setIssuedAt()
          .setExpirationTime('10m')
          .sign(secret);
        await expectRefused(bearer(token), token, 'INVALID_TOKEN');
      }
    });

    it('expired', async () => {
      const token = await mint({ ttl: '1h', now: new Date(Date.now() - 2 * 3600_000) });
      await expectRefused(bearer(token), token, 'TOKEN_EXPIRED');
    });

    it('expired beyond the clock tolerance only', async () => {
      const justExpired = await mint({ ttl: 60, now: new Date(Date.now() - 70_000) });
      expect((await bearer(justExpired)).role).toBe('evaluator'); // 10 s late, tolerance 30 s
      const token = await mint({ ttl: 60, now: new Date(Date.now() - 100_000) });
      await expectRefused(bearer(token), token, 'TOKEN_EXPIRED');
    });

    it('not yet valid', async () => {
      const token = await mint({ now: new Date(Date.now() + 3600_000) });
      await expectRefused(bearer(token), token, 'TOKEN_NOT_YET_VALID');
    });

    it('wrong issuer', async () => {
      const token = await mint({}, { ...keys, issuer: 'urn:someone-else' });
      await expectRefused(bearer(token), token, 'INVALID_TOKEN');
    });

    it('wrong audience', async () => {
      const token = await mint({}, { ...keys, audience: 'another-api' });
      await expectRefused(bearer(token), token, 'INVALID_TOKEN');
    });

    it('unknown kid', async () => {
      const token = await mint({}, { ...keys, keyId: 'no-such-key' });
      await expectRefused(bearer(token), token, 'INVALID_TOKEN');
    });

    it('revoked (in memory)', async () => {
      const token = await mint({ role: 'agency', agency: 'postal' });
      const caller = await bearer(token);
      await auth.revocations.revoke(caller.tokenId!, caller.expiresAt!);
      await expectRefused(bearer(token), token, 'TOKEN_REVOKED');
      // Other tokens of the same subject are unaffected.
      expect((await bearer(await mint({ role: 'agency', agency: 'postal' }))).role).toBe('agency');
    });

    it('malformed', async () => {
      const valid = await mint();
      const [h, p, s] = valid.split('.');
      const cases = [
        'garbage',
        'not a jwt at all',
        `${h}.${p}`,
        `${h}.${p}.${s}.${s}`,
        `${h}!.${p}.${s}`,
        `${b64url('{"alg":"ES256"')}.${p}.${s}`, // header is not JSON
        `${h}.${b64url('[1,2,3]')}.${s}`,
        `${h}.%%%.${s}`,
        `${h}.${p}.${s}`.replace(/./, '='),
        'x'.repeat(9000),
        '..',
      ];
      for (const token of cases) await expectRefused(bearer(token), token);
      await expectRefused(bearer(`${h}.${p}`), valid, 'MALFORMED_TOKEN');
      await expectRefused(bearer('garbage'), 'garbage', 'MALFORMED_TOKEN');
    });

    it('missing required claims', async () => {
      for (const missing of ['sub', 'jti', 'exp', 'role']) {
        const token = await signRaw({ [missing]: undefined });
        await expectRefused(bearer(token), token, 'INVALID_TOKEN');
      }
      const emptySub = await signRaw({ sub: '' });
      await expectRefused(bearer(emptySub), emptySub, 'INVALID_TOKEN');
    });

    it('unknown role', async () => {
      for (const role of ['superuser', 'ADMIN', 42, ['admin']]) {
        const token = await signRaw({ role });
        await expectRefused(bearer(token), token, 'INVALID_TOKEN');
      }
    });

    it('invalid scope claim', async () => {
      for (const scope of [['admin'], 'admin "quoted"', 7]) {
        const token = await signRaw({ scope });
        await expectRefused(bearer(token), token, 'INVALID_TOKEN');
      }
    });

    it('agency role without a (known) agency', async () => {
      for (const agency of [undefined, 'ministry-of-magic', '']) {
        const token = await signRaw({ role: 'agency', agency, scope: 'gov:shared' });
        await expectRefused(bearer(token), token, 'INVALID_TOKEN');
      }
    });

    it('platform role without a platform', async () => {
      const token = await signRaw({ role: 'platform', scope: 'platform:taobao' });
      await expectRefused(bearer(token), token, 'INVALID_TOKEN');
    });

    it('operator role without operators or with an invalid credit code', async () => {
      const broken = OPERATOR.slice(0, 17) + (OPERATOR[17] === '0' ? '1' : '0');
      for (const operators of [undefined, [], OPERATOR, [OPERATOR, broken], ['91440106MA5D12345'], [42]]) {
        const token = await signRaw({ role: 'operator', operators, scope: 'operator:self' });
        await expectRefused(bearer(token), token, 'INVALID_TOKEN');
      }
    });

    it('other schemes and broken headers', async () => {
      const token = await mint();
      await expectRefused(auth.authenticate(`Basic ${Buffer.from('u:p').toString('base64')}`), token, 'UNSUPPORTED_SCHEME');
      await expectRefused(auth.authenticate(`Token ${token}`), token, 'UNSUPPORTED_SCHEME');
      await expectRefused(auth.authenticate(token), token, 'UNSUPPORTED_SCHEME');
      await expectRefused(auth.authenticate('Bearer'), token, 'MALFORMED_TOKEN');
      await expectRefused(auth.authenticate(`Bearer ${token} ${token}`), token, 'MALFORMED_TOKEN');
    });

    it('logs the refusal reason, never the token', async () => {
      const token = await mint({ subject: 'evaluator:log-probe', ttl: '1h', now: new Date(Date.now() - 3 * 3600_000) });
      lines.length = 0;
      await expectRefused(bearer(token), token, 'TOKEN_EXPIRED');
      const logged = lines.join('\n');
      expect(logged).toContain('TOKEN_EXPIRED');
      for (const segment of token.split('.')) expect(logged).not.toContain(segment);
      expect(logged).not.toContain('evaluator:log-probe');
    });
  });
});
