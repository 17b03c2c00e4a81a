import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { AGENCIES, AgencyId } from '../shared/config/agencies';
import { loadConfig } from '../shared/config/config';
import { createLogger } from '../shared/logging/logger';
import { openSubgraphDatabase, seedIfEmpty } from '../shared/subgraph/start-subgraph';
import { SUBGRAPHS } from './registry';

const USAGE = `usage: npm run seed -- [--operators N] [--agency <${AGENCIES.join('|')}>]... [--reset] [--seed S]

Seeds each agency's database (SQLite under DATA_DIR, or PostgreSQL from <AGENCY>_DATABASE_URL) with the
deterministic data set: the same --seed and --operators always give the same data.
  --operators N   number of operators (default SEED_OPERATORS, 500)
  --agency A      only this agency (repeatable; default all five)
  --reset         empty the database first (drops and recreates the schema)
  --seed S        random seed (default SEED)`;

/** `npm run seed`: (re)seeds the agencies' databases, e.g. 100,000 operators on PostgreSQL. */
async function main() {
  const { values } = parseArgs({
    options: {
      operators: { type: 'string' },
      agency: { type: 'string', multiple: true },
      reset: { type: 'boolean', default: false },
      seed: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadConfig();
  const log = createLogger(config.logLevel, { service: 'seed' });
  const operators = values.operators === undefined ? config.seedOperators : Number(values.operators);
  const seed = values.seed === undefined ? config.seed : Number(values.seed);
  if (!Number.isInteger(operators) || operators < 1) throw new Error(`--operators must be a positive integer\n${USAGE}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer\n${USAGE}`);
  const agencies = (values.agency ?? [...AGENCIES]) as AgencyId[];
  for (const agency of agencies) {
    if (!AGENCIES.includes(agency)) throw new Error(`unknown agency "${agency}"\n${USAGE}`);
  }
  for (const definition of SUBGRAPHS.filter((s) => agencies.includes(s.agency))) {
    const agencyLog = log.child({ subgraph: definition.agency });
    const database = await openSubgraphDatabase(definition, { config, log: agencyLog });
    try {
      if (values.reset) {
        if (database.kind === 'postgres') {
          await database.dataSource.dropDatabase();
          await database.dataSource.runMigrations();
        } else {
          await database.dataSource.synchronize(true);
        }
      }
      const seeded = await seedIfEmpty(definition, database, operators, seed, agencyLog);
      if (!seeded) agencyLog.warn('database is not empty; nothing seeded (use --reset to replace its data)');
    } finally {
      await database.dataSource.destroy();
    }
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
