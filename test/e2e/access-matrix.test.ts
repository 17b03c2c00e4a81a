import fs from 'node:fs';
import {
  buildASTSchema, getNamedType, GraphQLField, GraphQLObjectType, GraphQLSchema, isLeafType, isNonNullType, isObjectType, parse,
} from 'graphql';
import { Kind, valueFromASTUntyped } from 'graphql';
import { readSecurityRequirements, stripSecurityDirectives } from '../../gateway/authorization/supergraph-security';
import { COMMITTED_SUPERGRAPH } from '../../gateway/supergraph/location';
import { openAccessControlStore } from '../../shared/access-control';
import { ANONYMOUS, Caller } from '../../shared/auth/caller';
import type { MintOptions } from '../../shared/auth/tokens';
import { AGENCIES, AgencyId } from '../../shared/config/agencies';
import { loadConfig } from '../../shared/config/config';
import { createSeedPlan } from '../../shared/seed/seed-plan';
import { postGraphQL } from '../support/graphql-client';
import { manifestWith } from '../support/manifest';
import { startStackForTest, StackHarness } from '../support/stack-harness';

/**
 * The generated role × field matrix: every declared field reachable from `Operator` and every root query
 * without required arguments, for every role, through the gateway and straight to the owning subgraph.
 * Expectations come from the table below (DESIGN.md's share classes), not from the enforcement code.
 */
type Outcome = 'allowed' | 'denied' | 'masked';
interface Role {
  name: string; token?: MintOptions; agency?: AgencyId; evaluatorWithConsent?: boolean; self?: boolean; platform?: boolean;
  /** x-purpose header sent (consent binds its purpose). */
  purpose?: string;
}

const supergraphSdl = fs.readFileSync(COMMITTED_SUPERGRAPH, 'utf8');
const requirements = readSecurityRequirements(supergraphSdl);
const apiSchema: GraphQLSchema = buildASTSchema(parse(stripSecurityDirectives(supergraphSdl)), { assumeValidSDL: true });
const plan = createSeedPlan({ seed: loadConfig({}).seed, operators: 30 });
const target = plan.operators[0]; // DISHONEST: records in every agency
const other = plan.operators[1];

const ROLES: Role[] = [
  { name: 'anonymous' },
  ...AGENCIES.map((agency) => ({ name: `agency ${agency}`, agency, token: { role: 'agency', agency } as MintOptions })),
  { name: 'evaluator with consent', evaluatorWithConsent: true, token: { role: 'evaluator', subject: 'evaluator:consented' }, purpose: 'matrix' },
  { name: 'evaluator with consent, another purpose', token: { role: 'evaluator', subject: 'evaluator:consented' }, purpose: 'marketing resale' },
  { name: 'evaluator without consent', token: { role: 'evaluator', subject: 'evaluator:stranger' }, purpose: 'matrix' },
  { name: 'platform of the operator', platform: true, token: { role: 'platform', platformId: target.platformIds[0] } },
  { name: 'operator itself', self: true, token: { role: 'operator', operators: [target.uscc] } },
  { name: 'another operator', token: { role: 'operator', operators: [other.uscc] } },
  { name: 'admin', token: { role: 'admin' } },
];

/** DESIGN.md's table, per role; `root` fields have no operator row to judge row-level rules against. */
function expectedOutcome(role: Role, coordinate: string, root: boolean): Outcome {
  const r = requirements.get(coordinate);
  const cls = r?.shareClass ?? 'PUBLIC';
  const admin = role.name === 'admin';
  const agencyStaff = role.agency !== undefined;
  const platformAllowed = (r?.scopes ?? []).some((s) => s.includes('platform:in-platform'));
  switch (cls) {
    case 'PUBLIC':
      return 'allowed';
    case 'AUTHORIZED_QUERY':
      if (admin || agencyStaff) return 'allowed';
      if (root) return 'denied';
      return role.self || role.evaluatorWithConsent || (role.platform && platformAllowed) ? 'allowed' : 'denied';
    case 'GOV_SHARED':
      if (admin || agencyStaff) return 'allowed';
      if (root) return 'denied';
      return role.self || (role.platform && platformAllowed) ? 'allowed' : 'denied';
    case 'AGENCY_PRIVATE': {
      const owner = r?.scopes?.flat().find((s) => s.startsWith('agency:'))?.slice('agency:'.length);
      return admin || role.agency === owner ? 'allowed' : 'denied';
    }
    case 'PII':
      if (!role.token) return 'denied';
      return admin || role.self ? 'allowed' : 'masked';
    case 'SELF_SERVICE':
      return admin || (role.self && !root) ? 'allowed' : 'denied';
    case 'CREDIT_LIST_FEED':
      // The pushed credit-list feed: every platform reads it for every operator, root fields included.
      return admin || agencyStaff || role.platform ? 'allowed' : 'denied';
    default:
      return 'denied';
  }
}

interface Leaf { path: string[]; coordinates: string[] }

