import fs from 'node:fs';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { createAuthenticator } from '../../../shared/auth/authenticate';
import { main, USAGE } from '../../../shared/auth/token-cli';
import { DEV_ISSUER_FILES, ensureDevIssuerKeys } from '../../../shared/auth/tokens/keys';
import { completeUscc } from '../../../shared/credit-code/uscc';
import { configFor, memoryLogger, tempDataDir } from './helpers';

const OPERATOR = completeUscc('91', '440106', 'MA5D1234');
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

describe('npm run token', () => {
  const data = tempDataDir();
  const config = configFor(data.dir);
  // The key pair the server creates on its first start.
  beforeAll(() => ensureDevIssuerKeys(path.join(data.dir, 'keys')));
  afterAll(() => data.cleanup());

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, config);
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  it.each([
    ['public'],
    ['agency', '--agency', 'finance'],
    ['evaluator', '--scope', 'pii:read', '--ttl', '15m', '--subject', 'evaluator:acme'],
    ['platform', '--platform', 'taobao'],
    ['operator', '--operator', OPERATOR],
    ['admin', '--ttl', '7d'],
  ])('--role %s prints exactly one JWT, which verifies', async (role, ...rest) => {
    const { code, stdout, stderr } = await run('--role', role, ...rest);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.endsWith('\n')).toBe(true);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(JWT);
    const { log } = memoryLogger();
    const auth = createAuthenticator(config, log);
    const caller = await auth.authenticate(`Bearer ${lines[0]}`);
    await auth.close();
    expect(caller.role).toBe(role);
    if (role === 'evaluator') {
      expect(caller.subject).toBe('evaluator:acme');
      expect([...caller.scopes]).toEqual(['credit:read', 'pii:read']);
      const claims = decodeJwt(lines[0]);
      expect(claims.exp! - claims.iat!).toBe(900);
    }
    if (role === 'operator') expect(caller.operators).toEqual([OPERATOR]);
  });

  it('accepts repeated --operator and --scope', async () => {
    const second = completeUscc('92', '440104', 'L2345678');
    const { code, stdout } = await run('--role', 'operator', '--operator', OPERATOR, '--operator', second, '--scope', 'a:b', '--scope', 'c:d');
    expect(code).toBe(0);
    expect(decodeJwt(stdout.trim())).toMatchObject({ operators: [OPERATOR, second], scope: 'operator:self a:b c:d' });
  });

  it.each([
    [[], /--role is required/],
    [['--role'], /argument missing|--role/],
    [['--role', 'root'], /--role must be one of/],
    [['--role', 'agency'], /--agency/],
    [['--role', 'agency', '--agency', 'nowhere'], /--agency/],
    [['--role', 'platform'], /--platform/],
    [['--role', 'operator'], /--operator/],
    [['--role', 'operator', '--operator', '91440106MA5D1234'], /must be 18 characters/],
    [['--role', 'public', '--ttl', 'forever'], /--ttl/],
    [['--role', 'public', '--ttl', '90d'], /at most/],
    [['--role', 'public', '--bogus'], /Unknown option/],
    [['--role', 'public', 'stray'], /positional|Unexpected argument/],
  ])('%j exits 1 with the reason and the usage on stderr, nothing on stdout', async (argv, message) => {
    const { code, stdout, stderr } = await run(...(argv as string[]));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain(USAGE);
  });

  it('--help prints the usage, including the default scopes of each role', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout).toBe(USAGE);
    expect(USAGE).toContain('agency     gov:shared agency:<id> <id>:write');
    expect(USAGE).toContain('admin      admin gov:shared pii:read');
  });

  it('refuses to mint with a production key source but no AUTH_SIGNING_KEY_PATH', async () => {
    const prod = configFor(data.dir, { AUTH_JWKS_URL: 'https://idp.example.gov.cn/jwks.json' });
    const err: string[] = [];
    const out: string[] = [];
    const code = await main(['--role', 'admin'], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, prod);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('')).toMatch(/AUTH_SIGNING_KEY_PATH/);
  });
});

describe('npm run token without the server\'s keys', () => {
  const data = tempDataDir();
  const keyFile = path.join(data.dir, 'keys', DEV_ISSUER_FILES.privateKey);
  afterAll(() => data.cleanup());

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, configFor(data.dir));
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  it('names the key file it looked for and the DATA_DIR, says how to create it, and creates nothing', async () => {
    const { code, stdout, stderr } = await run('--role', 'admin');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`token: no dev issuer key at ${keyFile} (DATA_DIR is ${data.dir}).`);
    expect(stderr).toContain('start the server once (npm start) with this DATA_DIR');
    expect(stderr).toContain('DATA_DIR=<dir> npm run -s token');
    expect(stderr).toContain('--create-keys');
    expect(stderr).not.toContain(USAGE);
    expect(fs.existsSync(keyFile)).toBe(false);
  });

  it('--create-keys creates the key pair there, and a server on that DATA_DIR accepts the token', async () => {
    const { code, stdout } = await run('--role', 'admin', '--create-keys');
    expect(code).toBe(0);
    expect(fs.existsSync(keyFile)).toBe(true);
    const auth = createAuthenticator(configFor(data.dir), memoryLogger().log);
    const caller = await auth.authenticate(`Bearer ${stdout.trim()}`);
    await auth.close();
    expect(caller.role).toBe('admin');
  });
});
