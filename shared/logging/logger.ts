import pino, { Logger } from 'pino';

export type { Logger };

/** Structured JSON logging (pino): one line per event, fields instead of prose. */
export function createLogger(level: string, bindings: Record<string, unknown> = {}): Logger {
  return pino({ level, base: { ...bindings }, timestamp: pino.stdTimeFunctions.isoTime });
}
