import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase, openStatementPool } from '../../../src/store/postgres/pool.js';
import { createPgChatStore } from '../../../src/store/postgres/chat-store.js';
import { createUpdateGuard } from '../../../src/store/postgres/update-guard.js';
import { createTestDatabase, hasPostgres } from '../../support/postgres.js';

/** How often this session planned the update claim: generic (once) or custom (per execution). */
async function claimPlans(pool: pg.Pool, firstId: number): Promise<{ generic_plans: number; custom_plans: number }> {
  const guard = createUpdateGuard(pool, { instanceId: 'a', chats: createPgChatStore(pool) });
  // A quiet instance: one update per statement, its chat's state read with the claim.
  for (let i = 0; i < 12; i++) await guard.claimAndHit(firstId + i, 7, Date.now(), 7);
  const { rows } = await pool.query<{ generic_plans: number; custom_plans: number }>(
    "SELECT generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE name = 'mz_claim_batch'");
  return rows[0] ?? { generic_plans: 0, custom_plans: 0 };
}

describe.skipIf(!hasPostgres)('the statement pool', () => {
  let url: string;
  let main: pg.Pool;
  beforeAll(async () => {
    url = await createTestDatabase('pool');
    main = await openDatabase(url, { max: 1 });
    // Tables with a history, as in service: with statistics, a plan for one update's values looks cheaper than the generic one.
    await main.query(`INSERT INTO processed_updates (update_id, done) SELECT g, true FROM generate_series(1, 10000) g`);
    await main.query(`INSERT INTO chat_state (chat_id, state) SELECT g, '{}' FROM generate_series(1, 2000) g`);
    await main.query(`INSERT INTO rate_limits (user_id, window_start, hits) SELECT g, 0, 1 FROM generate_series(1, 2000) g`);
    await main.query('ANALYZE');
  });
  afterAll(async () => {
    await main?.end();
  });

  it('runs the update claim on its generic plan, never planning it again per execution', async () => {
    const hot = openStatementPool(url, { max: 1 });
    try {
      expect(await claimPlans(hot, 100_000)).toEqual({ generic_plans: 12, custom_plans: 0 });
    } finally {
      await hot.end();
    }
    // What it avoids: an ordinary session plans a one-update claim for its values again and again.
    expect((await claimPlans(main, 200_000)).custom_plans).toBeGreaterThan(5);
  });
});
