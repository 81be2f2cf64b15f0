import { join } from 'node:path';
import { z } from 'zod';
import { openJsonFile, type JsonFileStore } from './json-file.js';

/** A multi-step conversation in progress (a complaint, a 差评 reason, a subscription). */
export const DialogSchema = z.object({
  feature: z.string(),
  step: z.string(),
  data: z.record(z.string(), z.unknown()),
  expiresAt: z.string(),
});
export type Dialog = z.infer<typeof DialogSchema>;

const ChatStateSchema = z.object({
  /** The item under discussion, so "要多久" can be answered. */
  previousIntent: z.string().optional(),
  dialog: DialogSchema.optional(),
  updatedAt: z.string(),
});
export type ChatState = z.infer<typeof ChatStateSchema>;

const ChatsFileSchema = z.object({
  version: z.literal(1),
  chats: z.record(z.string(), ChatStateSchema),
});
type ChatsFile = z.infer<typeof ChatsFileSchema>;

/** Per-chat conversation state. Small, and the only state the question flow needs. */
export interface ChatStore {
  get(chatId: number): ChatState | undefined;
  set(chatId: number, change: (state: ChatState) => void): Promise<void>;
  /** Waits for every pending write. */
  flush(): Promise<void>;
}

/**
 * Chat state in `DATA_DIR/chats.json` (lowdb, schema version 1). Writes are coalesced: a burst of
 * messages costs one file rewrite, not one each.
 */
export async function createChatStore(dataDir: string, clock: () => Date = () => new Date()): Promise<ChatStore> {
  const file: JsonFileStore<ChatsFile> = await openJsonFile(join(dataDir, 'chats.json'), {
    schema: ChatsFileSchema,
    version: 1,
    defaults: () => ({ version: 1, chats: {} }),
  });
  let writing: Promise<void> | undefined;
  let dirty = false;
  const schedule = (): Promise<void> => {
    dirty = true;
    if (!writing) {
      writing = (async () => {
        while (dirty) {
          dirty = false;
          await file.write();
        }
      })().finally(() => {
        writing = undefined;
      });
    }
    return writing;
  };
  return {
    get: (chatId) => file.data.chats[String(chatId)],
    set(chatId, change) {
      const key = String(chatId);
      const state = file.data.chats[key] ?? { updatedAt: clock().toISOString() };
      change(state);
      state.updatedAt = clock().toISOString();
      file.data.chats[key] = state;
      return schedule();
    },
    flush: () => writing ?? Promise.resolve(),
  };
}
