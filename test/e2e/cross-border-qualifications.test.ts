import fs from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { COMMITTED_SUPERGRAPH } from '../../gateway/supergraph/location';
import { chinaToday } from '../../shared/calendar/dates';
import { loadConfig } from '../../shared/config/config';
import { createLogger } from '../../shared/logging/logger';
import { postGraphQL, type GraphQLResponse } from '../support/graphql-client';
import { startStackForTest, StackHarness } from '../support/stack-harness';

/**
 * Issue 11: customs judges `crossBorderRoles.qualificationHeld` from the express permits and payment licences postal
 * and finance publish (QualificationChange events), not from their fields through `@requires`. The gateway fetches
 * customs once, the answers stay those of postal and finance, follow their writes, and survive their outage.
 */
jest.setTimeout(60_000);

/** The README's public query plus finance's and postal's fields: W2 of the benchmark, as an admin reads it. */
const OPERATOR_QUERY = /* GraphQL */ `
  query Operator($uscc: UnifiedSocialCreditCode!) {
    operator(uscc: $uscc) {
      uscc name subjectType
      registration { legalRepresentative { name } address districtCode status establishedOn }
      licenses { licenseNumber category validUntil status }
      penalties { decisionNumber violationType categories fineAmount decidedOn publicUntil }
      abnormalOperations { reason listedOn removedOn }
      seriousDishonesty { ground listedOn autoRemovalOn earlyRemovalEligibleOn removedOn }
      customsCredit { current { level effectiveOn rulesVersion } }
      crossBorderRoles { kind regimes qualificationRequired qualificationHeld }
      expressPermit { permitNumber status validUntil }
      paymentLicence { licenceNumber status }
      riskClass { class month }
      holdsValidExpressPermit holdsPaymentLicence
      financingMeasures { kind active } exposure { overdue }
      postalComplaints { category } parcelStats { period }
    }
  }
`;

const PAGE_QUERY = /* GraphQL */ `
  query Page($after: String) {
    operators(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { uscc holdsValidExpressPermit holdsPaymentLicence crossBorderRoles { kind qualificationRequired qualificationHeld } }
    }
  }
`;

