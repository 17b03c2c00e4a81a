import { z } from 'zod';

export class ConfigError extends Error {}

/** A ConfigError listing each bad variable with its fault. */
export function invalidConfiguration(issues: readonly string[]): ConfigError {
  return new ConfigError('Invalid configuration: ' + issues.join('; '));
}

/** The issues of a failed zod parse as `VARIABLE: fault`. */
export function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

/** Parses the environment with one section's schema, or throws a ConfigError naming each bad variable. */
export function parseEnv<S extends z.ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw invalidConfiguration(issuesOf(parsed.error));
  return parsed.data;
}

/**
 * A whole number from the environment, between min and max. Its error names the rule and the value given
 * (`PORT: must be a whole number between 0 and 65535, got "abc"`), where zod alone says "Expected number, received nan".
 */
export function wholeNumber(min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  const rule = min === Number.MIN_SAFE_INTEGER && max === Number.MAX_SAFE_INTEGER ? 'a whole number' : `a whole number between ${min} and ${max}`;
  return z.union([z.string(), z.number()]).transform((raw, ctx) => {
    const value = typeof raw === 'number' ? raw : /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be ${rule}, got ${JSON.stringify(raw)}` });
      return z.NEVER;
    }
    return value;
  });
}

/** What a service prints when it cannot start: a configuration error is the user's to fix and needs no stack. */
export function startupFailure(err: unknown): string {
  if (err instanceof ConfigError) return `failed to start: ${err.message}`;
  return `failed to start: ${err instanceof Error ? err.stack : String(err)}`;
}
