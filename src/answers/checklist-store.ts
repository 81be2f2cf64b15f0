import { join } from 'node:path';
import { z } from 'zod';
import { openJsonFile } from '../store/json-file.js';
import type { ChecklistStore } from './checklist.js';

const FileSchema = z.object({
  version: z.literal(1),
  /** chat id → item id → ticked material names. */
  chats: z.record(z.string(), z.record(z.string(), z.array(z.string()))),
});
type ChecklistFile = z.infer<typeof FileSchema>;

/**
 * Ticks in `DATA_DIR/checklists.json` (lowdb, schema version 1). A tick is answered only after the file
 * is written, so what the person saw ticked is still ticked after a restart. Ticks are kept by material
 * name: a catalog edit that reorders materials cannot move a tick to another paper.
 */
export async function createChecklistStore(dataDir: string): Promise<ChecklistStore> {
  const file = await openJsonFile<ChecklistFile>(join(dataDir, 'checklists.json'), {
    schema: FileSchema,
    version: 1,
    defaults: () => ({ version: 1, chats: {} }),
  });
  return {
    ticked: async (chatId, itemId) => new Set(file.data.chats[String(chatId)]?.[itemId] ?? []),
    async toggle(chatId, itemId, material) {
      let result = new Set<string>();
      await file.update((data) => {
        const chat = (data.chats[String(chatId)] ??= {});
        const set = new Set(chat[itemId] ?? []);
        if (set.has(material)) set.delete(material);
        else set.add(material);
        if (set.size === 0) delete chat[itemId];
        else chat[itemId] = [...set];
        result = set;
      });
      return result;
    },
  };
}
