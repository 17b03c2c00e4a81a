import { yuanToFen } from '../database/columns';
import { badInput } from '../errors/errors';

/** Checks of free-text, number and money inputs that every agency's mutations share; faults are BAD_USER_INPUT naming the field. */

/** A trimmed text of `min` (by default 1: not empty) to `max` characters. */
export function requiredText(value: string | null | undefined, field: string, max: number, min = 1): string {
  const text = (value ?? '').trim();
  if (text.length < min) throw badInput(`\`${field}\` must not be empty`, { field });
  if (text.length > max) throw badInput(`\`${field}\` must be at most ${max} characters (got ${text.length})`, { field });
  return text;
}

/** Like requiredText, but blank is allowed and becomes null. */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return requiredText(value, field, max);
}

/** A yuan amount as a decimal string ("1234.56") → integer fen; negative or malformed is refused, zero too when `positive`. */
export function yuanAmount(value: string, field: string, options: { positive?: boolean } = {}): number {
  const fen = typeof value === 'string' ? yuanToFen(value) : null;
  if (fen === null) {
    throw badInput(
      `\`${field}\` must be a non-negative amount of yuan, as a decimal with at most two places like "1234.56" (got "${value}")`,
      { field },
    );
  }
  if (options.positive && fen === 0) throw badInput(`\`${field}\` must be greater than zero`, { field });
  return fen;
}

/** A positive yuan amount ("1234.56", surrounding blanks ignored) → integer fen; zero, negative or malformed is refused. */
export function positiveYuan(value: string, field: string): number {
  return yuanAmount(value.trim(), field, { positive: true });
}

/** A whole number within [min, max], or BAD_USER_INPUT naming the field. */
export function integerInRange(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`\`${field}\` must be a whole number from ${min} to ${max} (got ${value})`, { field });
  }
  return value;
}