const ROLES_QUERY = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) {
  crossBorderRoles { kind qualificationRequired qualificationHeld } } }`;

interface Role { kind: string; qualificationRequired: string | null; qualificationHeld: boolean | null }
interface Page { operators: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: OperatorRow[] } }
interface OperatorRow { uscc: string; holdsValidExpressPermit: boolean; holdsPaymentLicence: boolean; crossBorderRoles: Role[] | null }

const SEEDED = 120;

describe('customs answers cross-border roles from the qualifications postal and finance publish', () => {
  let h: StackHarness;
  let admin: Record<string, string>;
  let everyone: OperatorRow[];
  const gateways: RunningGateway[] = [];

  beforeAll(async () => {
    h = await startStackForTest({ seedOperators: SEEDED });
    admin = await h.as({ role: 'admin' });
    everyone = [];
    let after: string | null = null;
    do {
      const res: GraphQLResponse<Page> = await h.query<Page>(PAGE_QUERY, { after }, admin);
      expect(res.errors).toBeUndefined();
      everyone.push(...res.data!.operators.nodes);
      after = res.data!.operators.pageInfo.hasNextPage ? res.data!.operators.pageInfo.endCursor : null;
    } while (after);
  }, 120_000);
  afterAll(async () => {
    for (const gateway of gateways) await gateway.stop();
    await h?.stop();
  });

  /** The operators in a role needing `kind`, with what the issuing agency says of them. */
  const inRole = (kind: 'LOGISTICS' | 'PAYMENT') =>
    everyone.filter((o) => o.crossBorderRoles?.some((r) => r.kind === kind));
  const roleOf = (roles: Role[] | null | undefined, kind: string) => roles?.find((r) => r.kind === kind);

  /** Asks until the operator's role shows `held` (the event travels after the commit) or the time is up. */
  async function heldBecomes(uscc: string, kind: string, held: boolean): Promise<Role | undefined> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const res = await h.query(ROLES_QUERY, { uscc }, admin);
      expect(res.errors).toBeUndefined();
      const role = roleOf(res.data!.operator.crossBorderRoles, kind);
      if (role?.qualificationHeld === held || Date.now() > deadline) return role;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('fetches customs once for the public query with finance and postal fields (no @requires round)', async () => {
    const uscc = inRole('LOGISTICS')[0].uscc;
    await h.query(OPERATOR_QUERY, { uscc }, admin); // warm the plan cache
    h.reset();
    const res = await h.query(OPERATOR_QUERY, { uscc }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data!.operator.crossBorderRoles.length).toBeGreaterThan(0);
    expect(h.fetches).toEqual({ 'market-regulation': 1, customs: 1, finance: 1, postal: 1 });
  });

  it("agrees with postal's and finance's own answer for every seeded operator once the seed's events settled", async () => {
    expect(everyone).toHaveLength(SEEDED);
    const compared: Record<string, boolean[]> = { LOGISTICS: [], PAYMENT: [] };
    for (const op of everyone) {
      for (const role of op.crossBorderRoles ?? []) {
        if (role.kind === 'LOGISTICS') {
          expect({ uscc: op.uscc, role }).toEqual({ uscc: op.uscc, role: { ...role, qualificationRequired: 'EXPRESS_PERMIT', qualificationHeld: op.holdsValidExpressPermit } });
          compared.LOGISTICS.push(op.holdsValidExpressPermit);
        } else if (role.kind === 'PAYMENT') {
          expect({ uscc: op.uscc, role }).toEqual({ uscc: op.uscc, role: { ...role, qualificationRequired: 'PAYMENT_LICENCE', qualificationHeld: op.holdsPaymentLicence } });
          compared.PAYMENT.push(op.holdsPaymentLicence);
        } else {
          expect(role).toMatchObject({ qualificationRequired: null, qualificationHeld: null });
        }
      }
    }
    // The comparison means something only if the seed holds both answers for both qualifications.
    expect(new Set(compared.LOGISTICS)).toEqual(new Set([true, false]));
    expect(new Set(compared.PAYMENT)).toEqual(new Set([true, false]));
  });

  it('follows a payment licence finance records and revokes', async () => {
    const finance = await h.as({ role: 'agency', agency: 'finance' });
    const op = inRole('PAYMENT').find((o) => !o.holdsPaymentLicence)!;
    const today = chinaToday(new Date());
    const licence = {
      uscc: op.uscc, licenceNumber: `Z${today.slice(0, 4)}449${op.uscc.slice(-6).replace(/\D/g, '7')}`,
      kinds: ['TRANSACTION_PROCESSING'], issuedOn: today,
    };
    const RECORD = `mutation ($input: RecordPaymentLicenceInput!) { recordPaymentLicence(input: $input) { status } }`;
    const recorded = await h.query(RECORD, { input: licence }, finance);
    expect(recorded.errors).toBeUndefined();
    expect(await heldBecomes(op.uscc, 'PAYMENT', true)).toMatchObject({ qualificationHeld: true });

    const revoked = await h.query(RECORD, { input: { ...licence, administrativeStatus: 'REVOKED', statusReason: '违反备付金管理规定' } }, finance);
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.recordPaymentLicence.status).toBe('REVOKED');
    expect(await heldBecomes(op.uscc, 'PAYMENT', false)).toMatchObject({ qualificationHeld: false });
    const owner = await h.query(`query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { holdsPaymentLicence } }`, { uscc: op.uscc }, admin);
    expect(owner.data!.operator.holdsPaymentLicence).toBe(false);
  });

  it('follows an express permit postal revokes and a new one it issues', async () => {
    const postal = await h.as({ role: 'agency', agency: 'postal' });
    const op = inRole('LOGISTICS').find((o) => o.holdsValidExpressPermit)!;
    const current = await h.query(`query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { expressPermit { permitNumber status } } }`, { uscc: op.uscc }, admin);
    const permit = current.data!.operator.expressPermit;
    expect(permit.status).toBe('VALID');

    const revoke = await h.query(
      `mutation ($n: String!) { revokeExpressPermit(permitNumber: $n, reason: "虚假签收，情节严重") { status } }`, { n: permit.permitNumber }, postal,
    );
    expect(revoke.errors).toBeUndefined();
    expect(await heldBecomes(op.uscc, 'LOGISTICS', false)).toMatchObject({ qualificationHeld: false });

    const issue = await h.query(
      `mutation ($input: IssueExpressPermitInput!) { issueExpressPermit(input: $input) { status } }`,
      { input: { permitNumber: `粤快许E2E${op.uscc.slice(-8)}`, holderUscc: op.uscc, scope: ['INTRA_PROVINCE', 'INTERNATIONAL'] } },
      postal,
    );
    expect(issue.errors).toBeUndefined();
    expect(issue.data!.issueExpressPermit.status).toBe('VALID');
    expect(await heldBecomes(op.uscc, 'LOGISTICS', true)).toMatchObject({ qualificationHeld: true });
  });

  it('answers the qualification check while postal and finance are down', async () => {
    const port = await closedPort();
    const config = loadConfig({ ...process.env, DATA_DIR: h.config.dataDir, HOST: '127.0.0.1' });
    const gateway = await startGateway({
      config,
      log: createLogger('silent'),
      supergraphSdl: fs.readFileSync(COMMITTED_SUPERGRAPH, 'utf8'),
      port: 0,
      subgraphUrls: {
        ...Object.fromEntries(h.stack.subgraphs.map((s) => [s.agency, s.url])),
        postal: `http://127.0.0.1:${port}/graphql`,
        finance: `http://127.0.0.1:${port}/graphql`,
      },
      authenticator: h.stack.authenticator,
    });
    gateways.push(gateway);
    const checked = [...inRole('LOGISTICS').slice(0, 5), ...inRole('PAYMENT').slice(0, 5)];
    for (const op of checked) {
      const healthy = await h.query(ROLES_QUERY, { uscc: op.uscc }, admin);
      const outage = await postGraphQL(gateway.url, ROLES_QUERY, { uscc: op.uscc }, admin);
      expect(outage.errors).toBeUndefined();
      expect(outage.data!.operator.crossBorderRoles).toEqual(healthy.data!.operator.crossBorderRoles);
    }
  });
});

/** A port nothing listens on: bound once to find a free one, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
