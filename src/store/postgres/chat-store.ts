import type pg from 'pg';
import type { ChatState, ChatStore } from '../chat-store.js';
import type { SharedState } from '../shared-state.js';
import { createWriteBatch, type WriteBatch } from './write-batch.js';

export interface PgChatStore extends ChatStore, SharedState {
  /** Reads a chat's state from the database into the local copy (another instance may have changed it). */
  load(chatId: number): Promise<void>;
  /**
   * For a read made in another statement (the update claim): a token taken just before the read, then
   * `prime` with what it found. The row is used instead of a `load` only if nothing changed the chat
   * locally in between, so a read older than this instance's own write is never taken as newer.
   */
  readToken(chatId: number): number | undefined;
  prime(chatId: number, state: ChatState | undefined, token: number | undefined): void;
}

/** Chats kept in memory between updates; older ones are read again from the database when they return. */
const MAX_CACHED = 10_000;

/**
 * Chat state in the chat_state table. `get` stays synchronous for the bot: each update first loads
 * its chat's row (`beforeUpdate`, or primed by the update claim), changes go to the local copy at
 * once and into the write batch; `afterUpdate` commits the batch, so the next update of the chat
 * sees it on any instance.
 */
export function createPgChatStore(
  pool: pg.Pool,
  options: { clock?: () => Date; onWriteError?: (error: unknown) => void; batch?: WriteBatch } = {},
): PgChatStore {
  const clock = options.clock ?? (() => new Date());
  const onWriteError = options.onWriteError ?? (() => undefined);
  const batch = options.batch ?? createWriteBatch(pool, { onChatError: (err) => onWriteError(err) });
  const cache = new Map<number, ChatState>();
  const primed = new Set<number>();
  // Bumped on every local change; a read token is the value when the read was sent.
  let changes = 0;
  const changedAt = new Map<number, number>();

  const remember = (chatId: number, state: ChatState): void => {
    cache.delete(chatId);
    cache.set(chatId, state);
    if (cache.size > MAX_CACHED) {
      for (const key of cache.keys()) {
        if (cache.size <= MAX_CACHED) break;
        if (!batch.holds(key)) {
          cache.delete(key);
          changedAt.delete(key);
        }
      }
    }
  };

  const store: PgChatStore = {
    get: (chatId) => cache.get(chatId),
    set(chatId, change) {
      const state = cache.get(chatId) ?? { updatedAt: clock().toISOString() };
      change(state);
      state.updatedAt = clock().toISOString();
      remember(chatId, state);
      changedAt.set(chatId, ++changes);
      primed.delete(chatId);
      batch.chatState(chatId, () => cache.get(chatId));
    },
    flush: () => batch.flush(),
    async load(chatId) {
      if (primed.delete(chatId)) return;
      // Queued or being committed here: the local copy is the newest there is.
      if (batch.holds(chatId)) return;
      const token = store.readToken(chatId);
      const { rows } = await pool.query<{ state: ChatState }>({ name: 'mz_chat_load', text: 'SELECT state FROM chat_state WHERE chat_id = $1', values: [chatId] });
      store.prime(chatId, rows[0]?.state, token);
      primed.delete(chatId);
    },
    readToken: (chatId) => (batch.holds(chatId) ? undefined : changes),
    prime(chatId, state, token) {
      if (token === undefined || (changedAt.get(chatId) ?? 0) > token || batch.holds(chatId)) return;
      if (state) remember(chatId, state);
      else cache.delete(chatId);
      primed.add(chatId);
    },
    async beforeUpdate(chatId) {
      if (chatId !== undefined) await store.load(chatId);
    },
    afterUpdate: (_chatId, handledUpdateId) => batch.flush(handledUpdateId),
  };
  return store;
}
