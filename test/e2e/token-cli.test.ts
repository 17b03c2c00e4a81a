import { main } from '../../shared/auth/token-cli';
import { startStackForTest, StackHarness } from '../support/stack-harness';

/** The README's first steps: `npm start`, then `npm run token` with the same DATA_DIR, then a query with that token. */
describe('npm run token against a running server', () => {
  let h: StackHarness;
  beforeAll(async () => {
    h = await startStackForTest({ seedOperators: 3 });
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('finds the key the server created at start, and the server accepts the token it prints', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['--role', 'admin'], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, h.config);
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    const res = await h.query('{ operators(first: 1) { totalCount } }', undefined, { authorization: `Bearer ${out.join('').trim()}` });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ operators: { totalCount: 3 } });
  });
});
