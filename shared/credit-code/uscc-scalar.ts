import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { ErrorCode } from '../errors/errors';
import { describeUsccFault, findUsccFault } from './uscc';

/** Throws BAD_USER_INPUT naming the fault (length, character, check character expected vs found). */
export function assertUscc(value: unknown): string {
  if (typeof value !== 'string') {
    throw new GraphQLError('A unified social credit code must be a string', {
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
  }
  const code = value.trim().toUpperCase();
  const fault = findUsccFault(code);
  if (fault) {
    throw new GraphQLError(describeUsccFault(value, fault), {
      extensions: { code: ErrorCode.BAD_USER_INPUT, usccFault: fault.kind },
    });
  }
  return code;
}

/**
 * GraphQL scalar for GB 32100-2015 codes. Input is validated (trimmed, upper-cased);
 * output is passed through, since agency-fed historic records may carry codes that fail the check.
 */
export const UnifiedSocialCreditCodeScalar = new GraphQLScalarType<string, string>({
  name: 'UnifiedSocialCreditCode',
  description:
    'Unified social credit code (统一社会信用代码), 18 characters, GB 32100-2015 with the GB 11714 organization code check',
  serialize: (value) => String(value),
  parseValue: (value) => assertUscc(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('A unified social credit code must be a string', {
        extensions: { code: ErrorCode.BAD_USER_INPUT, usccFault: 'TYPE' },
      });
    }
    return assertUscc(ast.value);
  },
});
