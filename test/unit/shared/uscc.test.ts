import fs from 'node:fs';
import path from 'node:path';
import { GraphQLError, Kind } from 'graphql';
import { completeUscc, findUsccFault, isValidUscc, organizationCodeCheck } from '../../../shared/credit-code/uscc';
import { assertUscc, UnifiedSocialCreditCodeScalar } from '../../../shared/credit-code/uscc-scalar';

const REFERENCE = path.resolve(__dirname, '../../fixtures/uscc-real.txt');

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts the valid examples of DOMAIN.md and the issue', () => {
    for (const code of ['91440101MA5CJQ4N59', '91350100M000100Y43', '91350200776049653A']) {
      expect(findUsccFault(code)).toBeNull();
    }
  });

  // Provenance of the list: test/fixtures/README.md.
  it('accepts every one of the 200 published real codes', () => {
    const codes = fs.readFileSync(REFERENCE, 'utf8').split(/\s+/).filter(Boolean);
    expect(codes).toHaveLength(200);
    expect(codes.filter((c) => !isValidUscc(c))).toEqual([]);
  });

  it('names the fault of each invalid code', () => {
    expect(findUsccFault('91350203M0001QAY9B')).toEqual({ kind: 'CHECK_CHARACTER', expected: '9', found: 'B' });
    expect(findUsccFault('91440101MA5CJQ4N5')).toEqual({ kind: 'LENGTH', length: 17 });
    expect(findUsccFault('914401O1MA5CJQ4N59')).toEqual({ kind: 'CHARACTER', position: 7, character: 'O' });
  });

  it('checks the embedded GB 11714 organization code', () => {
    // Same body as a valid code but a wrong organization check character (position 17).
    const valid = '91440101MA5CJQ4N59';
    const wrongOrg = valid.slice(0, 16) + '3' + valid[17];
    expect(findUsccFault(wrongOrg)).toMatchObject({ kind: 'ORGANIZATION_CODE_CHECK', expected: '5', found: '3' });
    expect(organizationCodeCheck('MA5CJQ4N')).toBe(valid[16]);
  });

  it('builds valid codes from their parts', () => {
    const code = completeUscc('91', '440106', 'MA5ABCDE');
    expect(code).toHaveLength(18);
    expect(isValidUscc(code)).toBe(true);
  });

  it('reports faults as BAD_USER_INPUT GraphQL errors with the reason in the message', () => {
    const cases: [string, RegExp][] = [
      ['91350203M0001QAY9B', /check character \(position 18\) should be "9", found "B"/],
      ['91440101MA5CJQ4N5', /must be 18 characters, got 17/],
      ['914401O1MA5CJQ4N59', /character "O" at position 7 is not allowed/],
    ];
    for (const [code, message] of cases) {
      let error: unknown;
      try {
        assertUscc(code);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
      expect((error as GraphQLError).message).toMatch(message);
    }
  });

  it('normalises input case and whitespace in the scalar', () => {
    expect(UnifiedSocialCreditCodeScalar.parseValue(' 91440101ma5cjq4n59 ')).toBe('91440101MA5CJQ4N59');
    expect(() => UnifiedSocialCreditCodeScalar.parseLiteral({ kind: Kind.INT, value: '9' })).toThrow(/must be a string/);
  });
});
