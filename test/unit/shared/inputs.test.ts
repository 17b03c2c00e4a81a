import { GraphQLError } from 'graphql';
import { optionalText, requiredText, yuanAmount } from '../../../shared/validation/inputs';

function fault(run: () => unknown): GraphQLError {
  try {
    run();
  } catch (e) {
    return e as GraphQLError;
  }
  throw new Error('no fault');
}

describe('shared input checks', () => {
  it('trims text, refuses blank and over-long text naming the field', () => {
    expect(requiredText('  违规  ', 'facts', 10)).toBe('违规');
    expect(fault(() => requiredText('  ', 'facts', 10))).toMatchObject({ message: '`facts` must not be empty', extensions: { code: 'BAD_USER_INPUT', field: 'facts' } });
    expect(fault(() => requiredText('x'.repeat(11), 'facts', 10)).message).toBe('`facts` must be at most 10 characters (got 11)');
    expect(optionalText('  ', 'note', 10)).toBeNull();
    expect(optionalText(undefined, 'note', 10)).toBeNull();
  });

  it('reads yuan amounts as fen, refusing negative and malformed ones (and zero when positive)', () => {
    expect(yuanAmount('1234.5', 'fine')).toBe(123450);
    expect(yuanAmount('0', 'fine')).toBe(0);
    for (const bad of ['-1', '1.234', 'abc', '']) {
      expect(fault(() => yuanAmount(bad, 'fine')).message).toMatch(/^`fine` must be a non-negative amount of yuan, as a decimal/);
    }
    expect(fault(() => yuanAmount('0.00', 'claimedAmount', { positive: true })).message).toBe('`claimedAmount` must be greater than zero');
  });
});
