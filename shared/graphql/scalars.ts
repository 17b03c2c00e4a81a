import { GraphQLDate, GraphQLDateTime } from 'graphql-scalars';

/** ISO-8601 calendar date (`2026-11-29`), stored as a `date` column string. */
export const DateScalar = GraphQLDate;
/** ISO-8601 instant (`2026-11-29T08:00:00.000Z`). */
export const DateTimeScalar = GraphQLDateTime;
