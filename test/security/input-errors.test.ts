import fs from 'node:fs';
import path from 'node:path';
import { buildASTSchema, getNamedType, isInputObjectType, isObjectType, isScalarType, isSpecifiedScalarType, parse } from 'graphql';
import { PROJECT_ROOT } from '../../shared/config/paths';
import { CHECKED_SCALARS, findTextFault } from '../../shared/graphql/input-check';
import { marketRegulationSubgraph } from '../../subgraphs/market-regulation';
import type { GraphQLResponse } from '../support/graphql-client';
import { startStackForTest, type StackHarness } from '../support/stack-harness';
import { startSubgraphForTest, type SubgraphHarness } from '../support/subgraph-harness';

/**
 * Careless and hostile input: invalid scalar values anywhere in the input, and text carrying control or
 * bidirectional-override characters, are BAD_USER_INPUT naming the variable or argument and the fault, and
 * nothing is written. Through the gateway they are refused before any subgraph fetch.
 */
jest.setTimeout(15_000);

const OPERATOR = '91440113MAX412H18G';
const BAD_CHECK_CHARACTER = '91350203M0001QAY9B';
const RECORD_PENALTY = `mutation($input: RecordPenaltyInput!) { recordPenalty(input: $input) { decisionNumber facts } }`;

function penalty(overrides: Record<string, unknown> = {}) {
  return {
    operatorUscc: OPERATOR,
    decisionNumber: `穗天市监处〔2026〕${Math.floor(Math.random() * 1e6)}号`,
    violationType: '虚假宣传',
    facts: '当事人在网店首页发布虚假宣传内容。',
    legalBasis: '《广告法》第五十五条',
    categories: ['WARNING'],
    decidedOn: '2026-10-20',
    decidingAuthority: '广州市天河区市场监督管理局',
    ...overrides,
  };
}

function literal(input: Record<string, unknown>): string {
  const fields = Object.entries(input).map(([k, v]) => `${k}: ${k === 'categories' ? `[${(v as string[]).join(', ')}]` : JSON.stringify(v)}`);
  return `mutation { recordPenalty(input: { ${fields.join(', ')} }) { decisionNumber } }`;
}

function expectBadInput(res: GraphQLResponse, message: RegExp) {
  expect(res.data ?? null).toBeNull();
  expect(res.errors).toHaveLength(1);
  expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(res.errors?.[0].message).toMatch(message);
}

