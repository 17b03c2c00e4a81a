import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import { RunningGateway, startGateway } from '../../gateway/gateway';
import { COMMITTED_SUPERGRAPH } from '../../gateway/supergraph/location';
import { AgencyId } from '../../shared/config/agencies';
import { loadConfig } from '../../shared/config/config';
import { createLogger } from '../../shared/logging/logger';
import { GraphQLResponse, postGraphQL } from '../support/graphql-client';
import { startStackForTest, StackHarness } from '../support/stack-harness';

/**
 * Issue 7 item 4: one agency down must not blank the others. The missing agency's fields come back null
 * with one SUBGRAPH_UNAVAILABLE error naming it, and nothing in the response tells where it lives.
 */

const TEST_TIMEOUT_MS = 15_000;

/** One field per agency that a healthy subgraph always answers with a value for an admin. */
const OPERATOR_FIELDS = /* GraphQL */ `
  uscc
  name registration { status }
  storefronts { platformId } riskAlerts { kind }
  customsCredit { current { level } } customsPenalties { decisionNumber }
  holdsPaymentLicence financingMeasures { kind }
  holdsValidExpressPermit postalComplaints { category }
`;
const OPERATOR_QUERY = `query One($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { ${OPERATOR_FIELDS} } }`;
const PAGE_QUERY = `{ operators(first: 5) { nodes { ${OPERATOR_FIELDS} } } }`;

/** What each agency contributes to OPERATOR_FIELDS. */
const FIELDS_BY_AGENCY: Record<AgencyId, string[]> = {
  'market-regulation': ['name', 'registration'],
  commerce: ['storefronts', 'riskAlerts'],
  customs: ['customsCredit', 'customsPenalties'],
  finance: ['holdsPaymentLicence', 'financingMeasures'],
  postal: ['holdsValidExpressPermit', 'postalComplaints'],
};
const NON_OWNING: AgencyId[] = ['commerce', 'customs', 'finance', 'postal'];

type Operator = Record<string, unknown>;

function expectOnlyAgencyMissing(operator: Operator | null | undefined, down: AgencyId) {
  expect(operator).toBeTruthy();
  for (const [agency, fields] of Object.entries(FIELDS_BY_AGENCY)) {
    for (const field of fields) {
      if (agency === down) expect({ field, value: operator![field] }).toEqual({ field, value: null });
      else expect({ field, value: operator![field] }).toEqual({ field, value: expect.anything() });
    }
  }
}

