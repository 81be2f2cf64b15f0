import type pg from 'pg';
import type { ChatState, ChatStore } from '../chat-store.js';
import type { SharedState } from '../shared-state.js';

export interface PgChatStore extends ChatStore, SharedState {
  /** Reads a chat's state from the database into the local copy (another instance may have changed it). */
  load(chatId: number): Promise<void>;
}

/** Chats kept in memory between updates; older ones are read again from the database when they return. */
const MAX_CACHED = 10_000;

/**
 * Chat state in the chat_state table. `get` stays synchronous for the bot: each update first loads
 * its chat's row (`beforeUpdate`), changes go to the local copy at once and are upserted right away;
 * `afterUpdate` waits for that write, so the next update of the chat sees it on any instance.
 */
export function createPgChatStore(pool: pg.Pool, options: { clock?: () => Date; onWriteError?: (error: unknown) => void } = {}): PgChatStore {
  const clock = options.clock ?? (() => new Date());
  const onWriteError = options.onWriteError ?? (() => undefined);
  const cache = new Map<number, ChatState>();
  const writes = new Map<number, Promise<void>>();
  const dirty = new Set<number>();

  const remember = (chatId: number, state: ChatState): void => {
    cache.delete(chatId);
    cache.set(chatId, state);
    if (cache.size > MAX_CACHED) {
      for (const key of cache.keys()) {
        if (cache.size <= MAX_CACHED) break;
        if (!dirty.has(key)) cache.delete(key);
      }
    }
  };

  const write = (chatId: number): Promise<void> => {
    const prev = writes.get(chatId) ?? Promise.resolve();
    const next = prev.then(async () => {
      if (!dirty.has(chatId)) return;
      dirty.delete(chatId);
      const state = cache.get(chatId);
      if (!state) return;
      try {
        await pool.query(
          `INSERT INTO chat_state (chat_id, state, updated_at) VALUES ($1, $2, now())
           ON CONFLICT (chat_id) DO UPDATE SET state = EXCLUDED.state, updated_at = now()`,
          [chatId, JSON.stringify(state)],
        );
      } catch (error) {
        dirty.add(chatId);
        onWriteError(error);
      }
    });
    writes.set(chatId, next);
    void next.then(() => {
      if (writes.get(chatId) === next) writes.delete(chatId);
    });
    return next;
  };

  const store: PgChatStore = {
    get: (chatId) => cache.get(chatId),
    set(chatId, change) {
      const state = cache.get(chatId) ?? { updatedAt: clock().toISOString() };
      change(state);
      state.updatedAt = clock().toISOString();
      remember(chatId, state);
      dirty.add(chatId);
      void write(chatId);
    },
    async flush() {
      await Promise.all([...dirty].map(write));
      await Promise.all(writes.values());
    },
    async load(chatId) {
      await writes.get(chatId);
      if (dirty.has(chatId)) return;
      const { rows } = await pool.query<{ state: ChatState }>('SELECT state FROM chat_state WHERE chat_id = $1', [chatId]);
      const row = rows[0];
      if (row) remember(chatId, row.state);
      else cache.delete(chatId);
    },
    async beforeUpdate(chatId) {
      if (chatId !== undefined) await store.load(chatId);
    },
    async afterUpdate(chatId) {
      if (chatId === undefined) return;
      if (dirty.has(chatId)) await write(chatId);
      await writes.get(chatId);
    },
  };
  return store;
}
