/** Masked forms of personal information (DOMAIN.md): ID `440106********1234`, mobile `138****5678`, name `张*`. */
export const MASKS = {
  ID_NUMBER: (id: string) => (id.length > 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : '*'.repeat(id.length)),
  PHONE: (phone: string) => (phone.length >= 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '*'.repeat(phone.length)),
  PERSON_NAME: (name: string) => {
    const chars = [...name];
    return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
  },
} as const;

export type MaskKind = keyof typeof MASKS;

export function mask(kind: MaskKind, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return MASKS[kind](value);
}