function expectOneUnavailableError(res: GraphQLResponse, agency: AgencyId) {
  const unavailable = (res.errors ?? []).filter((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE');
  expect(unavailable).toHaveLength(1);
  expect(unavailable[0].message).toBe(`${agency} is unavailable: its fields are null`);
  expect(unavailable[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', agency });
}

/** Nothing in the errors names where a subgraph lives or why the connection failed. */
function expectNoInternalDetail(res: GraphQLResponse, ports: number[]) {
  const errors = JSON.stringify(res.errors ?? []);
  expect(errors).not.toMatch(/https?:\/\/|localhost|127\.0\.0\.1|ECONNREFUSED|ECONNRESET|ETIMEDOUT|abort|socket|<html/i);
  for (const port of ports) expect(errors).not.toContain(String(port));
  for (const error of res.errors ?? []) expect(error.extensions?.stacktrace).toBeUndefined();
}

/** A port nothing listens on: bound once to find a free one, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface FakeSubgraph {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A server that accepts connections and never answers. */
async function hangingServer(): Promise<FakeSubgraph> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A server answering every request with a fixed status, content type and body. */
async function answeringServer(status: number, contentType: string, body: string): Promise<FakeSubgraph> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(status, { 'content-type': contentType }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('partial results when an agency is down', () => {
  let h: StackHarness;
  let admin: Record<string, string>;
  let uscc: string;
  const supergraphSdl = fs.readFileSync(COMMITTED_SUPERGRAPH, 'utf8');
  const log = createLogger('silent');
  const extraGateways: RunningGateway[] = [];
  const fakes: FakeSubgraph[] = [];

  /** A second gateway over the same subgraphs, with some agencies pointed elsewhere. */
  async function gatewayWith(urls: Partial<Record<AgencyId, string>>, env: Record<string, string> = {}): Promise<RunningGateway> {
    const config = loadConfig({ ...process.env, DATA_DIR: h.config.dataDir, HOST: '127.0.0.1', ...env });
    const gateway = await startGateway({
      config,
      log,
      supergraphSdl,
      port: 0,
      subgraphUrls: { ...Object.fromEntries(h.stack.subgraphs.map((s) => [s.agency, s.url])), ...urls },
      authenticator: h.stack.authenticator,
    });
    extraGateways.push(gateway);
    return gateway;
  }

  beforeAll(async () => {
    h = await startStackForTest({ seedOperators: 20 });
    admin = await h.as({ role: 'admin' });
    const first = await h.query(`{ operators(first: 1) { nodes { uscc } } }`, {}, admin);
    uscc = first.data!.operators.nodes[0].uscc;
  }, 60_000);

  afterAll(async () => {
    for (const gateway of extraGateways) await gateway.stop();
    for (const fake of fakes) await fake.close();
    await h?.stop();
  });

  it(
    'answers every agency when all are up (the baseline the other cases compare with)',
    async () => {
      const res = await h.query(OPERATOR_QUERY, { uscc }, admin);
      expect(res.errors).toBeUndefined();
      for (const field of Object.values(FIELDS_BY_AGENCY).flat()) expect(res.data!.operator[field]).not.toBeNull();
    },
    TEST_TIMEOUT_MS,
  );

  it.each(NON_OWNING)(
    "keeps the other agencies' data when %s is unreachable",
    async (down) => {
      const port = await closedPort();
      const gateway = await gatewayWith({ [down]: `http://127.0.0.1:${port}/graphql` });

      const one = await postGraphQL(gateway.url, OPERATOR_QUERY, { uscc }, admin);
      expectOnlyAgencyMissing(one.data?.operator, down);
      expectOneUnavailableError(one, down);
      expect(one.errors).toHaveLength(1);
      expectNoInternalDetail(one, [port]);

      const page = await postGraphQL(gateway.url, PAGE_QUERY, {}, admin);
      expect(page.data).not.toBeNull();
      expect(page.data!.operators.nodes).toHaveLength(5);
      for (const node of page.data!.operators.nodes) expectOnlyAgencyMissing(node, down);
      expectOneUnavailableError(page, down);
      expectNoInternalDetail(page, [port]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "keeps other agencies' root fields when the agency of one root field is down (market regulation included)",
    async () => {
      const port = await closedPort();
      const gateway = await gatewayWith({ 'market-regulation': `http://127.0.0.1:${port}/graphql` });
      const res = await postGraphQL(
        gateway.url,
        `query Mixed($uscc: UnifiedSocialCreditCode!) {
          operator(uscc: $uscc) { name }
          operators(first: 2) { nodes { uscc } }
          platforms(first: 2) { nodes { id name } }
          expressCarriers(first: 2) { nodes { code name } }
        }`,
        { uscc },
        admin,
      );
      expect(res.data).not.toBeNull();
      expect(res.data!.operator).toBeNull();
      expect(res.data!.operators).toBeNull();
      expect(res.data!.platforms.nodes.length).toBeGreaterThan(0);
      expect(res.data!.expressCarriers.nodes.length).toBeGreaterThan(0);
      expectOneUnavailableError(res, 'market-regulation');
      expectNoInternalDetail(res, [port]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'gives up on a subgraph that accepts the connection and never answers after its timeout, with the other four answering',
    async () => {
      const hanging = await hangingServer();
      fakes.push(hanging);
      const gateway = await gatewayWith({ customs: hanging.url }, { CUSTOMS_TIMEOUT_MS: '1500' });

      const startedAt = Date.now();
      const res = await postGraphQL(gateway.url, OPERATOR_QUERY, { uscc }, admin);
      const elapsed = Date.now() - startedAt;

      expect(elapsed).toBeGreaterThanOrEqual(1400);
      expect(elapsed).toBeLessThan(4000);
      expectOnlyAgencyMissing(res.data?.operator, 'customs');
      expectOneUnavailableError(res, 'customs');
      expectNoInternalDetail(res, [hanging.port]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'treats a subgraph answering an HTML error page as unavailable, without repeating the page',
    async () => {
      const broken = await answeringServer(502, 'text/html', '<html><body>502 Bad Gateway: upstream 10.0.3.7:4003 refused</body></html>');
      fakes.push(broken);
      const gateway = await gatewayWith({ postal: broken.url });

      const res = await postGraphQL(gateway.url, OPERATOR_QUERY, { uscc }, admin);
      expectOnlyAgencyMissing(res.data?.operator, 'postal');
      expectOneUnavailableError(res, 'postal');
      expect(JSON.stringify(res.errors)).not.toMatch(/Bad Gateway|10\.0\.3\.7|502/);
      expectNoInternalDetail(res, [broken.port]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'passes errors a subgraph answers through unchanged, even with an error status',
    async () => {
      const refusing = await answeringServer(
        400,
        'application/json',
        JSON.stringify({ errors: [{ message: '`first` must not exceed 100', extensions: { code: 'BAD_USER_INPUT' } }] }),
      );
      fakes.push(refusing);
      const gateway = await gatewayWith({ finance: refusing.url });
      const refused = await postGraphQL(gateway.url, OPERATOR_QUERY, { uscc }, admin);
      expect(refused.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([['`first` must not exceed 100', 'BAD_USER_INPUT']]);
      expect(refused.data?.operator.name).toEqual(expect.any(String));

      // A healthy subgraph's own refusal (market regulation's page-size limit) is not an outage.
      const tooLarge = await h.query(`{ operators(first: 100000) { nodes { uscc } } }`, {}, admin);
      expect(tooLarge.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'says only which agency is unavailable in production, with no stack trace or address',
    async () => {
      const port = await closedPort();
      const gateway = await gatewayWith({ finance: `http://127.0.0.1:${port}/graphql` }, { NODE_ENV: 'production' });
      const res = await postGraphQL(gateway.url, OPERATOR_QUERY, { uscc }, admin);
      expectOnlyAgencyMissing(res.data?.operator, 'finance');
      expectOneUnavailableError(res, 'finance');
      expect(res.errors).toHaveLength(1);
      expectNoInternalDetail(res, [port]);
    },
    TEST_TIMEOUT_MS,
  );

  // Last: it stops customs for good.
  it(
    'keeps market regulation, commerce, finance and postal when the customs subgraph is stopped',
    async () => {
      const customs = h.stack.subgraphs.find((s) => s.agency === 'customs')!;
      await customs.stop();

      const one = await h.query(OPERATOR_QUERY, { uscc }, admin);
      expectOnlyAgencyMissing(one.data?.operator, 'customs');
      expectOneUnavailableError(one, 'customs');
      expect(one.errors).toHaveLength(1);
      expectNoInternalDetail(one, [customs.port]);

      const page = await h.query(PAGE_QUERY, {}, admin);
      expect(page.data).not.toBeNull();
      expect(page.data!.operators.nodes).toHaveLength(5);
      for (const node of page.data!.operators.nodes) expectOnlyAgencyMissing(node, 'customs');
      expectOneUnavailableError(page, 'customs');
      expectNoInternalDetail(page, [customs.port]);
    },
    TEST_TIMEOUT_MS,
  );
});
