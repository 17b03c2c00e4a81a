import { GraphQLError } from 'graphql';
import { createErrorFormatter } from '../../../shared/graphql/format-error';
import { createLogger } from '../../../shared/logging/logger';

const log = createLogger('silent');

describe('error formatting', () => {
  it('hides internal errors (SQL, stack traces) outside development', () => {
    const format = createErrorFormatter('production', log);
    const sqlError = new Error('SQLITE_ERROR: no such column: "operatorUscc" in SELECT * FROM penalty WHERE ...');
    const formatted = format(
      { message: sqlError.message, path: ['operator', 'penalties'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: ...', 'at x'] } },
      sqlError,
    );
    expect(formatted).toEqual({ message: 'Internal server error', path: ['operator', 'penalties'], locations: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('keeps client errors as written, without stack traces', () => {
    const format = createErrorFormatter('production', log);
    const error = new GraphQLError('`first` must not exceed 100', { extensions: { code: 'BAD_USER_INPUT' } });
    expect(format({ message: error.message, extensions: { code: 'BAD_USER_INPUT', stacktrace: ['x'] } }, error)).toEqual({
      message: '`first` must not exceed 100',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('reports a credit-code fault found while parsing a literal as bad user input', () => {
    const format = createErrorFormatter('production', log);
    const formatted = format(
      { message: 'Invalid unified social credit code "X": must be 18 characters, got 1', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', usccFault: 'LENGTH' } },
      new Error(),
    );
    expect(formatted.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('shows internal messages in development, where stack traces help', () => {
    const format = createErrorFormatter('development', log);
    expect(format({ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, new Error('boom')).message).toBe('boom');
  });
});
