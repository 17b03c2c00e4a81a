import { toIsoDate } from '../calendar/dates';
import { badInput } from '../errors/errors';

/** A GraphQL `Date` input (or an ISO string) as 'YYYY-MM-DD'; an invalid date is BAD_USER_INPUT naming the field. */
export function dateInput(value: Date | string, field: string): string {
  const valid = typeof value === 'string'
    ? /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(`${value.slice(0, 10)}T00:00:00Z`))
    : !Number.isNaN(value.getTime());
  if (!valid) throw badInput(`\`${field}\` "${String(value)}" is not a date (YYYY-MM-DD)`, { field });
  return toIsoDate(value);
}

/** A date input that does not lie after `today` (the request's China calendar day), as 'YYYY-MM-DD'. */
export function notAfterToday(value: Date | string, field: string, today: string): string {
  const date = dateInput(value, field);
  if (date > today) throw badInput(`\`${field}\` (${date}) must not be in the future (today is ${today})`, { field });
  return date;
}
