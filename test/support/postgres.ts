import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** True when the run has a PostgreSQL cluster; PostgreSQL suites use `describe.skipIf(!hasPostgres)`. */
export const hasPostgres = inject('postgresUrl') !== '';

/** Creates an empty database in the run's cluster and returns its URL (each test file gets its own). */
export async function createTestDatabase(prefix = 'mz'): Promise<string> {
  const admin = inject('postgresUrl');
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
