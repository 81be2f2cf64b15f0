import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createPgChatStore, type ChatRow } from '../../../src/store/postgres/chat-store.js';
import { openDatabase } from '../../../src/store/postgres/pool.js';
import { createUpdateGuard } from '../../../src/store/postgres/update-guard.js';
import { createTestDatabase, hasPostgres } from '../../support/postgres.js';

/** Records the chat rows each update claim sent back, and counts every other statement. */
function tapClaims(pool: pg.Pool): { rows: Record<string, ChatRow | null>[]; others: () => number } {
  const rows: Record<string, ChatRow | null>[] = [];
  let others = 0;
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = async (...args) => {
    const result = await query(...args);
    if ((args[0] as { name?: string }).name === 'mz_claim_batch') rows.push((result.rows[0] as { batch: { states: Record<string, ChatRow | null> } }).batch.states);
    else others++;
    return result;
  };
  return { rows, others: () => others };
}

describe.skipIf(!hasPostgres)('the PostgreSQL chat store', () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    pool = await openDatabase(await createTestDatabase('chats'), { max: 6 });
  });
  afterAll(async () => {
    await pool?.end();
  });

  it('reads a chat’s row with the claim only when another instance wrote it or it is gone', async () => {
    const tap = tapClaims(pool);
    const a = createPgChatStore(pool);
    const guardA = createUpdateGuard(pool, { instanceId: 'a', chats: a });
    const b = createPgChatStore(pool);
    const handle = async (updateId: number): Promise<void> => {
      (await guardA.claimAndHit(updateId, 61, Date.now(), 61)).prime?.();
      await a.beforeUpdate(61);
    };

    a.set(61, (s) => (s.previousIntent = 'marriage.registration'));
    await a.flush();
    await handle(701);
    // Its own write: the claim skipped the row, and no statement read it either.
    expect(tap.rows.at(-1)).toEqual({});
    expect(a.get(61)?.previousIntent).toBe('marriage.registration');

    b.set(61, (s) => (s.previousIntent = 'dibao.apply'));
    await b.flush();
    const others = tap.others();
    await handle(702);
    expect(Object.keys(tap.rows.at(-1) ?? {})).toEqual(['61']);
    expect(a.get(61)?.previousIntent).toBe('dibao.apply');
    // The row read is now the version this instance holds: the next claim skips it again.
    await handle(703);
    expect(tap.rows.at(-1)).toEqual({});
    expect(tap.others()).toBe(others);

    await pool.query('DELETE FROM chat_state WHERE chat_id = 61');
    await handle(704);
    expect(tap.rows.at(-1)).toEqual({ 61: null });
    expect(a.get(61)).toBeUndefined();
  });

  it('reads the row again when a chat it never held is asked for', async () => {
    const a = createPgChatStore(pool);
    a.set(62, (s) => (s.previousIntent = 'dibao.apply'));
    await a.flush();
    const fresh = createPgChatStore(pool);
    const guard = createUpdateGuard(pool, { instanceId: 'c', chats: fresh });
    (await guard.claimAndHit(801, 62, Date.now(), 62)).prime?.();
    await fresh.beforeUpdate(62);
    expect(fresh.get(62)?.previousIntent).toBe('dibao.apply');
    await fresh.load(63);
    expect(fresh.get(63)).toBeUndefined();
  });
});