const CASES: [string, Record<string, unknown>, RegExp][] = [
  [
    'a credit code with a wrong check character',
    { operatorUscc: BAD_CHECK_CHARACTER },
    /"input\.operatorUscc".*check character \(position 18\) should be "9", found "B"/,
  ],
  ['a credit code of the wrong length', { operatorUscc: '9144011' }, /"input\.operatorUscc".*must be 18 characters, got 7/],
  ['an impossible date', { decidedOn: '2026-13-45' }, /"input\.decidedOn".*2026-13-45/],
  ['a NUL character in text', { facts: '事实\u0000清楚' }, /"input\.facts".*control character \(found U\+0000 at character 3\)/],
  ['a right-to-left override in text', { violationType: '虚假\u202Eesicorp' }, /"input\.violationType".*bidirectional control character \(found U\+202E/],
  ['a C1 control character (NEL) in text', { facts: 'a\u0085b' }, /"input\.facts".*U\+0085/],
];

describe('input errors at a subgraph', () => {
  let h: SubgraphHarness;
  let headers: Record<string, string>;
  const penalties = async () =>
    Number(((await h.subgraph.database.dataSource.query(`SELECT COUNT(*) AS n FROM "administrative_penalty"`)) as { n: number | string }[])[0].n);

  beforeAll(async () => {
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: 3 });
    headers = await h.as({ role: 'agency', agency: 'market-regulation' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it.each(CASES)('refuses %s in variables, naming the variable, and writes nothing', async (_name, overrides, message) => {
    const before = await penalties();
    const res = await h.query(RECORD_PENALTY, { input: penalty(overrides) }, headers);
    expectBadInput(res, message);
    expect(res.errors?.[0].message).toMatch(/^Variable "\$input"/);
    expect(res.status).toBe(400);
    expect(await penalties()).toBe(before);
  });

  it.each(CASES)('refuses %s in a literal, naming the argument, and writes nothing', async (_name, overrides, message) => {
    const before = await penalties();
    const res = await h.query(literal(penalty(overrides)), {}, headers);
    expectBadInput(res, message);
    expect(res.errors?.[0].message).toMatch(/^Argument "input" of "recordPenalty"/);
    expect(await penalties()).toBe(before);
  });

  it('refuses a bad value inside a list of a nested input, naming its position, in variables and literals', async () => {
    const input = {
      operatorUscc: OPERATOR,
      ground: 'FOOD',
      basisDecisionNumbers: ['穗天市监处〔2026〕1号', '穗天市监处〔2026〕\u20662号'],
      facts: '多次虚假宣传',
      listedOn: '2026-10-20',
      listingAuthority: '广州市市场监督管理局',
      decisionNumber: '穗市监列严〔2026〕1号',
      priorNoticeOn: '2026-10-01',
      statementOfDefenceDeadline: '2026-10-10',
    };
    const mutation = `mutation($input: ListOnSeriousDishonestListInput!) { listOnSeriousDishonestList(input: $input) { listedOn } }`;
    const res = await h.query(mutation, { input }, headers);
    expectBadInput(res, /^Variable "\$input" has an invalid value at "input\.basisDecisionNumbers\[1\]": .*U\+2066/);
    const inline = await h.query(
      `mutation { listOnSeriousDishonestList(input: { operatorUscc: "${OPERATOR}", ground: FOOD, ` +
        `basisDecisionNumbers: ["a", "b\\u202Ec"], facts: "f", listedOn: "2026-10-20", listingAuthority: "x", ` +
        `decisionNumber: "n", priorNoticeOn: "2026-10-01", statementOfDefenceDeadline: "2026-10-10" }) { listedOn } }`,
      {},
      headers,
    );
    expectBadInput(inline, /^Argument "input" of "listOnSeriousDishonestList" has an invalid value at "input\.basisDecisionNumbers\[1\]": .*U\+202E/);
  });

  it('accepts legitimate Chinese text with newlines and tabs, and stores it as sent', async () => {
    const facts = '当事人于2026年8月在其网店首页宣称“全网销量第一”，\n经查无事实依据。\r\n\t处罚依据见下。';
    const before = await penalties();
    const res = await h.query(RECORD_PENALTY, { input: penalty({ facts }) }, headers);
    expect(res.errors).toBeUndefined();
    expect(res.data?.recordPenalty.facts).toBe(facts);
    expect(await penalties()).toBe(before + 1);
  });
});

describe('input errors through the gateway', () => {
  let h: StackHarness;
  let headers: Record<string, string>;
  const penalties = async () => {
    const mr = h.stack.subgraphs.find((s) => s.agency === 'market-regulation');
    const rows = (await mr?.database.dataSource.query(`SELECT COUNT(*) AS n FROM "administrative_penalty"`)) as { n: number | string }[];
    return Number(rows[0].n);
  };

  beforeAll(async () => {
    h = await startStackForTest({ seedOperators: 3 });
    headers = await h.as({ role: 'agency', agency: 'market-regulation' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it.each(CASES)('refuses %s in variables before any subgraph fetch, and writes nothing', async (_name, overrides, message) => {
    const before = await penalties();
    h.reset();
    const res = await h.query(RECORD_PENALTY, { input: penalty(overrides) }, headers);
    // No time bound here (timings belong in the benchmark): refused before any fetch is what shows no work was done.
    expectBadInput(res, message);
    expect(res.errors?.[0].message).toMatch(/^Variable "\$input"/);
    expect(h.fetches).toEqual({});
    expect(await penalties()).toBe(before);
  });

  it.each(CASES)('refuses %s in a literal before any subgraph fetch', async (_name, overrides, message) => {
    h.reset();
    const res = await h.query(literal(penalty(overrides)), {}, headers);
    expectBadInput(res, message);
    expect(res.errors?.[0].message).toMatch(/^Argument "input" of "recordPenalty"/);
    expect(h.fetches).toEqual({});
  });

  it('refuses control characters in a query argument too', async () => {
    h.reset();
    const res = await h.query(`query($n: String) { operators(first: 1, filter: { nameContains: $n }) { totalCount } }`, { n: '广州\u202E' });
    expectBadInput(res, /^Variable "\$n" has an invalid value: text must not contain a bidirectional control character/);
    expect(h.fetches).toEqual({});
  });

  it('refuses a credit code with a control character as an invalid credit code', async () => {
    h.reset();
    const res = await h.query(`query($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { name } }`, { u: `${OPERATOR}\u202E` });
    expectBadInput(res, /^Variable "\$u" has an invalid value: Invalid unified social credit code .*must be 18 characters, got 19/);
    expect(h.fetches).toEqual({});
  });

  it('passes legitimate Chinese text with newlines through to the subgraph', async () => {
    const facts = '经查：\n一、虚假宣传；\n二、拒不改正。';
    const res = await h.query(RECORD_PENALTY, { input: penalty({ facts }) }, headers);
    expect(res.errors).toBeUndefined();
    expect(res.data?.recordPenalty.facts).toBe(facts);
  });
});

describe('findTextFault', () => {
  it.each([
    ['plain Chinese', '广州美途穗美食品有限公司', null],
    ['newline, carriage return and tab', 'a\r\n\tb', null],
    ['left-to-right mark (allowed: reorders nothing around it)', 'ABC\u200E123', null],
    ['NUL', 'a\u0000', /U\+0000 at character 2/],
    ['escape', '\u001B[31m', /control character \(found U\+001B at character 1/],
    ['DEL', 'x\u007F', /U\+007F/],
    ['first strong isolate', '\u2068x', /bidirectional control character \(found U\+2068/],
    ['an unpaired surrogate', 'a\uD800b', /unpaired surrogate/],
    ['a position counted in characters, not UTF-16 units', '𠀀𠀀\u202D', /at character 3/],
  ])('%s', (_name, text, expected) => {
    const fault = findTextFault(text);
    if (expected === null) expect(fault).toBeNull();
    else expect(fault).toMatch(expected);
  });
});

describe('the gateway check knows every scalar a client can send', () => {
  it('parses every custom scalar used in an input position of the supergraph', () => {
    const sdl = fs.readFileSync(path.join(PROJECT_ROOT, 'gateway', 'supergraph.graphql'), 'utf8');
    const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });
    const used = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || type.name.startsWith('join__') || type.name.startsWith('link__')) continue;
      if (isInputObjectType(type)) for (const f of Object.values(type.getFields())) used.add(getNamedType(f.type).name);
      if (isObjectType(type)) for (const f of Object.values(type.getFields())) for (const a of f.args) used.add(getNamedType(a.type).name);
    }
    const custom = [...used].filter((name) => {
      const type = schema.getType(name);
      return type && isScalarType(type) && !isSpecifiedScalarType(type);
    });
    expect(custom.length).toBeGreaterThan(0);
    for (const name of custom) expect(CHECKED_SCALARS).toContain(name);
  });
});
