import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  importPKCS8,
  importSPKI,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import type { AuthConfig, AuthKeySource, JwtAlgorithm } from '../../config/config';
import type { Logger } from '../../logging/logger';
import { createExclusively, errorCode } from '../../files/create-exclusively';

/** A key configuration that cannot work (missing file, wrong key type, no signing key...). */
export class KeyConfigError extends Error {}

/** What `mintToken` signs with. */
export interface SigningKeys {
  privateKey: CryptoKey;
  algorithm: JwtAlgorithm;
  /** `kid` header, so verifiers holding several keys pick the right one. */
  keyId?: string;
  issuer: string;
  audience: string;
}

/** What tokens are verified with: a jose key resolver (picks the key by `kid` and `alg`). */
export interface VerificationKeys {
  source: AuthKeySource['kind'];
  getKey: JWTVerifyGetKey;
}

export const DEV_ISSUER_FILES = {
  /** PKCS8 PEM, mode 0600. */
  privateKey: 'dev-issuer-private.pem',
  /** Public JWKS with the key's `kid` (its RFC 7638 thumbprint); hand it to other verifiers. */
  jwks: 'dev-issuer-jwks.json',
} as const;

export interface DevIssuerKeys {
  privateKey: CryptoKey;
  algorithm: JwtAlgorithm;
  keyId: string;
  jwks: JSONWebKeySet;
  privateKeyPath: string;
  jwksPath: string;
  /** True when this call generated the key pair. */
  created: boolean;
}

/** The JWS algorithm a key is meant for, from its type (RSA defaults to RS256). */
export function algorithmForKey(key: crypto.KeyObject): JwtAlgorithm {
  switch (key.asymmetricKeyType) {
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (curve === 'prime256v1' || curve === 'P-256') return 'ES256';
      if (curve === 'secp384r1' || curve === 'P-384') return 'ES384';
      if (curve === 'secp521r1' || curve === 'P-521') return 'ES512';
      throw new KeyConfigError(`unsupported elliptic curve ${String(curve)}`);
    }
    case 'rsa':
      return 'RS256';
    case 'rsa-pss':
      return 'PS256';
    case 'ed25519':
      return 'EdDSA';
    default:
      throw new KeyConfigError(`unsupported key type ${String(key.asymmetricKeyType)}`);
  }
}

function writeAtomically(file: string, content: string, mode: number): void {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, content, { mode, flag: 'wx' });
  fs.renameSync(tmp, file);
}

async function publicJwk(key: crypto.KeyObject, algorithm: JwtAlgorithm, keyId?: string): Promise<JWK> {
  const jwk = crypto.createPublicKey(key).export({ format: 'jwk' }) as JWK;
  const kid = keyId ?? (await calculateJwkThumbprint(jwk));
  return { ...jwk, kid, alg: algorithm, use: 'sig' };
}

/**
 * The embedded dev issuer: an ES256 key pair generated on first start under `keysDir` and reused
 * afterwards. Several processes starting at once agree on one key (exclusive create).
 */
