import type pg from 'pg';
import { maskPersonalData } from '../../privacy/mask.js';
import type { UnansweredEntry, UnansweredLog } from '../unanswered-log.js';
import { createWriteBatch, type WriteBatch } from './write-batch.js';

const BATCH = 5_000;

/**
 * Unanswered questions in the unanswered table; masked before they reach the database, like the file
 * log. An entry rides in the update's commit (`batch`); a read commits what is queued first.
 */
export function createPgUnansweredLog(pool: pg.Pool, options: { batch?: WriteBatch; onError?: (error: unknown) => void } = {}): UnansweredLog {
  const batch = options.batch ?? createWriteBatch(pool);
  return {
    async record(entry) {
      const safe = { ...entry, question: maskPersonalData(entry.question).slice(0, 500) };
      // Analytics for managers: a failed write is reported, never thrown at the answer.
      await batch.unanswered(safe).catch((error: unknown) => options.onError?.(error));
    },
    flush: () => batch.flush(),
    async *entries() {
      await batch.flush();
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