/** Selection text and the leaf paths for an object type, walking at most `depth` levels, no type twice on a path. */
function selectionFor(type: GraphQLObjectType, path: string[], coordinates: string[], seen: Set<string>, depth: number, leaves: Leaf[]): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
    if (field.args.some((a) => isNonNullType(a.type)) || field.name.startsWith('_')) continue;
    const named = getNamedType(field.type);
    const coordinate = `${type.name}.${field.name}`;
    const here = [...path, field.name];
    const chain = [...coordinates, coordinate];
    if (isLeafType(named)) {
      parts.push(field.name);
      leaves.push({ path: here, coordinates: chain });
    } else if (isObjectType(named) && !seen.has(named.name) && named.name !== 'Operator' && named.name !== 'Platform' && depth > 0) {
      const inner = selectionFor(named, here, chain, new Set([...seen, named.name]), depth - 1, leaves);
      if (inner) parts.push(`${field.name} { __typename ${inner} }`);
    }
  }
  return parts.join(' ');
}

/** Which subgraph resolves each `Type.field`, from the supergraph's join directives. */
const OWNERS = new Map<string, AgencyId>();
for (const def of parse(supergraphSdl).definitions) {
  if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
  const typeJoin = def.directives?.find((d) => d.name.value === 'join__type');
  for (const field of def.fields ?? []) {
    const join = field.directives?.find((d) => d.name.value === 'join__field') ?? typeJoin;
    const graph = join?.arguments?.find((a) => a.name.value === 'graph');
    if (graph) OWNERS.set(`${def.name.value}.${field.name.value}`, String(valueFromASTUntyped(graph.value)).toLowerCase().replace(/_/g, '-') as AgencyId);
  }
}

/** One query per root field without required arguments. */
const ROOT_QUERIES = Object.values((apiSchema.getQueryType() as GraphQLObjectType).getFields())
  .filter((field) => !field.args.some((a) => isNonNullType(a.type)) && !field.name.startsWith('_'))
  .map((field) => ({ field, query: `{ ${field.name}${isObjectType(getNamedType(field.type)) ? ' { __typename }' : ''} }` }));

/** Evaluators run only registered operations (test/security/evaluator-safelist.test.ts): the matrix registers its own. */
type Response = Awaited<ReturnType<typeof postGraphQL>>;
const normalize = (path: readonly (string | number)[]) => path.map((p) => (typeof p === 'number' ? '@' : p)).join('.');

function valueAt(data: unknown, path: string[]): unknown[] {
  let values: unknown[] = [data];
  for (const key of path) {
    values = values.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v && typeof v === 'object').map((v) => (v as Record<string, unknown>)[key]);
  }
  return values.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== null && v !== undefined);
}