export async function ensureDevIssuerKeys(keysDir: string, log?: Logger): Promise<DevIssuerKeys> {
  const privateKeyPath = path.join(keysDir, DEV_ISSUER_FILES.privateKey);
  const jwksPath = path.join(keysDir, DEV_ISSUER_FILES.jwks);
  fs.mkdirSync(keysDir, { recursive: true, mode: 0o700 });

  let created = false;
  let pem: string;
  try {
    pem = fs.readFileSync(privateKeyPath, 'utf8');
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
    const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    created = createExclusively(privateKeyPath, pem, 0o600);
    if (!created) pem = fs.readFileSync(privateKeyPath, 'utf8');
  }
  if (!created && (fs.statSync(privateKeyPath).mode & 0o077) !== 0) {
    log?.warn({ file: privateKeyPath }, 'dev issuer private key is readable by others; expected mode 0600');
  }

  let keyObject: crypto.KeyObject;
  try {
    keyObject = crypto.createPrivateKey(pem);
  } catch {
    throw new KeyConfigError(`${privateKeyPath} is not a readable private key; delete it to generate a new one`);
  }
  const algorithm = algorithmForKey(keyObject);
  const jwk = await publicJwk(keyObject, algorithm);
  const jwks: JSONWebKeySet = { keys: [jwk] };
  const jwksText = JSON.stringify(jwks, null, 2) + '\n';
  let existing: string | undefined;
  try {
    existing = fs.readFileSync(jwksPath, 'utf8');
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
  if (existing !== jwksText) writeAtomically(jwksPath, jwksText, 0o644);
  if (created) log?.info({ keysDir, kid: jwk.kid }, 'generated the dev issuer key pair');

  const privateKey = await importPKCS8(crypto.createPrivateKey(pem).export({ type: 'pkcs8', format: 'pem' }) as string, algorithm);
  return { privateKey, algorithm, keyId: jwk.kid as string, jwks, privateKeyPath, jwksPath, created };
}

/** Reads and checks a JWKS file: public asymmetric keys only. */
export function readJwksFile(file: string): JSONWebKeySet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new KeyConfigError(`AUTH_JWKS_PATH ${file}: ${errorCode(error) === 'ENOENT' ? 'no such file' : 'not a JSON file'}`);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new KeyConfigError(`AUTH_JWKS_PATH ${file}: expected {"keys": [...]} with at least one key`);
  keys.forEach((key: unknown, i) => {
    const k = key as Record<string, unknown> | null;
    if (typeof k !== 'object' || k === null || typeof k.kty !== 'string') throw new KeyConfigError(`AUTH_JWKS_PATH ${file}: key ${i} has no "kty"`);
    if (k.kty === 'oct') throw new KeyConfigError(`AUTH_JWKS_PATH ${file}: key ${i} is symmetric; only public keys are accepted`);
    if ('d' in k) throw new KeyConfigError(`AUTH_JWKS_PATH ${file}: key ${i} holds private key material; publish public keys only`);
  });
  return { keys: keys as JWK[] };
}

/**
 * Local JWKS file resolver. An unknown `kid` re-reads the file (at most every 10 s, and only when it
 * changed), so a rotated file is picked up without a restart.
 */
function jwksFileResolver(file: string, log?: Logger): JWTVerifyGetKey {
  let set = createLocalJWKSet(readJwksFile(file));
  let mtimeMs = fs.statSync(file).mtimeMs;
  let lastCheck = Date.now();
  return async (header, token) => {
    try {
      return await set(header, token);
    } catch (error) {
      if (!(error instanceof joseErrors.JWKSNoMatchingKey) || Date.now() - lastCheck < 10_000) throw error;
      lastCheck = Date.now();
      const current = fs.statSync(file).mtimeMs;
      if (current === mtimeMs) throw error;
      set = createLocalJWKSet(readJwksFile(file));
      mtimeMs = current;
      log?.info({ file }, 'reloaded the JWKS file');
      return set(header, token);
    }
  };
}

/** Single PEM public key: imported once per algorithm the key type supports. */
function pemResolver(pem: string): JWTVerifyGetKey {
  let keyObject: crypto.KeyObject;
  try {
    keyObject = crypto.createPublicKey(pem);
  } catch {
    throw new KeyConfigError('AUTH_PUBLIC_KEY_PEM is not a readable public key');
  }
  if (keyObject.type !== 'public') throw new KeyConfigError('AUTH_PUBLIC_KEY_PEM must be a public key');
  algorithmForKey(keyObject); // refuses unsupported key types now rather than per request
  const spki = keyObject.export({ type: 'spki', format: 'pem' }) as string;
  const imported = new Map<string, Promise<CryptoKey>>();
  return async (header) => {
    const alg = header.alg;
    let key = imported.get(alg);
    if (!key) {
      // Throws when the token's alg does not fit the key type (e.g. RS256 against an EC key).
      key = importSPKI(spki, alg);
      imported.set(alg, key);
      key.catch(() => imported.delete(alg));
    }
    return key;
  };
}

