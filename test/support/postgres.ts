import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * When OCG_TEST_POSTGRES is set (e.g. postgres://postgres@127.0.0.1:5432), tests run against fresh
 * PostgreSQL databases created here and dropped afterwards; otherwise against in-memory SQLite.
 */
export const TEST_POSTGRES = process.env.OCG_TEST_POSTGRES;

function adminUrl(base: string): string {
  const url = new URL(base);
  url.pathname = '/postgres';
  return url.toString();
}

export async function createFreshDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_POSTGRES) throw new Error('OCG_TEST_POSTGRES is not set');
  const name = `ocg_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl(TEST_POSTGRES) });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(TEST_POSTGRES);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl(TEST_POSTGRES) });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
