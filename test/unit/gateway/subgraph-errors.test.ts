import { GraphQLError } from 'graphql';
import { subgraphUnavailable } from '../../../gateway/agency-subgraph-source';
import { createErrorFormatter } from '../../../shared/graphql/format-error';
import { createLogger } from '../../../shared/logging/logger';

const log = createLogger('silent');

describe('subgraph errors in production', () => {
  const format = createErrorFormatter('production', log);

  it('keeps the unavailable-agency error as written', () => {
    const error = subgraphUnavailable('customs');
    expect(format({ message: error.message, extensions: { ...error.extensions, stacktrace: ['x'] } }, error)).toEqual({
      message: 'customs is unavailable: its fields are null',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', agency: 'customs' },
    });
  });

  it('hides the message of a subgraph error Apollo Gateway labels DOWNSTREAM_SERVICE_ERROR (it may hold an address)', () => {
    const message = 'request to http://customs.internal:4003/graphql failed, reason: connect ECONNREFUSED 10.0.3.7:4003';
    const formatted = format({ message, extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'customs' } }, new GraphQLError(message));
    expect(formatted.message).toBe('Internal server error');
    expect(JSON.stringify(formatted)).not.toMatch(/customs\.internal|10\.0\.3\.7|4003/);
  });
});
