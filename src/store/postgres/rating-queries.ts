import type pg from 'pg';
import { isBadLevel, isSatisfiedLevel, RATING_LEVELS, type RatingLevel } from '../../ratings/levels.js';
import type { RatingTally } from '../../ratings/rating-tally.js';
import type { RatingRecord } from '../../ratings/types.js';
import type { Volume } from '../../ratings/volume.js';

interface Bounds { start: number; end: number }

/** The period's final ratings counted in the database (ratings keeps one row per answer and person). */
export async function ratingTally(pool: pg.Pool, { start, end }: Bounds): Promise<RatingTally> {
  const { rows } = await pool.query<{ level: RatingLevel; intent: string | null; n: number }>(
    'SELECT level, intent, count(*)::int AS n FROM ratings WHERE first_at >= $1 AND first_at < $2 GROUP BY level, intent',
    [start, end],
  );
  const byLevel = Object.fromEntries(RATING_LEVELS.map((l) => [l, 0])) as Record<RatingLevel, number>;
  const badByItem = new Map<string | null, number>();
  let rated = 0;
  for (const r of rows) {
    rated += r.n;
    byLevel[r.level] += r.n;
    if (isBadLevel(r.level)) badByItem.set(r.intent, (badByItem.get(r.intent) ?? 0) + r.n);
  }
  const satisfied = RATING_LEVELS.filter(isSatisfiedLevel).reduce((sum, l) => sum + byLevel[l], 0);
  return { rated, satisfied, byLevel, badByItem };
}

/** Answers given in the period, in all and per item. */
export async function volume(pool: pg.Pool, { start, end }: Bounds): Promise<Volume> {
  const { rows } = await pool.query<{ intent: string | null; n: number }>(
    'SELECT intent, count(*)::int AS n FROM answers WHERE at >= $1 AND at < $2 GROUP BY intent',
    [start, end],
  );
  return { answers: rows.reduce((s, r) => s + r.n, 0), byIntent: new Map(rows.map((r) => [r.intent, r.n])) };
}

const PAGE = 5_000;

/** The period's final ratings in pages of 5,000 (keyset on first_at, answer_id), oldest first. */
export async function* ratingPages(pool: pg.Pool, { start, end }: Bounds): AsyncGenerator<RatingRecord[]> {
  let after: [number, string] = [start - 1, ''];
  for (;;) {
    const { rows } = await pool.query<{ answer_id: string; at: number; first_at: number; level: RatingLevel; user_id: number; chat_id: number; intent: string | null; kind: RatingRecord['kind'] }>(
      `SELECT answer_id, at, first_at, level, user_id, chat_id, intent, kind FROM ratings
       WHERE first_at >= $1 AND first_at < $2 AND (first_at, answer_id) > ($3, $4)
       ORDER BY first_at, answer_id LIMIT $5`,
      [start, end, after[0], after[1], PAGE],
    );
    if (rows.length > 0) {
      yield rows.map((r) => ({ answerId: r.answer_id, at: r.at, firstAt: r.first_at, level: r.level, userId: r.user_id, chatId: r.chat_id, intent: r.intent, kind: r.kind }));
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    after = [last.first_at, last.answer_id];
  }
}
