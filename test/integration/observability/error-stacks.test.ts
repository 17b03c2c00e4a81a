import { GraphQLError } from 'graphql';
import { createErrorFormatter } from '../../../shared/graphql/format-error';
import { createLogger } from '../../../shared/logging/logger';
import { marketRegulationSubgraph } from '../../../subgraphs/market-regulation';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';

/** Issue 12 part 4: expected errors carry no stack trace even in development; unexpected ones keep it there only. */

describe('a subgraph in development', () => {
  let h: SubgraphHarness;
  beforeAll(async () => {
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: 2, env: { NODE_ENV: 'development' } });
  });
  afterAll(() => h?.stop());

  it('answers bad input and a denial without a stack trace', async () => {
    const badInput = await h.query('{ operators(first: 100000) { nodes { uscc } } }');
    expect(badInput.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const denied = await h.query('{ operators(first: 1) { nodes { riskClass { class } } } }');
    expect(denied.errors?.[0].extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    for (const error of [...(badInput.errors ?? []), ...(denied.errors ?? [])]) expect(error.extensions).not.toHaveProperty('stacktrace');
  });
});

describe('error formatting by environment', () => {
  const log = createLogger('silent');
  const internal = { message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: boom', '    at x'] } };
  const expected = ['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'UNAUTHENTICATED', 'RATE_LIMITED', 'OPERATION_TOO_COMPLEX'];

  it.each(expected)('%s has no stack trace in development', (code) => {
    const formatted = createErrorFormatter('development', log)(
      { message: 'refused', extensions: { code, stacktrace: ['GraphQLError: refused', '    at y'] } },
      new GraphQLError('refused', { extensions: { code } }),
    );
    expect(formatted.extensions).toEqual({ code });
  });

  it('an unexpected error keeps its stack trace in development only', () => {
    expect(createErrorFormatter('development', log)(internal, new Error('boom')).extensions?.stacktrace).toEqual(internal.extensions.stacktrace);
    expect(createErrorFormatter('production', log)(internal, new Error('boom')).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
