import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import pino from 'pino';
import { startStack } from '../launch/stack';
import { AGENCIES, AgencyId, envPrefix } from '../shared/config/agencies';
import { AUDIT_CHECKPOINT_FILE } from '../shared/config/audit';
import { loadConfig } from '../shared/config/config';

/** Where the benchmark's data lives and the environment every service reads it with. */
export interface BenchData {
  backend: 'sqlite' | 'postgres';
  operators: number;
  /** DATA_DIR of every process: the dev issuer keys, the audit key, SQLite files (SQLite), logs. */
  dataDir: string;
  /** DATA_DIR and, on PostgreSQL, each `<AGENCY>_DATABASE_URL` and ACCESS_CONTROL_DATABASE_URL. */
  env: Record<string, string>;
  /** Seconds the seeding took, when this run seeded; undefined when the data set was reused. */
  seededSeconds?: number;
  /** Seconds the seeding took when the data set was made (recorded in its marker). */
  originalSeedSeconds: number;
}

interface SeedMarker {
  operators: number;
  fingerprint: string;
  seconds: number;
  at: string;
}

const MARKER = 'seeded.json';
/** The data set as seeding left it: every run starts from it (see restorePristine). */
const PRISTINE = 'pristine';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * A hash of what decides the seeded data's shape: the migrations (PostgreSQL), the entities (SQLite is synchronized
 * from them) and the seed code. A data set seeded with other ones is seeded anew.
 */
export function dataFingerprint(root: string): string {
  const dirs = [
    path.join(root, 'shared/access-control/migrations'),
    path.join(root, 'shared/seed'),
    ...AGENCIES.flatMap((agency) => ['migrations', 'entities'].map((d) => path.join(root, 'subgraphs', agency, d))),
  ];
  const files = [...dirs.flatMap(filesUnder), ...AGENCIES.map((agency) => path.join(root, 'subgraphs', agency, 'seed.ts'))]
    .filter((f) => fs.existsSync(f))
    .sort();
  const hash = crypto.createHash('sha256');
  for (const file of files) hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** The PostgreSQL database names of a data set: `ocg_bench_<N>_<agency>` and `ocg_bench_<N>_access_control`. */
export function postgresDatabases(operators: number): Record<AgencyId | 'access-control', string> {
  const name = (what: string) => `ocg_bench_${operators}_${what.replace(/-/g, '_')}`;
  return {
    ...(Object.fromEntries(AGENCIES.map((a) => [a, name(a)])) as Record<AgencyId, string>),
    'access-control': name('access_control'),
  };
}

function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function databasesExist(baseUrl: string, operators: number): Promise<boolean> {
  return withAdmin(baseUrl, async (admin) => {
    const wanted = Object.values(postgresDatabases(operators));
    const { rows } = await admin.query<{ n: string }>('SELECT count(*) AS n FROM pg_database WHERE datname = ANY($1)', [wanted]);
    return Number(rows[0].n) === wanted.length;
  });
}

/** Drops and creates the data set's databases (fresh), or creates those missing. */
async function prepareDatabases(baseUrl: string, operators: number, fresh: boolean): Promise<void> {
  await withAdmin(baseUrl, async (admin) => {
    const wanted = Object.values(postgresDatabases(operators));
    // Names are built from AGENCIES and a number: safe to quote as identifiers.
    if (fresh) {
      for (const name of wanted) {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.query(`DROP DATABASE IF EXISTS "${pristineName(name)}" WITH (FORCE)`);
      }
    }
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname = ANY($1)', [wanted]);
    const existing = new Set(rows.map((r) => r.datname));
    for (const name of wanted.filter((n) => !existing.has(n))) await admin.query(`CREATE DATABASE "${name}"`);
  });
}

const pristineName = (database: string) => `${database}_pristine`;

/**
 * Keeps a copy of the data set as it is now, or puts it back. Every request of a run appends audit records, and a log
 * grown by earlier runs makes each audit commit dearer (about three times after half an hour of runs), so runs
 * would not be comparable. SQLite: the database files and the audit checkpoint file, copied to `pristine/`.
 * PostgreSQL: each database cloned as `<name>_pristine` (CREATE DATABASE … TEMPLATE), and the checkpoint file.
 */
export async function keepPristine(dataDir: string, postgres: string | undefined, operators: number): Promise<void> {
  const dir = path.join(dataDir, PRISTINE);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const files = postgres ? [AUDIT_CHECKPOINT_FILE] : [...sqliteFiles(dataDir), AUDIT_CHECKPOINT_FILE];
  for (const file of files.filter((f) => fs.existsSync(path.join(dataDir, f)))) fs.copyFileSync(path.join(dataDir, file), path.join(dir, file));
  if (postgres) {
    await withAdmin(postgres, async (admin) => {
      for (const name of Object.values(postgresDatabases(operators))) {
        await admin.query(`DROP DATABASE IF EXISTS "${pristineName(name)}" WITH (FORCE)`);
        await admin.query(`CREATE DATABASE "${pristineName(name)}" TEMPLATE "${name}"`);
      }
    });
  }
}

/** Puts the pristine copy back (see keepPristine); false when there is none (a data set made before they were kept). */
export async function restorePristine(dataDir: string, postgres: string | undefined, operators: number): Promise<boolean> {
  const dir = path.join(dataDir, PRISTINE);
  if (!fs.existsSync(dir)) return false;
  if (postgres) {
    const ok = await withAdmin(postgres, async (admin) => {
      const names = Object.values(postgresDatabases(operators));
      const { rows } = await admin.query<{ n: string }>('SELECT count(*) AS n FROM pg_database WHERE datname = ANY($1)', [names.map(pristineName)]);
      if (Number(rows[0].n) !== names.length) return false;
      for (const name of names) {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${pristineName(name)}"`);
      }
      return true;
    });
    if (!ok) return false;
  } else {
    // A WAL or shared-memory file left by the last run belongs to the database it grew with, not to the copy.
    for (const file of fs.readdirSync(dataDir).filter((f) => /\.sqlite-(wal|shm)$/.test(f))) fs.rmSync(path.join(dataDir, file));
  }
  fs.rmSync(path.join(dataDir, AUDIT_CHECKPOINT_FILE), { force: true });
  for (const file of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, file), path.join(dataDir, file));
  return true;
}