describe('access matrix: every declared field × every role, through the gateway and straight to its subgraph', () => {
  let h: StackHarness;
  const headers = new Map<string, Record<string, string>>();
  const leaves: Leaf[] = [];
  const operatorType = apiSchema.getType('Operator') as GraphQLObjectType;
  const operatorSelection = selectionFor(operatorType, ['operator'], [], new Set(['Operator']), 3, leaves);
  const operatorQuery = `query Matrix($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { ${operatorSelection} } }`;
  let adminResponse: Response;

  beforeAll(async () => {
    const manifest = manifestWith([operatorQuery, ...ROOT_QUERIES.map((r) => r.query)], 'AccessMatrix');
    h = await startStackForTest({
      seedOperators: 30,
      // One operation selects every declared field of the graph at once: far beyond what any real caller needs, so the
      // standard cost limit is raised here (limits have their own tests in test/security/).
      env: { PERSISTED_OPERATIONS_MANIFEST: manifest.file, LIMIT_COST: '50000', LIMIT_PRIVILEGED_COST: '250000' },
    });
    manifest.remove();
    for (const role of ROLES) {
      const purpose: Record<string, string> = role.purpose ? { 'x-purpose': role.purpose } : {};
      headers.set(role.name, role.token ? { ...(await h.as(role.token)), ...purpose } : {});
    }
    const store = await openAccessControlStore(h.config.accessControl);
    const adminCaller: Caller = { ...ANONYMOUS, authenticated: true, role: 'admin', subject: 'admin:matrix', scopes: new Set(['admin']) };
    await store.grantConsent(
      { operatorUscc: target.uscc, evaluatorSubject: 'evaluator:consented', purpose: 'matrix', expiresAt: new Date(Date.now() + 86_400_000) },
      adminCaller,
    );
    await store.close();
    adminResponse = await h.query(operatorQuery, { uscc: target.uscc }, headers.get('admin'));
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('covers every non-public declaration reachable from Operator', () => {
    expect(adminResponse.errors).toBeUndefined();
    const covered = new Set(leaves.flatMap((l) => l.coordinates));
    const reachable = [...requirements.entries()].filter(([c, r]) => r.shareClass !== 'PUBLIC' && covered.has(c));
    expect(reachable.length).toBeGreaterThan(20);
  });

  /** Checks one role's response against the table; returns how many (leaf, outcome) checks were observable. */
  function check(role: Role, response: Response, owned: (leaf: Leaf) => boolean, viaGateway: boolean): Record<Outcome, number> {
    const errorPaths = new Set(
      (response.errors ?? []).filter((e) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE').map((e) => normalize(e.path ?? [])),
    );
    const others = (response.errors ?? []).filter((e) => e.extensions?.code !== 'UNAUTHORIZED_FIELD_OR_TYPE');
    expect([role.name, others]).toEqual([role.name, []]);
    const seen: Record<Outcome, number> = { allowed: 0, denied: 0, masked: 0 };
    for (const leaf of leaves.filter(owned)) {
      const outcomes = leaf.coordinates.map((c) => expectedOutcome(role, c, false));
      const firstDenied = outcomes.indexOf('denied');
      const expected = firstDenied === -1 ? outcomes[outcomes.length - 1] : 'denied';
      const deniedAt = firstDenied === -1 ? -1 : firstDenied;
      // Row-level denials are only observable where a row exists (the admin sees it).
      // path[0] is the root field `operator`; coordinates[i] is the field at path[i + 1].
      const parentPath = leaf.path.slice(0, deniedAt === -1 ? leaf.path.length - 1 : deniedAt + 1);
      const rowExists = parentPath.length <= 1 || valueAt(adminResponse.data, parentPath).length > 0;
      const label = `${viaGateway ? 'gateway' : 'subgraph'} ${role.name} ${leaf.coordinates.join(' > ')}`;
      const prefixes = leaf.path.map((_, i) => leaf.path.slice(0, i + 1).join('.'));
      const reported = prefixes.filter((p) => [...errorPaths].some((e) => e.replace(/\.@/g, '') === p));
      if (expected === 'denied') {
        if (!rowExists) continue;
        const at = leaf.path.slice(0, deniedAt + 2).join('.');
        // Withheld at the first denied position; deeper positions may be reported too (the gateway removes
        // what the scopes forbid while the subgraph denies the row above it), never a shallower one.
        expect([label, reported.includes(at), reported.filter((p) => p.length < at.length)]).toEqual([label, true, []]);
        seen.denied++;
      } else {
        expect([label, reported]).toEqual([label, []]);
        if (expected === 'masked') {
          const adminValues = valueAt(adminResponse.data, leaf.path).filter((v) => typeof v === 'string') as string[];
          const values = valueAt(response.data, leaf.path) as string[];
          if (adminValues.length === 0) continue;
          // A list a resolver narrows per caller (a platform's own verification reports) holds fewer rows than the
          // admin's; every value the role does get must still be masked and none may equal an unmasked one.
          expect([label, values.length > 0 && values.length <= adminValues.length]).toEqual([label, true]);
          values.forEach((v) => expect([label, v.includes('*') && !adminValues.includes(v)]).toEqual([label, true]));
          seen.masked++;
        } else seen.allowed++;
      }
    }
    return seen;
  }

  it.each(ROLES.map((r) => [r.name, r] as const))('through the gateway: %s', async (_name, role) => {
    const response = await h.query(operatorQuery, { uscc: target.uscc }, headers.get(role.name));
    const seen = check(role, response, () => true, true);
    expect(seen.allowed + seen.denied + seen.masked).toBeGreaterThan(0);
  });

  it.each(ROLES.map((r) => [r.name, r] as const))('straight to each owning subgraph: %s', async (_name, role) => {
    for (const subgraph of h.stack.subgraphs) {
      const owned = (leaf: Leaf) => OWNERS.get(leaf.coordinates[0]) === subgraph.agency;
      const mine = new Set(leaves.filter(owned).map((l) => l.path[1]));
      if (mine.size === 0) continue;
      const selection = Object.values(operatorType.getFields())
        .filter((f) => mine.has(f.name))
        .map((f) => {
          const named = getNamedType(f.type);
          return isObjectType(named) ? `${f.name} { __typename ${selectionFor(named, [], [], new Set([named.name]), 2, [])} }` : f.name;
        })
        .join(' ');
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Operator { ${selection} } } }`;
      const representation = { __typename: 'Operator', uscc: target.uscc, holdsValidExpressPermit: false, holdsPaymentLicence: false };
      const raw = await postGraphQL(subgraph.url, query, { r: [representation] }, headers.get(role.name));
      // Read `_entities.0` as `operator`, so paths compare with the gateway's.
      const response: Response = {
        ...raw,
        data: raw.data ? { operator: (raw.data as { _entities: unknown[] })._entities?.[0] ?? null } : raw.data,
        errors: raw.errors?.map((e) => ({ ...e, path: e.path?.[0] === '_entities' ? ['operator', ...e.path.slice(2)] : e.path })),
      };
      check(role, response, owned, false);
    }
  });

  it.each(ROLES.map((r) => [r.name, r] as const))('root queries without required arguments: %s', async (_name, role) => {
    for (const { field, query } of ROOT_QUERIES) {
      const expected = expectedOutcome(role, `Query.${field.name}`, true);
      const response = await h.query(query, {}, headers.get(role.name));
      const denied = (response.errors ?? []).some((e) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE' && normalize(e.path ?? []) === field.name);
      expect([role.name, field.name, denied]).toEqual([role.name, field.name, expected === 'denied']);
    }
  });
});
