import fs from 'node:fs';
import { buildASTSchema, getIntrospectionQuery, parse } from 'graphql';
import { stripSecurityDirectives } from '../../../gateway/authorization/supergraph-security';
import { COMMITTED_SUPERGRAPH } from '../../../gateway/supergraph/location';
import { loadConfig } from '../../../shared/config/config';
import { DEFAULT_LIMITS } from '../../../shared/config/operation-limits';
import { countTokens, estimateCost, measureDocument, variablesReadByCost } from '../../../shared/graphql/operation-limits';
import { doublingFragments, storefrontNesting } from '../../support/hostile-queries';

const schema = buildASTSchema(parse(stripSecurityDirectives(fs.readFileSync(COMMITTED_SUPERGRAPH, 'utf8'))), { assumeValidSDL: true });
const costOptions = { maxPageSize: 100, assumedListSize: 10 };
const cost = (q: string, variables?: Record<string, unknown>) => estimateCost(schema, parse(q), undefined, variables, costOptions);

describe('operation measures', () => {
  it('counts depth, aliases (__typename ones too), root fields, directives and expanded fields', () => {
    const m = measureDocument(schema, parse(`query Q($x: Boolean!) {
      a: operator(uscc: "1") { name registration { address } }
      b: operator(uscc: "2") @include(if: $x) { t1: __typename t2: __typename }
      ...Root
    }
    fragment Root on Query { platforms(first: 2) { totalCount } }`));
    expect(m).toEqual({ depth: 3, aliases: 4, rootFields: 3, directives: 1, fields: 7, introspection: false });
  });

  it('measures a doubling fragment chain in linear time', () => {
    const query = doublingFragments(25);
    expect(query.length).toBeLessThan(1300);
    // 2^25 fields: walked one by one this would outlast the test's timeout; how fast it is goes in `npm run bench`.
    const m = measureDocument(schema, parse(query));
    expect(m.fields).toBe(2 ** 24 * 2);
    expect(m.rootFields).toBe(2 ** 24);
  });

  it('sees introspection behind fragments', () => {
    expect(measureDocument(schema, parse('{ ...I } fragment I on Query { __type(name: "Operator") { name } }')).introspection).toBe(true);
    expect(measureDocument(schema, parse('{ __typename }')).introspection).toBe(false);
  });

  it('counts tokens as the parser does', () => {
    const text = '{ a(first: 10) { b } } # comment';
    expect(countTokens(text)).toBe(11);
    expect(() => parse(text, { maxTokens: 11 })).not.toThrow();
    expect(() => parse(text, { maxTokens: 10 })).toThrow(/tokens/);
  });
});

describe('cost estimate', () => {
  it('weighs a paged field by first, from a literal, a variable or the default page size', () => {
    expect(cost('{ operators(first: 100) { nodes { name } } }')).toBe(1 + 100 * (1 + 1));
    expect(cost('query($n: Int) { operators(first: $n) { nodes { name } } }', { n: 50 })).toBe(1 + 50 * 2);
    expect(cost('{ operators { nodes { name } } }')).toBe(1 + 20 * 2);
  });

  it('weighs introspection by its fields, not as lists', () => {
    const query = parse(getIntrospectionQuery());
    expect(estimateCost(schema, query, undefined, {}, costOptions)).toBe(measureDocument(schema, query).fields);
  });

  it('weighs a plain list by the assumed list size, and __typename not at all', () => {
    expect(cost('{ operator(uscc: "1") { __typename storefronts { shopName } } }')).toBe(1 + (1 + 10 * 1));
  });

  it('admits one level of storefront/operator nesting for a public caller, two for no one but privileged callers', () => {
    expect(cost(storefrontNesting(1))).toBe(1 + 100 * (1 + 1 + (1 + 10 * (1 + 1))));
    expect(cost(storefrontNesting(1))!).toBeLessThanOrEqual(DEFAULT_LIMITS.standard.cost);
    expect(cost(storefrontNesting(2))!).toBeGreaterThan(DEFAULT_LIMITS.standard.cost);
    expect(cost(storefrontNesting(3))!).toBeLessThanOrEqual(DEFAULT_LIMITS.privileged.cost);
    expect(cost(storefrontNesting(4))!).toBeGreaterThan(DEFAULT_LIMITS.privileged.cost);
  });
});

describe('variables a cost depends on', () => {
  // The plugin keys its cost cache on these alone: any other variable must leave the estimate unchanged.
  it('are those given to first and to @skip/@include, and no others', () => {
    const text = `query($uscc: UnifiedSocialCreditCode!, $n: Int, $all: Boolean!, $reps: [_Any!]!) {
      operator(uscc: $uscc) { name storefronts @include(if: $all) { shopName } }
      operators(first: $n) { nodes { name } }
      _entities(representations: $reps) { __typename } }`;
    expect(variablesReadByCost(parse(text))).toEqual(['all', 'n']);
    expect(variablesReadByCost(parse('query($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { name } }'))).toEqual([]);
  });

  it('leave the estimate unchanged when any other variable changes', () => {
    const text = 'query($uscc: UnifiedSocialCreditCode!, $n: Int) { operator(uscc: $uscc) { storefronts { shopName } } operators(first: $n) { nodes { name } } }';
    expect(cost(text, { uscc: '91440113MAX412H18G', n: 5 })).toBe(cost(text, { uscc: '91440115MABLGMK51E', n: 5 }));
    expect(cost(text, { uscc: '91440113MAX412H18G', n: 5 })).not.toBe(cost(text, { uscc: '91440113MAX412H18G', n: 50 }));
  });
});

describe('limits configuration', () => {
  it('has defaults for both tiers', () => {
    expect(loadConfig({}).operationLimits).toEqual({ ...DEFAULT_LIMITS, assumedListSize: 10 });
  });

  it('reads every limit and names a bad variable', () => {
    const config = loadConfig({ LIMIT_DEPTH: '8', LIMIT_PRIVILEGED_COST: '500000', LIMIT_ASSUMED_LIST_SIZE: '5' });
    expect(config.operationLimits.standard.depth).toBe(8);
    expect(config.operationLimits.privileged.cost).toBe(500000);
    expect(config.operationLimits.assumedListSize).toBe(5);
    expect(() => loadConfig({ LIMIT_ALIASES: 'many' })).toThrow(/LIMIT_ALIASES/);
    expect(() => loadConfig({ LIMIT_PRIVILEGED_DEPTH: '5' })).toThrow(/LIMIT_PRIVILEGED_DEPTH: must not be below LIMIT_DEPTH/);
  });

  it('reads CORS_ORIGINS; defaults to localhost in development and nothing in production', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).cors).toEqual({ kind: 'development' });
    expect(loadConfig({ NODE_ENV: 'production' }).cors).toEqual({ kind: 'none' });
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.cn, https://b.example.cn/' }).cors).toEqual({
      kind: 'list',
      origins: ['https://a.example.cn', 'https://b.example.cn'],
    });
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example.cn/path' })).toThrow(/CORS_ORIGINS/);
  });
});
