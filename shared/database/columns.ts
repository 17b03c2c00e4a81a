import type { ValueTransformer } from 'typeorm';

/**
 * Money is kept as integer fen in a bigint column. PostgreSQL returns bigint as a string,
 * SQLite as a number: this transformer gives a number either way (safe up to 9e15 fen).
 */
export const fenTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};

/** Formats integer fen as a decimal yuan string: 123456 → "1234.56". */
export function fenToYuan(fen: number | null | undefined): string | null {
  if (fen === null || fen === undefined) return null;
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Parses a decimal yuan string ("1234.5", "1234.56") into fen; null when malformed. */
export function yuanToFen(yuan: string): number | null {
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
