import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { RunningStack, startStack } from '../../../launch/stack';
import { AppConfig, loadConfig } from '../../../shared/config/config';
import { postGraphQL } from '../../support/graphql-client';
import { mintTestToken } from '../../support/tokens';

/** Issue 12 part 4: one JSON log line per request on the gateway and on each subgraph, without secrets. */

const lines: Record<string, unknown>[] = [];
const capture = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

let stack: RunningStack;
let config: AppConfig;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocg-request-log-'));
  config = loadConfig({ ...process.env, DATA_DIR: dataDir, SEED_ON_START: 'true' });
  stack = await startStack({ config, log: pino({ level: 'info' }, capture), freePorts: true, seedOperators: 5 });
});
afterAll(async () => {
  await stack?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const requestLines = (requestId: string) => lines.filter((l) => l.msg === 'request' && l.requestId === requestId);

it('logs the request id, caller, operation, duration and error codes once per service, never the token or variables', async () => {
  const token = await mintTestToken(config, { role: 'agency', agency: 'customs', subject: 'agency:customs-officer-7' });
  const secret = '91440113MAX412H18G'; // a variable's value: the credit code this officer looked up
  const res = await postGraphQL(
    stack.gateway.url,
    'query OfficerPage($first: Int!, $uscc: UnifiedSocialCreditCode!) { operators(first: $first) { nodes { name } } operator(uscc: $uscc) { name } }',
    { first: 1, uscc: secret },
    { authorization: `Bearer ${token}`, 'x-request-id': 'req-observability-1' },
  );
  expect(res.status).toBe(200);
  const logged = requestLines('req-observability-1');
  const gatewayLine = logged.find((l) => l.service === 'gateway');
  expect(gatewayLine).toMatchObject({
    level: 30,
    requestId: 'req-observability-1',
    subject: 'agency:customs-officer-7',
    role: 'agency',
    operation: 'OfficerPage',
    status: 200,
    durationMs: expect.any(Number),
  });
  // The subgraph that answered logged the same request id and caller.
  expect(logged.find((l) => l.subgraph === 'market-regulation')).toMatchObject({ subject: 'agency:customs-officer-7', status: 200 });
  const everything = JSON.stringify(lines);
  expect(everything).not.toContain(token);
  expect(everything).not.toContain(secret);
});

it('logs refusals with their codes, and gives a request id to requests that came without one', async () => {
  const res = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer forged.token.value' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(res.status).toBe(401);
  const requestId = res.headers.get('x-request-id');
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(requestLines(requestId!)).toEqual([
    expect.objectContaining({ service: 'gateway', status: 401, errorCodes: ['UNAUTHENTICATED'] }),
  ]);
  expect(JSON.stringify(lines)).not.toContain('forged.token.value');
});
