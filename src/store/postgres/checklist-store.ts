import type pg from 'pg';
import type { ChecklistStore } from '../../answers/checklist.js';

/**
 * 材料清单 ticks in the checklists table, read when a checklist is shown, so every instance sees the
 * same ticks. A toggle is one statement (insert, or flip the material in the row's array) and is
 * answered only after it commits; two presses at once on two instances are applied one after the other.
 */
export function createPgChecklistStore(pool: pg.Pool): ChecklistStore {
  return {
    async ticked(chatId, itemId) {
      const { rows } = await pool.query<{ materials: string[] }>({
        name: 'mz_checklist_read',
        text: 'SELECT materials FROM checklists WHERE chat_id = $1 AND item_id = $2',
        values: [chatId, itemId],
      });
      return new Set(rows[0]?.materials ?? []);
    },
    async toggle(chatId, itemId, material) {
      const { rows } = await pool.query<{ materials: string[] }>({
        name: 'mz_checklist_toggle',
        text: `INSERT INTO checklists (chat_id, item_id, materials) VALUES ($1, $2, ARRAY[$3::text])
               ON CONFLICT (chat_id, item_id) DO UPDATE SET updated_at = now(), materials =
                 CASE WHEN $3::text = ANY (checklists.materials) THEN array_remove(checklists.materials, $3::text)
                      ELSE array_append(checklists.materials, $3::text) END
               RETURNING materials`,
        values: [chatId, itemId, material],
      });
      return new Set(rows[0]?.materials ?? []);
    },
  };
}