/** Verification keys of the configured source: the dev issuer (default), a JWKS URL or file, or one PEM key. */
export async function loadVerificationKeys(auth: AuthConfig, log?: Logger): Promise<VerificationKeys> {
  const source = auth.keySource;
  switch (source.kind) {
    case 'dev-issuer': {
      const dev = await ensureDevIssuerKeys(source.keysDir, log);
      if (!auth.algorithms.includes(dev.algorithm)) {
        throw new KeyConfigError(`AUTH_ALGORITHMS must include ${dev.algorithm} to verify dev issuer tokens`);
      }
      return { source: source.kind, getKey: createLocalJWKSet(dev.jwks) };
    }
    case 'jwks-url':
      return {
        source: source.kind,
        getKey: createRemoteJWKSet(new URL(source.url), { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 }),
      };
    case 'jwks-file':
      return { source: source.kind, getKey: jwksFileResolver(source.path, log) };
    case 'public-key-pem':
      return { source: source.kind, getKey: pemResolver(source.pem) };
  }
}

/**
 * Signing keys for `npm run token`: the dev issuer's private key by default; with a production key
 * source only the private key at AUTH_SIGNING_KEY_PATH (the dev issuer is never used then).
 */
export async function loadSigningKeys(auth: AuthConfig, log?: Logger): Promise<SigningKeys> {
  const base = { issuer: auth.issuer, audience: auth.audience };
  if (auth.keySource.kind === 'dev-issuer') {
    const dev = await ensureDevIssuerKeys(auth.keySource.keysDir, log);
    return { ...base, privateKey: dev.privateKey, algorithm: dev.algorithm, keyId: dev.keyId };
  }
  if (!auth.signingKeyPath) {
    throw new KeyConfigError(
      `tokens are verified with ${auth.keySource.kind} keys, so the dev issuer cannot mint them; set AUTH_SIGNING_KEY_PATH to the matching private key`,
    );
  }
  let keyObject: crypto.KeyObject;
  try {
    keyObject = crypto.createPrivateKey(fs.readFileSync(auth.signingKeyPath, 'utf8'));
  } catch (error) {
    throw new KeyConfigError(
      `AUTH_SIGNING_KEY_PATH ${auth.signingKeyPath}: ${errorCode(error) === 'ENOENT' ? 'no such file' : 'not a readable private key'}`,
    );
  }
  const algorithm = auth.signingAlgorithm ?? algorithmForKey(keyObject);
  if (!auth.algorithms.includes(algorithm)) throw new KeyConfigError(`signing algorithm ${algorithm} is not in AUTH_ALGORITHMS`);
  let privateKey: CryptoKey;
  try {
    privateKey = await importPKCS8(keyObject.export({ type: 'pkcs8', format: 'pem' }) as string, algorithm);
  } catch {
    throw new KeyConfigError(`AUTH_SIGNING_KEY_PATH: the key does not fit algorithm ${algorithm}`);
  }
  let keyId = auth.signingKeyId;
  if (!keyId) {
    const thumbprint = await calculateJwkThumbprint(crypto.createPublicKey(keyObject).export({ format: 'jwk' }) as JWK);
    keyId = thumbprint;
    if (auth.keySource.kind === 'jwks-file') {
      // Use the kid the JWKS file gives this key, if it lists it.
      for (const jwk of readJwksFile(auth.keySource.path).keys) {
        if (jwk.kid && (await calculateJwkThumbprint(jwk).catch(() => undefined)) === thumbprint) keyId = jwk.kid;
      }
    }
  }
  return { ...base, privateKey, algorithm, keyId };
}
