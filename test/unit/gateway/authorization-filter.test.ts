import { buildSchema, getOperationAST, parse, print } from 'graphql';
import { filterOperation } from '../../../gateway/authorization/filter-operation';
import { deleteKeyEverywhere, nullRemovedFields } from '../../../gateway/authorization/null-removed-fields';
import { readSecurityRequirements, stripSecurityDirectives } from '../../../gateway/authorization/supergraph-security';
import { ANONYMOUS, Caller } from '../../../shared/auth/caller';
import { callerMayRead } from '../../../shared/auth/share-class';

const SDL = `
  directive @authenticated on FIELD_DEFINITION
  directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION
  directive @policy(policies: [[String!]!]!) on FIELD_DEFINITION
  directive @tag(name: String!) repeatable on FIELD_DEFINITION
  type Query { operator(uscc: ID!): Operator @tag(name: "share:PUBLIC") operators: [Operator!]! findings: [String!] @requiresScopes(scopes: [["gov:shared"]]) }
  type Operator {
    uscc: ID!
    name: String!
    facts: String @requiresScopes(scopes: [["gov:shared"], ["admin"]])
    notes: String! @requiresScopes(scopes: [["agency:customs"]])
    phone: String @authenticated
    penalties: [Penalty!]!
    weird: String @policy(policies: [["unknown-policy"]])
  }
  type Penalty { number: String! amount: String @requiresScopes(scopes: [["gov:shared"]]) secret: String! @requiresScopes(scopes: [["admin"]]) }
`;
const schema = buildSchema(SDL);
const requirements = readSecurityRequirements(SDL);

function caller(scopes: string[]): Caller {
  return { authenticated: true, role: 'agency', scopes: new Set(scopes), operators: [] };
}

const denied = (result: ReturnType<typeof run>) => result.removals.map((r) => r.path);

function run(query: string, who: Caller) {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  return filterOperation(schema, document, operation, requirements, (r) => callerMayRead(r, who));
}