/** The databases and any write-ahead log not yet checkpointed into them (the services are stopped). */
function sqliteFiles(dataDir: string): string[] {
  return fs.readdirSync(dataDir).filter((f) => f.endsWith('.sqlite') || f.endsWith('.sqlite-wal'));
}

async function withAdmin<T>(baseUrl: string, work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: databaseUrl(baseUrl, 'postgres') });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

export interface DataOptions {
  root: string;
  operators: number;
  fresh: boolean;
  /** PostgreSQL server URL (without a database); absent means SQLite. */
  postgres?: string;
  say(line: string): void;
}

/**
 * The data set of N operators, seeded through the real code path: the embedded stack started in-process once with
 * `seedOperators: N` (it returns once every seeded event has settled), then stopped. Reused when a previous run
 * seeded the same N with the same migrations, entities and seed code, unless `fresh`.
 */
export async function prepareData(options: DataOptions): Promise<BenchData> {
  const backend = options.postgres ? 'postgres' : 'sqlite';
  const dataDir = path.join(options.root, 'bench', '.data', `${backend}-${options.operators}`);
  const env: Record<string, string> = { DATA_DIR: dataDir };
  if (options.postgres) {
    const databases = postgresDatabases(options.operators);
    for (const agency of AGENCIES) env[`${envPrefix(agency)}_DATABASE_URL`] = databaseUrl(options.postgres, databases[agency]);
    env.ACCESS_CONTROL_DATABASE_URL = databaseUrl(options.postgres, databases['access-control']);
  }
  const fingerprint = dataFingerprint(options.root);
  const markerPath = path.join(dataDir, MARKER);
  const marker = fs.existsSync(markerPath) ? (JSON.parse(fs.readFileSync(markerPath, 'utf8')) as SeedMarker) : undefined;
  const base = { backend, operators: options.operators, dataDir, env } as const;
  const databasesPresent = options.postgres ? await databasesExist(options.postgres, options.operators) : true;
  if (!options.fresh && databasesPresent && marker && marker.operators === options.operators && marker.fingerprint === fingerprint) {
    options.say(`reusing the ${backend} data set of ${options.operators} operators in ${path.relative(options.root, dataDir)} (seeded ${marker.at})`);
    if (await restorePristine(dataDir, options.postgres, options.operators)) {
      options.say('restored it as seeding left it (audit log included), so earlier runs do not weigh on this one');
    } else {
      options.say('it has no pristine copy yet (made before they were kept): keeping one of it as it is now, audit records of earlier runs included');
      await keepPristine(dataDir, options.postgres, options.operators);
    }
    return { ...base, originalSeedSeconds: marker.seconds };
  }

  options.say(`seeding ${options.operators} operators on ${backend} (${marker ? 'data set out of date' : 'no data set yet'}${options.fresh ? ', --fresh' : ''})`);
  // A half-seeded or outdated data set is never reused: everything starts empty.
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
  if (options.postgres) await prepareDatabases(options.postgres, options.operators, true);
  const config = loadConfig({ ...process.env, ...env, SEED_ON_START: 'false', LOG_LEVEL: 'warn', RATE_LIMIT_ENABLED: 'false' });
  // Info: the log records how long each agency's seed and the settling took.
  const log = pino({ level: 'info', base: { service: 'bench-seed' } }, pino.destination({ dest: path.join(dataDir, 'logs', 'seed.log'), sync: true }));
  const started = process.hrtime.bigint();
  const stack = await startStack({ config, log, freePorts: true, seedOperators: options.operators });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await stack.stop();
  await keepPristine(dataDir, options.postgres, options.operators);
  const written: SeedMarker = { operators: options.operators, fingerprint, seconds, at: new Date().toISOString() };
  fs.writeFileSync(markerPath, JSON.stringify(written, null, 2) + '\n');
  options.say(`seeded in ${seconds.toFixed(1)} s (migrations, seed, and every seeded event settled)`);
  return { ...base, seededSeconds: seconds, originalSeedSeconds: seconds };
}
