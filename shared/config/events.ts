import { z } from 'zod';
// Cycle with config.ts is safe: each side uses the other only when called, never at load time.
import { parseEnv, wholeNumber } from './parse-env';

/**
 * Transport of the credit events (shared/events/): NATS JetStream when NATS_URL is set, otherwise an
 * in-process bus that only reaches the subgraphs of this one process (the embedded `npm start`).
 */
export interface EventsConfig {
  bus: 'nats' | 'in-process';
  /** True when EVENT_BUS was set: a production service alone may then run on the in-process bus. */
  busChosen: boolean;
  /** NATS server URLs (credentials may be in the URL: nats://user:password@host:4222). */
  natsServers: string[];
  /** JetStream stream holding every credit event. */
  stream: string;
  /** Subjects are `<prefix>.<type>.<sourceAgency>`. */
  subjectPrefix: string;
  /** Durable consumer names are `<prefix><agency>`; several deployments may share one stream with different prefixes. */
  consumerPrefix: string;
  /** How often the relay looks for unpublished outbox rows besides the nudge after each commit. */
  relayIntervalMs: number;
  /** Longest wait between two deliveries of an event whose handler failed (the backoff doubles up to this). */
  retryMaxDelayMs: number;
  /** Deliveries of one event before the in-process bus gives up for this round (the outbox keeps it; the relay retries). */
  inProcessAttempts: number;
}

// JetStream names: no whitespace, dots, wildcards or path separators.
const natsName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"');

const eventsSchema = z
  .object({
    NATS_URL: z
      .string()
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(
        z
          .array(z.string().regex(/^(nats|tls|wss?):\/\/\S+$/, 'must be nats://, tls://, ws:// or wss:// URLs (comma-separated)'))
          .min(1, 'must name at least one server'),
      )
      .optional(),
    EVENT_BUS: z.enum(['nats', 'in-process']).optional(),
    EVENTS_STREAM: natsName.default('CREDIT_EVENTS'),
    EVENTS_SUBJECT_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'must be dot-separated tokens of letters, digits, "_" or "-"')
      .max(100)
      .default('credit'),
    EVENTS_CONSUMER_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{0,40}$/, 'must be at most 40 letters, digits, "_" or "-"').default(''),
    EVENTS_RELAY_INTERVAL_MS: wholeNumber(50, 600_000).default(2000),
    EVENTS_RETRY_MAX_DELAY_MS: wholeNumber(10, 3_600_000).default(60_000),
    EVENTS_IN_PROCESS_ATTEMPTS: wholeNumber(1, 100).default(5),
  })
  .superRefine((v, ctx) => {
    if (v.EVENT_BUS === 'nats' && !v.NATS_URL) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['EVENT_BUS'], message: '`nats` needs NATS_URL' });
    }
  });

export function loadEventsConfig(source: NodeJS.ProcessEnv): EventsConfig {
  const env = parseEnv(eventsSchema, source);
  return {
    bus: env.EVENT_BUS ?? (env.NATS_URL ? 'nats' : 'in-process'),
    busChosen: env.EVENT_BUS !== undefined,
    natsServers: env.NATS_URL ?? [],
    stream: env.EVENTS_STREAM,
    subjectPrefix: env.EVENTS_SUBJECT_PREFIX,
    consumerPrefix: env.EVENTS_CONSUMER_PREFIX,
    relayIntervalMs: env.EVENTS_RELAY_INTERVAL_MS,
    retryMaxDelayMs: env.EVENTS_RETRY_MAX_DELAY_MS,
    inProcessAttempts: env.EVENTS_IN_PROCESS_ATTEMPTS,
  };
}
