import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config/config';
import { createLogger } from '../logging/logger';
import { ACCESS_CONTROL_SQLITE_FILE, createAccessControlStore } from './store';

/**
 * `npm run audit:verify`: walks the audit chain of the access-control store and says whether it is intact.
 * Exit 0 when intact, 1 naming the first broken record, 2 when the store cannot be read.
 * The store is the one the services use: DATA_DIR, or ACCESS_CONTROL_DATABASE_URL for PostgreSQL.
 */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export async function main(env: NodeJS.ProcessEnv = process.env, io: CliIo = processIo): Promise<number> {
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(err.message);
    return 2;
  }
  const where = config.accessControl.databaseUrl
    ? 'the PostgreSQL database ACCESS_CONTROL_DATABASE_URL names'
    : path.join(config.accessControl.dataDir, ACCESS_CONTROL_SQLITE_FILE);
  // Opening a SQLite file that is not there would create an empty log (and a key) and call it intact.
  if (!config.accessControl.databaseUrl && !fs.existsSync(where)) {
    io.err(
      `no audit log at ${where} (DATA_DIR is ${config.dataDir}): set DATA_DIR to the services' data directory, ` +
        'or ACCESS_CONTROL_DATABASE_URL to their PostgreSQL database',
    );
    return 2;
  }
  const log = createLogger('warn', { service: 'audit-verify' });
  let store;
  try {
    store = await createAccessControlStore(config.accessControl, log);
  } catch (err) {
    io.err(`cannot open the access-control store: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  try {
    const result = await store.verify();
    if (result.ok && result.count === 0) {
      io.out(`audit log empty: ${where} holds no records yet, so there is nothing to verify`);
      return 0;
    }
    if (result.ok) {
      io.out(`audit log intact: ${result.count} records`);
      return 0;
    }
    io.out(`audit log BROKEN at record ${result.sequence}: ${result.reason}`);
    return 1;
  } catch (err) {
    io.err(`cannot verify the audit log: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(2);
    },
  );
}