describe('gateway field filtering (Apollo Router semantics)', () => {
  it('reads requirements from the directives, with share classes from tags', () => {
    expect(requirements.get('Operator.facts')).toEqual({ authenticated: false, scopes: [['gov:shared'], ['admin']] });
    expect(requirements.get('Operator.phone')).toEqual({ authenticated: true });
    expect(requirements.get('Query.operator')).toEqual({ authenticated: false, shareClass: 'PUBLIC' });
    expect(requirements.has('Operator.name')).toBe(false);
  });

  it('keeps an operation untouched when everything is allowed', () => {
    const result = run('{ operator(uscc: "x") { name facts } }', caller(['gov:shared']));
    expect(result.removals).toEqual([]);
  });

  it('removes unauthorized fields and reports their response paths, lists as "@"', () => {
    const result = run('{ operators { name facts phone penalties { number amount } } }', ANONYMOUS);
    expect(result.removals.map((r) => r.path)).toEqual([
      ['operators', '@', 'facts'],
      ['operators', '@', 'phone'],
      ['operators', '@', 'penalties', '@', 'amount'],
    ]);
    expect(print(result.document)).not.toMatch(/facts|phone|amount/);
    expect(print(result.document)).toMatch(/penalties \{\s+number/);
  });

  it('judges fields inside fragments in their own position', () => {
    const result = run(
      'query Q { operator(uscc: "x") { ...F } operators { ...F } } fragment F on Operator { name facts }',
      ANONYMOUS,
    );
    expect(result.removals.map((r) => r.path)).toEqual([['operator', 'facts'], ['operators', '@', 'facts']]);
    // The fragment stays a fragment (filtered once), not inlined per use.
    expect(print(result.document)).toMatch(/fragment F on Operator \{\s+name\s+\}/);
    expect(print(result.document)).not.toContain('facts');
  });

  it('drops a fragment whose every field was removed, and the spreads of it', () => {
    const result = run('query Q { operator(uscc: "x") { name ...F } } fragment F on Operator { facts }', ANONYMOUS);
    expect(denied(result)).toEqual([['operator', 'facts']]);
    expect(print(result.document)).not.toMatch(/fragment|\.\.\.F/);
  });

  it('any one scope set suffices; all scopes of a set are needed', () => {
    expect(run('{ operator(uscc: "x") { facts } }', caller(['admin'])).removals).toEqual([]);
    expect(denied(run('{ operator(uscc: "x") { notes } }', caller(['agency:commerce'])))).toEqual([['operator', 'notes']]);
  });

  it('denies unknown policies (fail closed)', () => {
    expect(denied(run('{ operator(uscc: "x") { weird } }', caller(['admin'])))).toEqual([['operator', 'weird']]);
  });

  it('keeps an operation whose every root field is removed executable', () => {
    const result = run('{ findings }', ANONYMOUS);
    expect(result.placeholderRoot).toBe(true);
    expect(print(result.document)).toContain('__typename');
    expect(denied(result)).toEqual([['findings']]);
  });

  it('keeps an object whose every selected field was removed, so its public siblings survive', () => {
    const result = run('{ operator(uscc: "x") { facts } }', ANONYMOUS);
    expect(result.placeholderRoot).toBe(false);
    expect(result.placeholders).toBe(true);
    expect(denied(result)).toEqual([['operator', 'facts']]);
    expect(print(result.document)).toContain('__authorizationPlaceholder: __typename');
    const data = nullRemovedFields({ operator: { __authorizationPlaceholder: 'Operator' } }, result.removals);
    deleteKeyEverywhere(data, '__authorizationPlaceholder');
    expect(data).toEqual({ operator: { facts: null } });
  });

  it('nulls removed fields and propagates through non-null positions', () => {
    const result = run('{ operators { name notes } operator(uscc: "x") { name notes } }', ANONYMOUS);
    const data = nullRemovedFields({ operators: [{ name: 'a' }], operator: { name: 'b' } }, result.removals);
    // Operator.notes is String!: its operator becomes null; in [Operator!]! the whole root field would be null,
    // which makes data itself null.
    expect(data).toBeNull();
    const single = run('{ operator(uscc: "x") { name notes } }', ANONYMOUS);
    expect(nullRemovedFields({ operator: { name: 'b' } }, single.removals)).toEqual({ operator: null });
    const nullable = run('{ operator(uscc: "x") { name facts } }', ANONYMOUS);
    expect(nullRemovedFields({ operator: { name: 'b' } }, nullable.removals)).toEqual({ operator: { name: 'b', facts: null } });
  });

  it('nulls nested list items only as far as GraphQL requires', () => {
    const result = run('{ operator(uscc: "x") { penalties { number secret } } }', caller(['gov:shared']));
    const data = nullRemovedFields({ operator: { penalties: [{ number: '1' }, { number: '2' }] } }, result.removals);
    // Penalty.secret is String!, items are Penalty!, penalties is [Penalty!]!: the operator (nullable) is nulled.
    expect(data).toEqual({ operator: null });
  });
});

describe('nulling removed fields in one walk', () => {
  it('applies several removals under one list together, each item judged once', () => {
    const result = run('{ operators { name facts phone penalties { number amount } } }', ANONYMOUS);
    const items = Array.from({ length: 3 }, (_, i) => ({ name: `n${i}`, penalties: [{ number: `${i}` }] }));
    expect(nullRemovedFields({ operators: items }, result.removals)).toEqual({
      operators: items.map((item) => ({ ...item, facts: null, phone: null, penalties: [{ number: item.penalties[0].number, amount: null }] })),
    });
  });

  it('stops at a removed field even when a deeper path under it was removed too', () => {
    const removals = [
      ...run('{ operator(uscc: "x") { facts } }', ANONYMOUS).removals,
      { path: ['operator', 'facts', 'deeper'], steps: [
        { kind: 'field' as const, key: 'operator', nonNull: false },
        { kind: 'field' as const, key: 'facts', nonNull: false },
        { kind: 'field' as const, key: 'deeper', nonNull: true },
      ] },
    ];
    expect(nullRemovedFields({ operator: { name: 'a' } }, removals)).toEqual({ operator: { name: 'a', facts: null } });
  });
});

describe('supergraph for Apollo Gateway', () => {
  it('drops the SECURITY links, definitions and usages and keeps everything else', () => {
    const supergraph = `schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY) { query: Query }
      directive @requiresScopes(scopes: [[requiresScopes__Scope!]!]!) on FIELD_DEFINITION
      directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
      directive @tag(name: String!) repeatable on FIELD_DEFINITION
      scalar requiresScopes__Scope scalar link__Import enum link__Purpose { SECURITY EXECUTION }
      type Query { a: String @requiresScopes(scopes: [["x"]]) @tag(name: "share:GOV_SHARED") }`;
    const stripped = stripSecurityDirectives(supergraph);
    expect(stripped).not.toContain('requiresScopes');
    expect(stripped).not.toContain('for: SECURITY');
    expect(stripped).toContain('@link(url: "https://specs.apollo.dev/link/v1.0")');
    expect(stripped).toContain('a: String @tag(name: "share:GOV_SHARED")');
  });
});
