import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { createAuthenticator } from '../../../shared/auth/authenticate';
import { DEV_ISSUER_FILES, ensureDevIssuerKeys, KeyConfigError, loadSigningKeys, loadVerificationKeys, SigningKeys } from '../../../shared/auth/tokens/keys';
import { mintToken } from '../../../shared/auth/tokens/mint';
import { configFor, expectRefused, memoryLogger, tempDataDir } from './helpers';

describe('dev issuer keys', () => {
  const data = tempDataDir();
  afterAll(() => data.cleanup());
  const keysDir = path.join(data.dir, 'keys');

  it('are generated on first start (private key 0600, public JWKS with kid) and reused afterwards', async () => {
    const first = await ensureDevIssuerKeys(keysDir);
    expect(first.created).toBe(true);
    expect(first.algorithm).toBe('ES256');
    const privateFile = path.join(keysDir, DEV_ISSUER_FILES.privateKey);
    expect(fs.statSync(privateFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(privateFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const jwks = JSON.parse(fs.readFileSync(path.join(keysDir, DEV_ISSUER_FILES.jwks), 'utf8'));
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: first.keyId });
    expect(jwks.keys[0].d).toBeUndefined();

    const second = await ensureDevIssuerKeys(keysDir);
    expect(second.created).toBe(false);
    expect(second.keyId).toBe(first.keyId);
  });

  it('tokens minted before a restart verify after it (same DATA_DIR, new processes)', async () => {
    const config = configFor(data.dir);
    const token = await mintToken({ role: 'evaluator' }, await loadSigningKeys(config.auth));
    const { log } = memoryLogger();
    const restarted = createAuthenticator(configFor(data.dir), log);
    expect((await restarted.authenticate(`Bearer ${token}`)).role).toBe('evaluator');
    await restarted.close();

    // A different DATA_DIR is a different issuer key: the token does not verify there.
    const elsewhere = tempDataDir();
    const stranger = createAuthenticator(configFor(elsewhere.dir), log);
    await expectRefused(stranger.authenticate(`Bearer ${token}`), token, 'INVALID_TOKEN');
    await stranger.close();
    elsewhere.cleanup();
  });

  it('repeated first starts in one process agree on one key', async () => {
    const dir = path.join(data.dir, 'race');
    const results = await Promise.all([1, 2, 3, 4].map(() => ensureDevIssuerKeys(dir)));
    expect(new Set(results.map((r) => r.keyId)).size).toBe(1);
    expect(fs.readdirSync(dir).sort()).toEqual([DEV_ISSUER_FILES.jwks, DEV_ISSUER_FILES.privateKey].sort());
  });

  it('a corrupt private key file is reported, not silently replaced', async () => {
    const dir = path.join(data.dir, 'corrupt');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, DEV_ISSUER_FILES.privateKey), 'not a key', { mode: 0o600 });
    await expect(ensureDevIssuerKeys(dir)).rejects.toThrow(KeyConfigError);
  });
});

/** A signing key pair with a kid, and its public JWK. */
async function keyPair(alg: 'ES256' | 'RS256' | 'EdDSA', kid: string) {
  const pair = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' };
  return { ...pair, jwk, kid, alg };
}

