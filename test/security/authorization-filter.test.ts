import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { buildASTSchema, getOperationAST, parse, print, validate } from 'graphql';
import { filterOperation } from '../../gateway/authorization/filter-operation';
import { nullRemovedFields } from '../../gateway/authorization/null-removed-fields';
import { readSecurityRequirements, stripSecurityDirectives } from '../../gateway/authorization/supergraph-security';
import { COMMITTED_SUPERGRAPH } from '../../gateway/supergraph/location';
import { ANONYMOUS } from '../../shared/auth/caller';
import { callerMayRead } from '../../shared/auth/share-class';
import { loadConfig } from '../../shared/config/config';
import { createSeedPlan } from '../../shared/seed/seed-plan';
import { startStackForTest, StackHarness } from '../support/stack-harness';

/**
 * Issue 7 items 2 and 3: fragment amplification in the gateway's authorization filter, and reject mode
 * executing the permitted part of an operation.
 */
jest.setTimeout(15_000);

const plan = createSeedPlan({ seed: loadConfig({}).seed, operators: 5 });
const target = plan.operators[0];
const LEVELS = [10, 15, 20, 25];
const GATEWAY_LEVELS = [3, 5, 7, 9];
const UNAUTHORIZED = 'UNAUTHORIZED_FIELD_OR_TYPE';

/**
 * A query of `levels` fragments, each spreading the next twice (2^levels uses of the last one if inlined);
 * the last selects a public field and a field anonymous callers may not see.
 */
function doublingChain(levels: number): string {
  const fragments: string[] = [];
  for (let i = 1; i < levels; i++) fragments.push(`fragment F${i} on Operator { ...F${i + 1} ...F${i + 1} }`);
  fragments.push(`fragment F${levels} on Operator { name riskClass { class } }`);
  return `query Chain($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { ...F1 } }\n${fragments.join('\n')}`;
}

/** Each figure grows no faster than linearly with the level count (with `slack` for noise). */
function expectAtMostLinear(figures: number[], slack: number, levels: number[] = LEVELS) {
  for (let i = 1; i < figures.length; i++) {
    expect(figures[i]).toBeLessThanOrEqual(figures[0] * (levels[i] / levels[0]) * slack);
  }
}

describe('authorization filter on a doubling fragment chain (unit, no operation limits in the way)', () => {
  const supergraph = fs.readFileSync(COMMITTED_SUPERGRAPH, 'utf8');
  const schema = buildASTSchema(parse(stripSecurityDirectives(supergraph)), { assumeValidSDL: true });
  const requirements = readSecurityRequirements(supergraph);

  it('judges each fragment once: size and time linear, one error, a valid document with its fragments kept', () => {
    const sizes: number[] = [];
    for (const levels of LEVELS) {
      const document = parse(doublingChain(levels));
      const started = performance.now();
      const filtered = filterOperation(schema, document, getOperationAST(document) as never, requirements, (r) => callerMayRead(r, ANONYMOUS));
      const data = nullRemovedFields({ operator: { name: 'x', riskClass: { class: 'A' } } }, filtered.removals);
      const elapsed = performance.now() - started;
      expect(elapsed).toBeLessThan(1000);
      expect(filtered.removals.map((r) => r.path)).toEqual([['operator', 'riskClass']]);
      expect(data).toEqual({ operator: { name: 'x', riskClass: null } });
      const printed = print(filtered.document);
      expect(printed).not.toContain('riskClass');
      expect(printed.match(/^fragment /gm)).toHaveLength(levels);
      expect(validate(schema, filtered.document)).toEqual([]);
      sizes.push(printed.length);
    }
    expectAtMostLinear(sizes, 1.1);
  });

  it('drops the whole chain when its only field is forbidden, reporting the path once', () => {
    const query = doublingChain(25).replace('name riskClass { class }', 'riskClass { class }');
    const document = parse(query);
    const filtered = filterOperation(schema, document, getOperationAST(document) as never, requirements, (r) => callerMayRead(r, ANONYMOUS));
    expect(filtered.removals.map((r) => r.path)).toEqual([['operator', 'riskClass']]);
    expect(print(filtered.document)).not.toMatch(/fragment|riskClass/);
    expect(validate(schema, filtered.document)).toEqual([]);
  });
});

