import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { decodeJwt } from 'jose';
import { loadSigningKeys, mintToken, type SigningKeys } from '../../shared/auth/tokens';
import { PURPOSE_HEADER } from '../../shared/access-control/purpose';
import type { AppConfig } from '../../shared/config/config';
import type { Logger } from '../../shared/logging/logger';
import { playgroundExamples } from './examples';
import { EXAMPLE_PURPOSE, findPlaygroundRole, PLAYGROUND_ROLES, type PlaygroundRole } from './roles';

export const PLAYGROUND_ASSETS_PATH = '/playground/assets';
export const PLAYGROUND_TOKEN_PATH = '/playground/token';
export const PLAYGROUND_SETUP_PATH = '/playground/setup.json';
/** Playground tokens are for trying things out: short-lived. */
const PLAYGROUND_TOKEN_TTL = '8h';
const CONSENT_DAYS = 30;

// Everything from the gateway itself: the page must work with no network but localhost.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Operator credit graph · playground</title>
<link rel="stylesheet" href="${PLAYGROUND_ASSETS_PATH}/playground.css">
</head>
<body>
<div id="playground"></div>
<script src="${PLAYGROUND_ASSETS_PATH}/playground.js"></script>
</body>
</html>
`;

const MISSING_BUNDLE = (dir: string) => `<!doctype html><meta charset="utf-8"><title>Playground not built</title>
<p>The playground bundle is missing from <code>${dir}</code>. Run <code>npm run build</code> (or <code>npm start</code>, which builds).</p>`;

function wantsPage(req: express.Request): boolean {
  // A browser navigating to /graphql; GraphQL GET requests carry a query and go to Apollo.
  return req.method === 'GET' && req.query.query === undefined && req.accepts(['application/json', 'text/html']) === 'text/html';
}

export interface PlaygroundRoutesOptions {
  config: AppConfig;
  log: Logger;
  /** The gateway's own GraphQL URL, known once it listens: the consented evaluator's grant goes through the graph. */
  graphqlUrl(): string;
}

/**
 * GraphiQL (bundled from npm by build-playground.ts) at /graphql for browsers, with a role switcher minting
 * development tokens. In production only the token endpoint remains, refusing.
 */
export function playgroundRoutes(options: PlaygroundRoutesOptions): Router {
  const { config } = options;
  const log = options.log.child({ component: 'playground' });
  const router = Router();
  if (!config.playground.enabled || config.auth.keySource.kind !== 'dev-issuer') {
    router.post(PLAYGROUND_TOKEN_PATH, (_req, res) => {
      res.status(403).json({
        error: config.playground.enabled
          ? 'Playground tokens come from the dev issuer only; this gateway verifies tokens of another issuer'
          : 'Development tokens are not issued in production',
      });
    });
    return router;
  }

  let keys: Promise<SigningKeys> | undefined;
  const signingKeys = () => (keys ??= loadSigningKeys(config.auth, log));

  // Middleware, not a GET route: a route would make express answer CORS preflights (OPTIONS) for /graphql itself.
  router.use('/graphql', (req, res, next) => {
    if (req.path !== '/' || !wantsPage(req)) return next();
    const built = fs.existsSync(path.join(config.playground.assetsDir, 'playground.js'));
    res.set('Content-Security-Policy', CONTENT_SECURITY_POLICY).set('Cache-Control', 'no-store');
    res.status(built ? 200 : 503).type('html').send(built ? PAGE : MISSING_BUNDLE(config.playground.assetsDir));
  });
  router.use(PLAYGROUND_ASSETS_PATH, express.static(config.playground.assetsDir, { fallthrough: false, index: false }));
  router.get(PLAYGROUND_SETUP_PATH, (_req, res) => {
    res.json({
      purposeHeader: PURPOSE_HEADER,
      examplePurpose: EXAMPLE_PURPOSE,
      roles: PLAYGROUND_ROLES.map(({ id, label, group }) => ({ id, label, group })),
      examples: playgroundExamples(config.persistedOperationsPath),
    });
  });
  router.post(PLAYGROUND_TOKEN_PATH, express.json({ limit: '1kb' }), async (req, res) => {
    const role = findPlaygroundRole((req.body as { role?: unknown } | undefined)?.role);
    if (!role) {
      res.status(400).json({ error: `role must be one of ${PLAYGROUND_ROLES.map((r) => r.id).join(', ')}` });
      return;
    }
    if (!role.mint) {
      res.json({ role: role.id, token: null });
      return;
    }
    try {
      const token = await mintToken({ ...role.mint, ttl: PLAYGROUND_TOKEN_TTL }, await signingKeys());
      const consent = role.consentFrom ? await grantConsent(role, await signingKeys(), options.graphqlUrl()) : undefined;
      const claims = decodeJwt(token);
      res.json({ role: role.id, token, subject: claims.sub, scope: claims.scope, ...(consent ? { consent } : {}) });
    } catch (error) {
      log.error({ err: error, role: role.id }, 'playground token failed');
      res.status(500).json({ error: (error as Error).message });
    }
  });
  return router;
}

/** The operator grants the evaluator consent the way the README shows: grantConsent through the gateway, as itself. */
async function grantConsent(role: PlaygroundRole, keys: SigningKeys, graphqlUrl: string) {
  const operator = role.consentFrom as string;
  const operatorToken = await mintToken({ role: 'operator', operators: [operator], ttl: '5m' }, keys);
  const input = {
    operatorUscc: operator,
    evaluatorSubject: role.mint?.subject,
    purpose: EXAMPLE_PURPOSE,
    expiresAt: new Date(Date.now() + CONSENT_DAYS * 86_400_000).toISOString(),
  };
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${operatorToken}` },
    body: JSON.stringify({
      query: 'mutation PlaygroundConsent($input: GrantConsentInput!) { grantConsent(input: $input) { id active expiresAt } }',
      variables: { input },
    }),
  });
  const body = (await response.json()) as { data?: { grantConsent?: unknown }; errors?: { message: string }[] };
  if (!body.data?.grantConsent) throw new Error(`grantConsent failed: ${body.errors?.map((e) => e.message).join('; ')}`);
  return { operatorUscc: operator, evaluatorSubject: input.evaluatorSubject, purpose: EXAMPLE_PURPOSE, expiresAt: input.expiresAt };
}
