import { checkPurposeHeader, normalisePurpose, readPurposeHeader } from '../../../shared/access-control';
import { lifetimeFault } from '../../../shared/auth/tokens/verify';

const latin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe('x-purpose header', () => {
  it('normalises for comparison: NFKC, trimmed, inner whitespace collapsed, case-folded', () => {
    expect(normalisePurpose('  Loan \t  APPLICATION ')).toBe('loan application');
    expect(normalisePurpose('Ｌｏａｎ application')).toBe('loan application');
    expect(normalisePurpose('Straße')).toBe(normalisePurpose('STRASSE'));
    expect(normalisePurpose('贷款　申请')).toBe('贷款 申请');
    expect(normalisePurpose('loan application')).not.toBe(normalisePurpose('loan applications'));
  });

  it('reads the declared text: absent is empty, UTF-8 bytes are decoded, latin1 text that is not UTF-8 stays', () => {
    expect(readPurposeHeader(undefined)).toBe('');
    expect(readPurposeHeader('  loan application ')).toBe('loan application');
    expect(readPurposeHeader(latin1('贷款申请'))).toBe('贷款申请');
    expect(readPurposeHeader('caf\u00e9')).toBe('caf\u00e9');
  });

  it.each([
    ['too long', 'x'.repeat(501), /must not exceed 500 characters/],
    ['too long once decoded', latin1('贷'.repeat(501)), /must not exceed 500 characters/],
    ['a repeated header', ['a', 'b'], /once/],
    ['a control character', latin1('loan\u0000x'), /control/],
    ['a bidi override', latin1('loan\u202Enaol'), /bidirectional/],
    ['a bidi isolate', latin1('loan\u2066x'), /bidirectional/],
  ])('refuses %s with BAD_USER_INPUT', (_name, value, message) => {
    let error: unknown;
    try {
      checkPurposeHeader(value);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect((error as Error).message).toMatch(message);
  });

  it('accepts exactly 500 characters', () => {
    expect(readPurposeHeader('x'.repeat(500))).toHaveLength(500);
  });
});

describe('token lifetime', () => {
  const auth = { clockToleranceSeconds: 30, maxTokenTtlSeconds: 86_400 };
  const now = 1_800_000_000;
  it.each([
    [{ iat: now, exp: now + 86_400 }, null],
    [{ iat: now - 100, exp: now + 3600 }, null],
    [{ iat: now + 20, exp: now + 3600 }, null],
    [{ iat: now, exp: now + 86_401 }, 'TOKEN_LIFETIME_TOO_LONG'],
    [{ iat: now, exp: now + 5 * 365 * 86_400 }, 'TOKEN_LIFETIME_TOO_LONG'],
    [{ exp: now + 60 }, 'TOKEN_LIFETIME_UNKNOWN'],
    [{ iat: 'yesterday', exp: now + 60 }, 'TOKEN_LIFETIME_UNKNOWN'],
    [{ iat: now + 31, exp: now + 600 }, 'TOKEN_NOT_YET_VALID'],
  ])('%j → %s', (payload, fault) => {
    expect(lifetimeFault(payload, now, auth)).toBe(fault);
  });
});