describe('through the gateway', () => {
  let h: StackHarness;
  beforeAll(async () => {
    h = await startStackForTest({ seedOperators: 5 });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('refuses a 25-level doubling chain before filtering or planning, in well under a second', async () => {
    h.reset();
    const started = performance.now();
    const res = await h.query(doublingChain(25), { u: target.uscc });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['OPERATION_TOO_COMPLEX']);
    expect(h.fetches).toEqual({});
  });

  // The operation limits refuse long chains first; those that fit under them show the filter's own cost through the
  // gateway (the unit test above takes the filter alone to 25 levels).
  it('answers doubling chains that fit the limits with one error, linear in time and size', async () => {
    h.reset();
    const flat = await h.query('query($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { name riskClass { class } } }', { u: target.uscc });
    const flatFetches = { ...h.fetches };
    expect(flat.data?.operator).toEqual({ name: target.name, riskClass: null });

    const bytes: number[] = [];
    const times: number[] = [];
    for (const levels of GATEWAY_LEVELS) {
      h.reset();
      const started = performance.now();
      const res = await fetch(h.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: doublingChain(levels), variables: { u: target.uscc } }),
      });
      const text = await res.text();
      const elapsed = performance.now() - started;
      const body = JSON.parse(text);
      expect(body.errors).toEqual([{ message: 'Unauthorized field or type', path: ['operator', 'riskClass'], extensions: { code: UNAUTHORIZED } }]);
      expect(body.data).toEqual(flat.data);
      // The chain costs no more subgraph fetches than the same fields asked for plainly.
      expect(h.fetches).toEqual(flatFetches);
      expect(elapsed).toBeLessThan(1000);
      bytes.push(text.length);
      times.push(elapsed);
    }
    expectAtMostLinear(bytes, 1, GATEWAY_LEVELS);
    // Time at small figures is mostly noise; exponential growth would still show by orders of magnitude.
    expectAtMostLinear(times.map((t) => Math.max(t, 50)), 3, GATEWAY_LEVELS);
  });

  it('reports a forbidden field reached through several fragments at one path once', async () => {
    const query = `query($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { ...A ...B ... on Operator { riskClass { class } } } }
      fragment A on Operator { name riskClass { class } }
      fragment B on Operator { riskClass { class } ...A }`;
    const res = await h.query(query, { u: target.uscc });
    expect(res.errors?.map((e) => `${e.path?.join('.')}:${e.extensions?.code}`)).toEqual([`operator.riskClass:${UNAUTHORIZED}`]);
    expect(res.data?.operator).toEqual({ name: target.name, riskClass: null });
  });
});

describe('reject mode', () => {
  let h: StackHarness;
  beforeAll(async () => {
    h = await startStackForTest({ seedOperators: 5, env: { AUTHORIZATION_MODE: 'reject' } });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('refuses a mutation with one forbidden field before anything runs: no subgraph fetch, nothing written', async () => {
    const operator = await h.as({ role: 'operator', operators: [target.uscc] });
    const consents = `query($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { consents { evaluatorSubject } } }`;
    const before = await h.query(consents, { u: target.uscc }, operator);
    expect(before.errors).toBeUndefined();
    const mixed = `mutation($u: UnifiedSocialCreditCode!, $until: DateTime!) {
      grantConsent(input: { operatorUscc: $u, evaluatorSubject: "evaluator:reject-mode", purpose: "loan application", expiresAt: $until }) { id }
      revokeToken(tokenId: "some-token", expiresAt: $until) { tokenId }
    }`;
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    h.reset();
    const started = performance.now();
    const res = await h.query(mixed, { u: target.uscc, until }, operator);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.map((e) => `${e.path?.join('.')}:${e.extensions?.code}`)).toEqual([`revokeToken:${UNAUTHORIZED}`]);
    expect(h.fetches).toEqual({});

    const after = await h.query(consents, { u: target.uscc }, operator);
    expect(after.errors).toBeUndefined();
    expect(after.data?.operator.consents).toEqual(before.data?.operator.consents);
    const admin = await h.as({ role: 'admin' });
    const asAdmin = await h.query(consents, { u: target.uscc }, admin);
    expect(asAdmin.data?.operator.consents.map((c: { evaluatorSubject: string }) => c.evaluatorSubject)).not.toContain('evaluator:reject-mode');

    // The permitted part alone runs and writes.
    const alone = await h.query(mixed.replace(/revokeToken[^\n]*\n/, ''), { u: target.uscc, until }, operator);
    expect(alone.errors).toBeUndefined();
    const written = await h.query(consents, { u: target.uscc }, admin);
    expect(written.data?.operator.consents.map((c: { evaluatorSubject: string }) => c.evaluatorSubject)).toContain('evaluator:reject-mode');
  });
});
