import { z } from 'zod';
// Cycle with config.ts is safe: each side uses the other only when called, never at load time.
import { parseEnv, wholeNumber } from './parse-env';

/**
 * The sweep that records the automatic end of credit listings (a serious-dishonest listing ends by itself when
 * its period ends): it runs when the service starts and then every `sweepIntervalMs`. Listings end on a calendar
 * day, so hourly is prompt enough; the day's sweep that finds them is what lifts every agency's measures.
 */
export interface ListExpiryConfig {
  sweepIntervalMs: number;
}

const listExpirySchema = z.object({
  LIST_EXPIRY_SWEEP_INTERVAL_MS: wholeNumber(1000, 86_400_000).default(3_600_000),
});

export function loadListExpiryConfig(source: NodeJS.ProcessEnv): ListExpiryConfig {
  return { sweepIntervalMs: parseEnv(listExpirySchema, source).LIST_EXPIRY_SWEEP_INTERVAL_MS };
}
