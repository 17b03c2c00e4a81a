import { GraphQLError } from 'graphql';
import { dateInput, notAfterToday } from '../../../shared/validation/dates';
import { integerInRange, optionalText, positiveYuan, requiredText, yuanAmount } from '../../../shared/validation/inputs';
import { recordIdInput } from '../../../shared/validation/record-ids';

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

  it('refuses zero as a positive amount and whole numbers outside their range, naming the field', () => {
    expect(positiveYuan(' 12.30 ', 'paidAmount')).toBe(1230);
    expect(fault(() => positiveYuan('0', 'paidAmount')).message).toBe('`paidAmount` must be greater than zero');
    expect(integerInRange(5, 'rating', 1, 5)).toBe(5);
    for (const bad of [0, 6, 2.5, Number.NaN]) {
      expect(fault(() => integerInRange(bad, 'rating', 1, 5))).toMatchObject({
        message: `\`rating\` must be a whole number from 1 to 5 (got ${bad})`,
        extensions: { code: 'BAD_USER_INPUT', field: 'rating' },
      });
    }
  });

  it('reads record ids of one to twelve digits and refuses anything else, naming the argument', () => {
    expect(recordIdInput(' 42 ', 'claimId')).toBe(42);
    expect(recordIdInput('999999999999', 'claimId')).toBe(999_999_999_999);
    for (const bad of ['0', '-1', '1.5', '1e3', 'abc', '', '1234567890123']) {
      expect(fault(() => recordIdInput(bad, 'claimId'))).toMatchObject({
        message: `\`claimId\` must be a record id (a positive whole number), got "${bad}"`,
        extensions: { code: 'BAD_USER_INPUT', field: 'claimId' },
      });
    }
  });

  it('reads date inputs and refuses days after today, naming the field', () => {
    expect(dateInput(new Date('2026-11-03T00:00:00Z'), 'decidedOn')).toBe('2026-11-03');
    expect(dateInput('2026-11-03', 'decidedOn')).toBe('2026-11-03');
    expect(fault(() => dateInput('3 Nov', 'decidedOn')).message).toBe('`decidedOn` "3 Nov" is not a date (YYYY-MM-DD)');
    expect(fault(() => dateInput(new Date(Number.NaN), 'decidedOn')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decidedOn' });
    expect(notAfterToday(new Date('2026-11-30T00:00:00Z'), 'decidedOn', '2026-11-30')).toBe('2026-11-30');
    expect(fault(() => notAfterToday(new Date('2026-12-01T00:00:00Z'), 'decidedOn', '2026-11-30'))).toMatchObject({
      message: '`decidedOn` (2026-12-01) must not be in the future (today is 2026-11-30)',
      extensions: { code: 'BAD_USER_INPUT', field: 'decidedOn' },
    });
  });
});
