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
  /** Changes a chat's state at once in memory; the file follows shortly (see `flush`). */
  set(chatId: number, change: (state: ChatState) => void): void;
  /** Writes pending changes now and waits for them. */
  flush(): Promise<void>;
}

export interface ChatStoreOptions {
  clock?: () => Date;
  /** How long changes gather before one file rewrite. */
  writeDelayMs?: number;
  onWriteError?: (error: unknown) => void;
}

/**
 * Chat state in `DATA_DIR/chats.json` (lowdb, schema version 1). Conversation context is cheap to
 * lose and costly to write on every message, so changes are batched: one rewrite per `writeDelayMs`,
 * never on the reply's path. A crash loses at most that much context, never a rating or a case.
 */
export async function createChatStore(dataDir: string, options: ChatStoreOptions = {}): Promise<ChatStore> {
  const { clock = () => new Date(), writeDelayMs = 200, onWriteError = () => undefined } = options;
  const file: JsonFileStore<ChatsFile> = await openJsonFile(join(dataDir, 'chats.json'), {
    schema: ChatsFileSchema,
    version: 1,
    defaults: () => ({ version: 1, chats: {} }),
  });
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let dirty = false;
  const writeNow = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!dirty) return writing;
    dirty = false;
    writing = writing.then(() => file.write()).catch((error: unknown) => {
      dirty = true;
      onWriteError(error);
    });
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
      dirty = true;
      timer ??= setTimeout(() => void writeNow(), writeDelayMs).unref();
    },
    flush: writeNow,
  };
}
