/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015, with the embedded
 * organization code check of GB 11714-1997.
 */

/** The 31 symbols of GB 32100; a symbol's value is its index (no I, O, S, V, Z). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^(i-1) mod 31 for positions 1-17. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type UsccFault =
  | { kind: 'LENGTH'; length: number }
  | { kind: 'CHARACTER'; position: number; character: string }
  | { kind: 'ORGANIZATION_CODE_CHECK'; expected: string; found: string }
  | { kind: 'CHECK_CHARACTER'; expected: string; found: string };

/** Value of a GB 11714 body character: digits are themselves, A=10 ... Z=35. */
function orgCodeValue(ch: string): number {
  return /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
}

/** Check character of the 8-character GB 11714 organization code body. */
export function organizationCodeCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCodeValue(body[i]) * ORG_CODE_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Check character (position 18) of the first 17 characters of a credit code. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Returns what is wrong with a code, or null when it is valid. */
export function findUsccFault(code: string): UsccFault | null {
  if (code.length !== 18) return { kind: 'LENGTH', length: code.length };
  for (let i = 0; i < 18; i++) {
    if (!USCC_ALPHABET.includes(code[i])) return { kind: 'CHARACTER', position: i + 1, character: code[i] };
  }
  const orgBody = code.slice(8, 16);
  const orgCheck = code[16];
  // GB 11714 check is in 0-9/X; codes whose body uses letters beyond the USCC alphabet cannot occur here.
  const expectedOrg = organizationCodeCheck(orgBody);
  if (orgCheck !== expectedOrg) return { kind: 'ORGANIZATION_CODE_CHECK', expected: expectedOrg, found: orgCheck };
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) return { kind: 'CHECK_CHARACTER', expected, found: code[17] };
  return null;
}

export function describeUsccFault(code: string, fault: UsccFault): string {
  switch (fault.kind) {
    case 'LENGTH':
      return `Invalid unified social credit code "${code}": must be 18 characters, got ${fault.length}`;
    case 'CHARACTER':
      return `Invalid unified social credit code "${code}": character "${fault.character}" at position ${fault.position} is not allowed (use 0-9 and A-Y without I, O, S, V, Z)`;
    case 'ORGANIZATION_CODE_CHECK':
      return `Invalid unified social credit code "${code}": organization code check character (position 17) should be "${fault.expected}", found "${fault.found}"`;
    case 'CHECK_CHARACTER':
      return `Invalid unified social credit code "${code}": check character (position 18) should be "${fault.expected}", found "${fault.found}"`;
  }
}

export function isValidUscc(code: string): boolean {
  return findUsccFault(code) === null;
}

/** Builds a valid code from its 17-character prefix minus the two check characters. */
export function completeUscc(authorityAndCategory: string, division: string, orgBody: string): string {
  const first17 = `${authorityAndCategory}${division}${orgBody}${organizationCodeCheck(orgBody)}`;
  return first17 + usccCheckCharacter(first17);
}
