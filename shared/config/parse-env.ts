import type { z } from 'zod';

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
