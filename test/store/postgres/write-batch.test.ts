import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createPgChatStore } from '../../../src/store/postgres/chat-store.js';
import { openDatabase } from '../../../src/store/postgres/pool.js';
import { createUpdateGuard } from '../../../src/store/postgres/update-guard.js';
import { commitStatement, createWriteBatch, pgJson } from '../../../src/store/postgres/write-batch.js';
import type { AnswerRecord } from '../../../src/ratings/types.js';
import { createTestDatabase, hasPostgres } from '../../support/postgres.js';

const answer = (id: string, extra: Partial<AnswerRecord> = {}): AnswerRecord => ({
  id, at: 1_700_000_000_000, chatId: 1, userId: 1, intent: 'dibao.apply', kind: 'card', question: '低保怎么办', ...extra,
});

/** Counts the statements a pool runs. */
function counting(pool: pg.Pool): { count: () => number } {
  let n = 0;
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
    n++;
    return query(...args);
  };
  return { count: () => n };
}

describe.skipIf(!hasPostgres)('the PostgreSQL write batch', () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    pool = await openDatabase(await createTestDatabase('batch'), { max: 6 });
  });
  afterAll(async () => {
    await pool?.end();
  });

  it('commits several updates’ chat states, answers and handled marks in one statement', async () => {
    const batch = createWriteBatch(pool);
    const guard = createUpdateGuard(pool, { instanceId: 'a' });
    for (const id of [501, 502]) expect((await guard.claimAndHit(id, undefined, Date.now())).claim).toBe('claimed');
    const stats = counting(pool);
    batch.chatState(11, () => ({ previousIntent: 'marriage.registration', updatedAt: 'x' }));
    batch.chatState(12, () => ({ previousIntent: 'dibao.apply', updatedAt: 'y' }));
    const written = [batch.answer(answer('ans1')), batch.answer(answer('ans2', { chatId: 12, userId: 12 }))];
    await Promise.all([batch.flush(501), batch.flush(502), ...written]);
    expect(stats.count()).toBe(1);
    const states = await pool.query<{ chat_id: number; state: { previousIntent: string } }>('SELECT chat_id, state FROM chat_state WHERE chat_id IN (11, 12) ORDER BY chat_id');
    expect(states.rows.map((r) => r.state.previousIntent)).toEqual(['marriage.registration', 'dibao.apply']);
    const answers = await pool.query('SELECT id FROM answers WHERE id IN ($1, $2)', ['ans1', 'ans2']);
    expect(answers.rowCount).toBe(2);
    expect(await guard.claim(501)).toBe('done');
    expect(await guard.claim(502)).toBe('done');
  });

  it('writes what is queued during a commit in the next one, newest chat state last', async () => {
    const batch = createWriteBatch(pool);
    let intent = 'first';
    batch.chatState(21, () => ({ previousIntent: intent, updatedAt: 'x' }));
    const first = batch.flush();
    intent = 'second';
    batch.chatState(21, () => ({ previousIntent: intent, updatedAt: 'x' }));
    await Promise.all([first, batch.flush()]);
    const { rows } = await pool.query<{ state: { previousIntent: string } }>('SELECT state FROM chat_state WHERE chat_id = 21');
    expect(rows[0]?.state.previousIntent).toBe('second');
  });

  it('refuses only the bad row when one row of a batch cannot be written', async () => {
    const batch = createWriteBatch(pool);
    const good = batch.answer(answer('good1'));
    // A kind the table's CHECK refuses, as a bug or a corrupted record would produce.
    const bad = batch.answer(answer('bad1', { kind: 'nonsense' as AnswerRecord['kind'] }));
    batch.chatState(31, () => ({ previousIntent: 'x', updatedAt: 'x' }));
    await batch.flush();
    await expect(good).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow(/check constraint/);
    const { rowCount } = await pool.query('SELECT 1 FROM chat_state WHERE chat_id = 31');
    expect(rowCount).toBe(1);
  });

  it('refuses an answer id already taken and commits a queued write on its own when nobody flushes', async () => {
    const batch = createWriteBatch(pool, { idleFlushMs: 5 });
    await batch.answer(answer('same'));
    await expect(batch.answer(answer('same'))).rejects.toThrow(/already taken/);
  });

  it('names only the parts a commit has rows for, numbering their parameters in order', async () => {
    const batch = createWriteBatch(pool);
    const texts: string[] = [];
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    const spied = pool as unknown as { query: (...args: unknown[]) => unknown };
    spied.query = (...args) => {
      texts.push((args[0] as { text: string }).text);
      return query(...args);
    };
    try {
      batch.chatState(51, () => ({ previousIntent: 'x', updatedAt: 'x' }));
      await batch.flush();
      await Promise.all([batch.answer(answer('parts1')), batch.flush()]);
    } finally {
      spied.query = query;
    }
    expect(texts).toHaveLength(2);
    expect(texts.every((t) => !t.includes('unanswered'))).toBe(true);
    expect(texts[0]).toContain('chat_state');
    expect(texts[0]).not.toContain('answers');
    expect(texts[1]).toContain('answers');
    expect(texts[1]).not.toContain('chat_state');
    expect(commitStatement(0b1001).text).toMatch(/json_to_recordset\(\$1::json\)[\s\S]*ANY\(\$2::bigint\[\]\)/);
    const { rowCount } = await pool.query("SELECT 1 FROM answers WHERE id = 'parts1'");
    expect(rowCount).toBe(1);
  });

  it('drops the NUL character PostgreSQL refuses, and only that', () => {
    expect(JSON.parse(pgJson({ text: 'a\u0000b', kept: 'c\\u0000d' }))).toEqual({ text: 'ab', kept: 'c\\u0000d' });
  });

  it('uses the chat state read with the update claim, unless the chat changed here since the read', async () => {
    const chats = createPgChatStore(pool);
    chats.set(41, (s) => (s.previousIntent = 'marriage.registration'));
    await chats.flush();
    const guard = createUpdateGuard(pool, { instanceId: 'a', chats });
    const reader = createPgChatStore(pool);
    const readerGuard = createUpdateGuard(pool, { instanceId: 'b', chats: reader });
    const claimed = await readerGuard.claimAndHit(601, 41, Date.now(), 41);
    const stats = counting(pool);
    claimed.prime?.();
    await reader.beforeUpdate(41);
    expect(stats.count()).toBe(0);
    expect(reader.get(41)?.previousIntent).toBe('marriage.registration');

    // A read sent before this instance's own change must not replace it.
    const stale = await guard.claimAndHit(602, 41, Date.now(), 41);
    chats.set(41, (s) => (s.previousIntent = 'dibao.apply'));
    stale.prime?.();
    await chats.beforeUpdate(41);
    expect(chats.get(41)?.previousIntent).toBe('dibao.apply');
  });
});
