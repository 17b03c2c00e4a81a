import { generateKeyPair } from 'jose';
import { MemoryRevocationList, type RevocationList } from '../../../shared/auth/revocation';
import { ensureDevIssuerKeys, loadVerificationKeys, SigningKeys, VerificationKeys } from '../../../shared/auth/tokens/keys';
import { mintToken, MintOptions } from '../../../shared/auth/tokens/mint';
import { createTokenVerifier, TokenVerifier } from '../../../shared/auth/tokens/verify';
import { b64url, configFor, expectRefused, tempDataDir } from './helpers';

/** The verified-token cache: the signature is checked once per process; times and revocation on every use. */
describe('token verification cache', () => {
  const data = tempDataDir();
  const config = configFor(data.dir);
  let signing: SigningKeys;
  let realKeys: VerificationKeys;
  const start = new Date('2026-11-30T10:00:00Z');

  beforeAll(async () => {
    const dev = await ensureDevIssuerKeys(config.auth.keySource.kind === 'dev-issuer' ? config.auth.keySource.keysDir : '');
    signing = { privateKey: dev.privateKey, algorithm: dev.algorithm, keyId: dev.keyId, issuer: config.auth.issuer, audience: config.auth.audience };
    realKeys = await loadVerificationKeys(config.auth);
  });
  afterAll(() => data.cleanup());

  /**
   * A verifier on a movable clock whose key resolver counts its calls: each call is one signature check.
   * `withdrawn` makes the resolver refuse every key, as when the key is taken out of the JWKS.
   */
  function setup(cache: { size?: number; seconds?: number } = {}) {
    const state = { now: start, keyLookups: 0, withdrawn: false, revocationDown: false };
    const memory = new MemoryRevocationList({ now: () => state.now.getTime() });
    const revocations: RevocationList = {
      revoke: (tokenId, until) => memory.revoke(tokenId, until),
      isRevoked: async (tokenId) => {
        if (state.revocationDown) throw new Error('redis down');
        return memory.isRevoked(tokenId);
      },
      close: () => memory.close(),
    };
    const verifier: TokenVerifier = createTokenVerifier({
      auth: { ...config.auth, verifyCacheSize: cache.size ?? 10000, verifyCacheSeconds: cache.seconds ?? 300 },
      keys: {
        source: realKeys.source,
        getKey: async (header, token) => {
          state.keyLookups += 1;
          if (state.withdrawn) throw new Error('no applicable key found');
          return realKeys.getKey(header, token);
        },
      },
      revocations,
      currentDate: () => state.now,
    });
    const later = (seconds: number) => (state.now = new Date(start.getTime() + seconds * 1000));
    return { state, verifier, revocations, later };
  }
  const mint = (options: Partial<MintOptions> = {}, keys: SigningKeys = signing) =>
    mintToken({ role: 'evaluator', now: start, ...options } as MintOptions, keys);

  it('verifies the signature of a token once, then answers from the cache with the same frozen Caller', async () => {
    const { state, verifier } = setup();
    const token = await mint({ role: 'agency', agency: 'customs' });
    const first = await verifier.verify(token);
    expect(state.keyLookups).toBe(1);
    const again = await verifier.verify(token);
    const third = await verifier.verify(token);
    expect(state.keyLookups).toBe(1);
    expect(again).toBe(first);
    expect(third).toMatchObject({ role: 'agency', agency: 'customs', subject: 'agency:customs' });
    expect(Object.isFrozen(again)).toBe(true);
  });

  it('refuses a cached token once the clock passes exp (beyond the clock tolerance)', async () => {
    const { verifier, later } = setup();
    const token = await mint({ ttl: 60 });
    await verifier.verify(token);
    later(60 + config.auth.clockToleranceSeconds - 1);
    expect((await verifier.verify(token)).role).toBe('evaluator');
    later(60 + config.auth.clockToleranceSeconds);
    await expectRefused(verifier.verify(token), token, 'TOKEN_EXPIRED');
    later(3600);
    await expectRefused(verifier.verify(token), token, 'TOKEN_EXPIRED');
  });

  it('refuses a cached token before its nbf/iat when the clock goes back', async () => {
    const { verifier, later } = setup();
    const token = await mint();
    await verifier.verify(token);
    later(-(config.auth.clockToleranceSeconds + 1));
    await expectRefused(verifier.verify(token), token, 'TOKEN_NOT_YET_VALID');
  });

  it('refuses a token revoked after it was cached, and fails closed when the revocation list is unavailable', async () => {
    const { state, verifier, revocations } = setup();
    const token = await mint({ role: 'platform', platformId: 'taobao' });
    const other = await mint({ role: 'platform', platformId: 'taobao' });
    const caller = await verifier.verify(token);
    await verifier.verify(other);
    state.revocationDown = true;
    await expectRefused(verifier.verify(token), token, 'INVALID_TOKEN');
    state.revocationDown = false;
    expect((await verifier.verify(token)).role).toBe('platform');
    await revocations.revoke(caller.tokenId!, caller.expiresAt!);
    await expectRefused(verifier.verify(token), token, 'TOKEN_REVOKED');
    await expectRefused(verifier.verify(token), token, 'TOKEN_REVOKED');
    expect((await verifier.verify(other)).role).toBe('platform');
    expect(state.keyLookups).toBe(2);
  });

  it('still refuses a tampered token, and verifies the same claims under another signature on their own', async () => {
    const { state, verifier } = setup();
    const token = await mint({ role: 'evaluator' });
    await verifier.verify(token);
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${h}.${b64url({ ...claims, role: 'admin', scope: 'admin pii:read' })}.${s}`;
    await expectRefused(verifier.verify(forged), forged, 'INVALID_TOKEN');
    const flipped = `${h}.${p}.${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
    await expectRefused(verifier.verify(flipped), flipped, 'INVALID_TOKEN');
    const other = await generateKeyPair('ES256');
    const wrongKey = await mint({ role: 'evaluator' }, { ...signing, privateKey: other.privateKey });
    await expectRefused(verifier.verify(wrongKey), wrongKey, 'INVALID_TOKEN');
    await expectRefused(verifier.verify(wrongKey), wrongKey, 'INVALID_TOKEN');
    const lookups = state.keyLookups;
    // ES256 signatures are randomised: the same claims signed again make another token, verified on its own.
    const resigned = await mint({ role: 'evaluator' });
    expect(resigned).not.toBe(token);
    await verifier.verify(resigned);
    expect(state.keyLookups).toBe(lookups + 1);
  });

  it('never remembers a refusal: a token refused once is checked in full the next time', async () => {
    const { state, verifier } = setup();
    const token = await mint();
    state.revocationDown = true;
    await expectRefused(verifier.verify(token), token, 'INVALID_TOKEN');
    state.withdrawn = true;
    state.revocationDown = false;
    await expectRefused(verifier.verify(token), token, 'INVALID_TOKEN');
    state.withdrawn = false;
    expect((await verifier.verify(token)).role).toBe('evaluator');
    expect(state.keyLookups).toBe(3);
  });

  it('checks the signature again after AUTH_VERIFY_CACHE_SECONDS, so a withdrawn key stops working', async () => {
    const { state, verifier, later } = setup({ seconds: 60 });
    const token = await mint({ ttl: '1h' });
    await verifier.verify(token);
    state.withdrawn = true;
    later(59);
    expect((await verifier.verify(token)).role).toBe('evaluator');
    expect(state.keyLookups).toBe(1);
    later(61);
    await expectRefused(verifier.verify(token), token, 'INVALID_TOKEN');
    expect(state.keyLookups).toBe(2);
  });

  it('is bounded: with room for two tokens a third evicts the least recently used, which is verified again', async () => {
    const { state, verifier } = setup({ size: 2 });
    const [a, b, c] = await Promise.all([mint(), mint(), mint()]);
    for (const token of [a, b, c]) await verifier.verify(token);
    expect(state.keyLookups).toBe(3);
    await verifier.verify(b);
    await verifier.verify(c);
    expect(state.keyLookups).toBe(3);
    await verifier.verify(a);
    expect(state.keyLookups).toBe(4);
  });

  it('AUTH_VERIFY_CACHE_SIZE=0 verifies every request in full', async () => {
    const { state, verifier } = setup({ size: 0 });
    const token = await mint();
    for (let i = 0; i < 3; i++) expect((await verifier.verify(token)).role).toBe('evaluator');
    expect(state.keyLookups).toBe(3);
  });
});
