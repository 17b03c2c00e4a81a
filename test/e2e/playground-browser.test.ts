import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildPlayground } from '../../gateway/playground/build-playground';
import { PROJECT_ROOT } from '../../shared/config/paths';
import { startStackForTest, StackHarness } from '../support/stack-harness';

/** Debian's chromium (`apt-get install -y chromium`); nothing is downloaded. */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts');
// CI installs chromium (.ci/run), so there a missing browser fails instead of skipping.
const runs = fs.existsSync(CHROMIUM) || process.env.CI === 'true';
const describeWithBrowser = runs ? describe : describe.skip;
const title = runs
  ? 'the playground in a browser, offline'
  : `the playground in a browser, offline — not run: ${CHROMIUM} is absent (apt-get install -y chromium)`;

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

describeWithBrowser(title, () => {
  let h: StackHarness;
  let context: BrowserContext;
  let page: Page;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ocg-playground-browser-'));
  const notLocal: string[] = [];

  beforeAll(async () => {
    const assetsDir = path.join(work, 'assets');
    await buildPlayground(assetsDir);
    // Development: the playground reads the schema anonymously, which only development allows.
    h = await startStackForTest({ seedOperators: 500, env: { NODE_ENV: 'development', PLAYGROUND_ASSETS_DIR: assetsDir } });
    context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1400, height: 900 },
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isLocal(url)) return route.continue();
      notLocal.push(url);
      return route.abort('internetdisconnected');
    });
    page = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    await h?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** Runs the editor's operation as the user would and reads the playground's summary of the answer. */
  async function run(): Promise<string> {
    const answered = page.waitForResponse(
      (r) => r.url() === h.gatewayUrl && r.request().method() === 'POST' && !(r.request().postData() ?? '').includes('IntrospectionQuery'),
    );
    await page.locator('.graphiql-execute-button').click();
    await answered;
    const summary = page.getByTestId('result-summary').filter({ hasNotText: 'Running…' });
    await summary.waitFor();
    return (await summary.textContent()) ?? '';
  }

  async function chooseRole(id: string, subject: string): Promise<void> {
    await page.getByTestId('role').selectOption(id);
    await page.getByTestId('session').getByText(subject).waitFor();
    // The example changes with the role's group: wait for the editor to show it.
    await page.locator('.graphiql-query-editor').getByText('EvaluatorCreditReport').first().waitFor();
  }

  it('loads GraphiQL from the gateway alone', async () => {
    await page.goto(h.gatewayUrl);
    await page.locator('.graphiql-container').waitFor();
    await page.locator('.graphiql-query-editor').getByText('PublicOperator').first().waitFor();
    expect(await page.getByTestId('session').textContent()).toBe('Anonymous: no token');
  });

  it('shows the public the withheld field as an error', async () => {
    expect(await run()).toBe('1 error: UNAUTHORIZED_FIELD_OR_TYPE');
    await page.locator('.graphiql-response').getByText('UNAUTHORIZED_FIELD_OR_TYPE').first().waitFor();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-anonymous.png') });
  });

  it('withholds the credit report from an evaluator without consent', async () => {
    await chooseRole('evaluator:no-consent', 'evaluator:playground-no-consent');
    await page.getByTestId('purpose').fill('loan application');
    expect(await run()).toMatch(/^\d+ errors: UNAUTHORIZED_FIELD_OR_TYPE ×\d+$/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-evaluator-without-consent.png') });
  });

  it('shows the credit report to an evaluator the operator consented to, for the purpose sent', async () => {
    await chooseRole('evaluator:consented', 'evaluator:playground-consented');
    expect(await page.getByTestId('purpose').inputValue()).toBe('loan application');
    expect(await run()).toBe('No errors');
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-evaluator.png') });
  });

  it('attempted no request beyond localhost', () => {
    expect(notLocal).toEqual([]);
  });
});
