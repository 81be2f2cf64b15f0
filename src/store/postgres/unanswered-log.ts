import type pg from 'pg';
import { maskPersonalData } from '../../privacy/mask.js';
import type { UnansweredEntry, UnansweredLog } from '../unanswered-log.js';

const BATCH = 5_000;

/** Unanswered questions in the unanswered table; masked before they reach the database, like the file log. */
export function createPgUnansweredLog(pool: pg.Pool): UnansweredLog {
  const inFlight = new Set<Promise<unknown>>();
  return {
    async record(entry) {
      const safe = { ...entry, question: maskPersonalData(entry.question).slice(0, 500) };
      const insert = pool.query('INSERT INTO unanswered (at, entry) VALUES ($1, $2)', [safe.at, JSON.stringify(safe)]);
      inFlight.add(insert);
      try {
        await insert;
      } finally {
        inFlight.delete(insert);
      }
    },
    async flush() {
      await Promise.allSettled([...inFlight]);
    },
    async *entries() {
      // Keyset pages, so a long history streams in bounded memory.
      let after = 0;
      for (;;) {
        const { rows } = await pool.query<{ id: number; entry: UnansweredEntry }>(
          'SELECT id, entry FROM unanswered WHERE id > $1 ORDER BY id LIMIT $2',
          [after, BATCH],
        );
        for (const row of rows) yield row.entry;
        const last = rows.at(-1);
        if (!last || rows.length < BATCH) return;
        after = last.id;
      }
    },
  };
}
