import 'reflect-metadata';
import { countRequestStatementsOnly } from '../shared/database/query-counter';

// Tests log only warnings and errors unless asked otherwise.
process.env.LOG_LEVEL ??= 'warn';
process.env.NODE_ENV ??= 'test';

// Statement-count tests measure what requests cost, without the event relay's and consumers' passes.
countRequestStatementsOnly();
