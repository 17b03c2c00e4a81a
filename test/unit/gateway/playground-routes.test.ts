import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { createAuthenticator } from '../../../shared/auth/authenticate';
import { loadConfig } from '../../../shared/config/config';
import { listen, RunningHttpServer } from '../../../shared/http/serve';
import { createLogger } from '../../../shared/logging/logger';
import { playgroundRoutes } from '../../../gateway/playground/playground-routes';

/** The playground's routes on their own: what a browser and a script get in development and in production. */
describe('playground routes', () => {
  const log = createLogger('silent');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocg-playground-'));
  const assetsDir = path.join(dataDir, 'assets');
  const servers: RunningHttpServer[] = [];

  async function serve(env: Record<string, string>): Promise<{ url: string; config: ReturnType<typeof loadConfig> }> {
    const config = loadConfig({ DATA_DIR: dataDir, PLAYGROUND_ASSETS_DIR: assetsDir, LOG_LEVEL: 'silent', ...env });
    const app = express();
    app.use(playgroundRoutes({ config, log, graphqlUrl: () => 'http://127.0.0.1:9/graphql' }));
    const server = await listen(app, 0, '127.0.0.1');
    servers.push(server);
    return { url: `http://127.0.0.1:${server.port}`, config };
  }

  const mint = (url: string, role: string) =>
    fetch(`${url}/playground/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role }) });

  afterAll(async () => {
    for (const s of servers) await s.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  describe('in production', () => {
    it('refuses to mint development tokens', async () => {
      const { url } = await serve({ NODE_ENV: 'production' });
      const response = await mint(url, 'admin');
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: 'Development tokens are not issued in production' });
    });

    it('serves no playground to browsers', async () => {
      const { url } = await serve({ NODE_ENV: 'production' });
      const page = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(404);
      expect((await fetch(`${url}/playground/setup.json`)).status).toBe(404);
      expect((await fetch(`${url}/playground/assets/playground.js`)).status).toBe(404);
    });
  });

  describe('in development', () => {
    it('mints a token per role that the gateway accepts', async () => {
      const { url, config } = await serve({ NODE_ENV: 'development' });
      const response = await mint(url, 'agency:customs');
      expect(response.status).toBe(200);
      const body = (await response.json()) as { token: string; subject: string; scope: string };
      expect(body).toMatchObject({ subject: 'agency:customs', scope: 'gov:shared agency:customs customs:write' });
      const authenticator = createAuthenticator(config, log);
      const caller = await authenticator.authenticate(`Bearer ${body.token}`);
      await authenticator.close();
      expect(caller).toMatchObject({ role: 'agency', agency: 'customs', subject: 'agency:customs' });
    });

    it('hands anonymous callers no token, and names the roles when asked for another', async () => {
      const { url } = await serve({ NODE_ENV: 'development' });
      expect(await (await mint(url, 'anonymous')).json()).toEqual({ role: 'anonymous', token: null });
      const refused = await mint(url, 'root');
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: string }).error).toMatch(/^role must be one of anonymous, agency:market-regulation/);
    });

    it('offers every role, the purpose header and examples for each user group', async () => {
      const { url } = await serve({ NODE_ENV: 'development' });
      const setup = (await (await fetch(`${url}/playground/setup.json`)).json()) as {
        purposeHeader: string;
        roles: { id: string }[];
        examples: { group: string }[];
      };
      expect(setup.purposeHeader).toBe('x-purpose');
      expect(setup.roles.map((r) => r.id)).toEqual([
        'anonymous',
        'agency:market-regulation',
        'agency:commerce',
        'agency:customs',
        'agency:finance',
        'agency:postal',
        'evaluator:consented',
        'evaluator:no-consent',
        'platform:taobao',
        'operator',
        'admin',
      ]);
      expect(new Set(setup.examples.map((e) => e.group))).toEqual(new Set(['public', 'agency', 'evaluator', 'platform', 'operator']));
    });

    it('serves the page to browsers only, and says how to build it when the bundle is missing', async () => {
      const { url } = await serve({ NODE_ENV: 'development' });
      const missing = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
      expect(missing.status).toBe(503);
      expect(await missing.text()).toContain('npm run build');
      fs.mkdirSync(assetsDir, { recursive: true });
      fs.writeFileSync(path.join(assetsDir, 'playground.js'), '');
      const page = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await page.text()).toContain('<script src="/playground/assets/playground.js"></script>');
      // A GraphQL client's GET is not a browser's.
      expect((await fetch(`${url}/graphql`, { headers: { accept: 'application/json' } })).status).toBe(404);
      // Nor is a CORS preflight: it stays with the gateway's CORS handling.
      expect((await fetch(`${url}/graphql`, { method: 'OPTIONS' })).status).toBe(404);
    });
  });
});
