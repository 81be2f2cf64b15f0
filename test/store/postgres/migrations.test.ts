import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { openDatabase } from '../../../src/store/postgres/pool.js';
import { createUpdateGuard } from '../../../src/store/postgres/update-guard.js';
import { createTestDatabase, hasPostgres } from '../../support/postgres.js';

describe.skipIf(!hasPostgres)('the PostgreSQL schema', () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    pool = await openDatabase(await createTestDatabase('schema'), { max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
  });

  it('indexes the time of update bookkeeping and answers with BRIN, not a B-tree written on every row', async () => {
    const { rows } = await pool.query<{ name: string; method: string }>(
      `SELECT c.relname AS name, am.amname AS method FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
       WHERE c.relname IN ('processed_updates_at', 'answers_at') ORDER BY 1`,
    );
    expect(rows).toEqual([{ name: 'answers_at', method: 'brin' }, { name: 'processed_updates_at', method: 'brin' }]);
  });

  it('still prunes update bookkeeping older than two days, and only that', async () => {
    const guard = createUpdateGuard(pool, { instanceId: 'a' });
    await pool.query(`INSERT INTO processed_updates (update_id, at, done)
      SELECT g, now() - (g || ' hours')::interval, true FROM generate_series(1, 100) g`);
    await guard.prune();
    const { rows } = await pool.query<{ n: number; oldest: number }>(
      "SELECT count(*)::int AS n, max(update_id)::int AS oldest FROM processed_updates WHERE update_id <= 100");
    expect(rows[0]).toEqual({ n: 47, oldest: 47 });
  });
});
