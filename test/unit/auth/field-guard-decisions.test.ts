import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql } from 'graphql';
import gql from 'graphql-tag';
import { Caller, Scope } from '../../../shared/auth/caller';
import { guardSubgraphSchema, GuardedContext } from '../../../shared/auth/field-guard';
import { directivesOf, requirementOf, ShareClass } from '../../../shared/auth/share-class';
import { FEDERATION_LINK } from '../../../shared/subgraph/build-schema';

/**
 * The field guard decides what does not depend on the row once per (field, caller) per request: its work for an
 * admin or an agency does not grow with the rows it reads, while the row rules (consent, own record) are still judged
 * on every row of the same request.
 */
const UNAUTHORIZED = 'UNAUTHORIZED_FIELD_OR_TYPE';
const authorized = directivesOf(requirementOf(ShareClass.AUTHORIZED_QUERY)).join(' ');
const open = directivesOf(requirementOf(ShareClass.PUBLIC)).join(' ');
const sdl = `${FEDERATION_LINK}
  type Query { facts(count: Int!): [Fact] ${open} }
  type Fact { operatorUscc: String ${authorized} score: Int ${authorized} }`;
const schema = guardSubgraphSchema(
  buildSubgraphSchema({
    typeDefs: gql(sdl),
    resolvers: {
      Query: {
        facts: (_: unknown, args: { count: number }) =>
          Array.from({ length: args.count }, (_v, i) => ({ operatorUscc: `OP${i % 4}`, score: i })),
      },
    },
  }),
).schema;

/** A caller whose scope look-ups are counted. */
function counted(caller: Omit<Caller, 'scopes'>, scopes: string[]): { caller: Caller; lookups: () => number } {
  let n = 0;
  const set = new Set(scopes);
  const has = set.has.bind(set);
  set.has = (s: string) => {
    n += 1;
    return has(s);
  };
  return { caller: { ...caller, scopes: set }, lookups: () => n };
}

async function read(caller: Caller, count: number, consented: string[] = []) {
  const consentAsked: string[] = [];
  const contextValue: GuardedContext = {
    caller,
    rowAccess: {
      consent: async (uscc) => {
        consentAsked.push(uscc);
        return consented.includes(uscc);
      },
      inPlatform: async () => false,
    },
  };
  const res = await graphql({ schema, source: `{ facts(count: ${count}) { operatorUscc score } }`, contextValue });
  return { res, consentAsked };
}

describe('the field guard decides once per field and caller per request', () => {
  it.each([
    ['an admin', { authenticated: true, role: 'admin' as const, operators: [] }, [Scope.ADMIN]],
    ['an agency', { authenticated: true, role: 'agency' as const, agency: 'customs' as const, operators: [] }, [Scope.GOV_SHARED, 'agency:customs']],
  ])('%s: as many scope look-ups for 100 rows as for 2, and every row served', async (_name, caller, scopes) => {
    const few = counted(caller, scopes);
    const small = await read(few.caller, 2);
    const many = counted(caller, scopes);
    const large = await read(many.caller, 100);
    expect(small.res.errors).toBeUndefined();
    expect(large.res.errors).toBeUndefined();
    expect((large.res.data as { facts: unknown[] }).facts).toHaveLength(100);
    expect(many.lookups()).toBe(few.lookups());
  });

  it('a caller without the scopes is refused on every row', async () => {
    const { res } = await read({ authenticated: true, role: 'public', scopes: new Set(), operators: [] }, 3);
    const facts = (res.data as { facts: unknown[] }).facts;
    expect(facts).toEqual([
      { operatorUscc: null, score: null },
      { operatorUscc: null, score: null },
      { operatorUscc: null, score: null },
    ]);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(Array(6).fill(UNAUTHORIZED));
  });

  it('an evaluator is still judged row by row (consent), within one request', async () => {
    const evaluator: Caller = { authenticated: true, role: 'evaluator', subject: 'bank-1', scopes: new Set([Scope.CREDIT_READ]), operators: [] };
    const { res, consentAsked } = await read(evaluator, 4, ['OP1', 'OP3']);
    expect(res.data).toEqual({
      facts: [
        { operatorUscc: null, score: null },
        { operatorUscc: 'OP1', score: 1 },
        { operatorUscc: null, score: null },
        { operatorUscc: 'OP3', score: 3 },
      ],
    });
    expect(new Set(consentAsked)).toEqual(new Set(['OP0', 'OP1', 'OP2', 'OP3']));
  });

  it('an operator reads its own rows only, within one request', async () => {
    const operator: Caller = { authenticated: true, role: 'operator', scopes: new Set([Scope.OPERATOR_SELF]), operators: ['OP2'] };
    const { res } = await read(operator, 4);
    expect((res.data as { facts: unknown[] }).facts).toEqual([
      { operatorUscc: null, score: null },
      { operatorUscc: null, score: null },
      { operatorUscc: 'OP2', score: 2 },
      { operatorUscc: null, score: null },
    ]);
  });
});