describe('production key sources', () => {
  const data = tempDataDir();
  afterAll(() => data.cleanup());
  const { log } = memoryLogger();
  const issuer = 'https://idp.example.gov.cn';
  const audience = 'operator-credit-graph';
  const signer = (k: { privateKey: SigningKeys['privateKey']; alg: string; kid?: string }): SigningKeys => ({
    privateKey: k.privateKey,
    algorithm: k.alg as SigningKeys['algorithm'],
    keyId: k.kid,
    issuer,
    audience,
  });

  it('a JWKS file with two kids verifies tokens signed by either (rotation); an unknown kid fails', async () => {
    const [oldKey, newKey, stray] = await Promise.all([keyPair('ES256', '2026-01'), keyPair('RS256', '2026-07'), keyPair('ES256', '2026-13')]);
    const jwksPath = path.join(data.dir, 'jwks.json');
    fs.writeFileSync(jwksPath, JSON.stringify({ keys: [oldKey.jwk, newKey.jwk] }));
    const config = configFor(data.dir, { AUTH_JWKS_PATH: jwksPath, AUTH_ISSUER: issuer });
    const auth = createAuthenticator(config, log);
    for (const key of [oldKey, newKey]) {
      const caller = await auth.authenticate(`Bearer ${await mintToken({ role: 'admin' }, signer(key))}`);
      expect(caller.role).toBe('admin');
    }
    const unknown = await mintToken({ role: 'admin' }, signer(stray));
    await expectRefused(auth.authenticate(`Bearer ${unknown}`), unknown, 'INVALID_TOKEN');
    // A token claiming a known kid but signed by another key.
    const impostor = await mintToken({ role: 'admin' }, signer({ ...stray, kid: oldKey.kid }));
    await expectRefused(auth.authenticate(`Bearer ${impostor}`), impostor, 'INVALID_TOKEN');
    // The dev issuer is disabled: its tokens no longer verify, and it is not even created.
    expect(fs.existsSync(path.join(data.dir, 'keys'))).toBe(false);
    await auth.close();
  });

  it('a JWKS URL is fetched by kid, so a key added later (rotation) verifies without a restart', async () => {
    const [first, second] = await Promise.all([keyPair('ES256', 'url-1'), keyPair('ES256', 'url-2')]);
    let published = [first.jwk];
    let fetches = 0;
    const server = http.createServer((_req, res) => {
      fetches++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    const auth = createAuthenticator(configFor(data.dir, { AUTH_JWKS_URL: url, AUTH_ISSUER: issuer }), log);
    try {
      const a = await mintToken({ role: 'evaluator' }, signer(first));
      expect((await auth.authenticate(`Bearer ${a}`)).role).toBe('evaluator');
      expect((await auth.authenticate(`Bearer ${a}`)).role).toBe('evaluator');
      expect(fetches).toBe(1); // cached, not fetched per request
      const b = await mintToken({ role: 'evaluator' }, signer(second));
      await expectRefused(auth.authenticate(`Bearer ${b}`), b, 'INVALID_TOKEN');
      published = [first.jwk, second.jwk];
      // The refetch after an unknown kid is rate-limited (30 s cooldown); pretend time has passed.
      jest.useFakeTimers({ now: Date.now() + 31_000, doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'nextTick', 'queueMicrotask'] });
      const b2 = await mintToken({ role: 'evaluator', now: new Date() }, signer(second));
      expect((await auth.authenticate(`Bearer ${b2}`)).role).toBe('evaluator');
      expect(fetches).toBe(2);
    } finally {
      jest.useRealTimers();
      await auth.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('an EdDSA key is accepted by default, an algorithm outside the allow-list is not', async () => {
    const ed = await keyPair('EdDSA', 'ed-1');
    const jwksPath = path.join(data.dir, 'jwks-ed.json');
    fs.writeFileSync(jwksPath, JSON.stringify({ keys: [ed.jwk] }));
    const auth = createAuthenticator(configFor(data.dir, { AUTH_JWKS_PATH: jwksPath, AUTH_ISSUER: issuer }), log);
    const token = await mintToken({ role: 'public' }, signer(ed));
    expect((await auth.authenticate(`Bearer ${token}`)).role).toBe('public');
    await auth.close();

    const esOnly = createAuthenticator(configFor(data.dir, { AUTH_JWKS_PATH: jwksPath, AUTH_ISSUER: issuer, AUTH_ALGORITHMS: 'ES256' }), log);
    await expectRefused(esOnly.authenticate(`Bearer ${token}`), token, 'INVALID_TOKEN');
    await esOnly.close();
  });

  it('a JWKS file with a symmetric or private key is refused', async () => {
    const ec = await keyPair('ES256', 'p');
    const file = path.join(data.dir, 'bad-jwks.json');
    const config = configFor(data.dir, { AUTH_JWKS_PATH: file });
    fs.writeFileSync(file, JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 'hs' }] }));
    await expect(loadVerificationKeys(config.auth)).rejects.toThrow(/symmetric/);
    fs.writeFileSync(file, JSON.stringify({ keys: [{ ...(await exportJWK(ec.privateKey)), kid: 'p' }] }));
    await expect(loadVerificationKeys(config.auth)).rejects.toThrow(/private/);
  });

  it('a single PEM public key verifies its tokens and nothing else', async () => {
    const rsa = await keyPair('RS256', 'ignored');
    const pem = await exportSPKI(rsa.publicKey);
    const auth = createAuthenticator(configFor(data.dir, { AUTH_PUBLIC_KEY_PEM: pem.replace(/\n/g, '\\n'), AUTH_ISSUER: issuer }), log);
    const token = await mintToken({ role: 'evaluator' }, signer({ ...rsa, kid: undefined }));
    expect((await auth.authenticate(`Bearer ${token}`)).role).toBe('evaluator');
    const other = await keyPair('RS256', 'x');
    const forged = await mintToken({ role: 'evaluator' }, signer(other));
    await expectRefused(auth.authenticate(`Bearer ${forged}`), forged, 'INVALID_TOKEN');
    const es = await keyPair('ES256', 'x');
    const wrongType = await mintToken({ role: 'evaluator' }, signer(es));
    await expectRefused(auth.authenticate(`Bearer ${wrongType}`), wrongType, 'INVALID_TOKEN');
    // HS256 with the PEM text as the secret (algorithm confusion) is refused.
    const hs = await new SignJWT({ role: 'admin', scope: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject('admin:x')
      .setJti('hs-confusion-1')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(pem));
    await expectRefused(auth.authenticate(`Bearer ${hs}`), hs, 'INVALID_TOKEN');
    await auth.close();
  });

  it('minting refuses without AUTH_SIGNING_KEY_PATH, and signs with it (kid taken from the JWKS file)', async () => {
    const key = await keyPair('ES256', 'signing-2026');
    const jwksPath = path.join(data.dir, 'jwks-signing.json');
    fs.writeFileSync(jwksPath, JSON.stringify({ keys: [key.jwk] }));
    const env = { AUTH_JWKS_PATH: jwksPath, AUTH_ISSUER: issuer };
    await expect(loadSigningKeys(configFor(data.dir, env).auth)).rejects.toThrow(/AUTH_SIGNING_KEY_PATH/);

    const keyPath = path.join(data.dir, 'signing.pem');
    fs.writeFileSync(keyPath, await exportPKCS8(key.privateKey), { mode: 0o600 });
    const config = configFor(data.dir, { ...env, AUTH_SIGNING_KEY_PATH: keyPath });
    const signing = await loadSigningKeys(config.auth);
    expect(signing).toMatchObject({ algorithm: 'ES256', keyId: 'signing-2026', issuer });
    const auth = createAuthenticator(config, log);
    expect((await auth.authenticate(`Bearer ${await mintToken({ role: 'admin' }, signing)}`)).role).toBe('admin');
    await auth.close();

    // An RSA key in PKCS#1 form is read as well.
    const rsaPath = path.join(data.dir, 'rsa.pem');
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    fs.writeFileSync(rsaPath, privateKey.export({ type: 'pkcs1', format: 'pem' }));
    const rsa = await loadSigningKeys(configFor(data.dir, { ...env, AUTH_SIGNING_KEY_PATH: rsaPath }).auth);
    expect(rsa.algorithm).toBe('RS256');
    await expect(loadSigningKeys(configFor(data.dir, { ...env, AUTH_SIGNING_KEY_PATH: path.join(data.dir, 'nope.pem') }).auth)).rejects.toThrow(
      /no such file/,
    );
  });
});
