import 'reflect-metadata';

// Tests log only warnings and errors unless asked otherwise.
process.env.LOG_LEVEL ??= 'warn';
process.env.NODE_ENV ??= 'test';
