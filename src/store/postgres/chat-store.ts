import type pg from 'pg';
import type { ChatState, ChatStore } from '../chat-store.js';
import type { SharedState } from '../shared-state.js';
import { createWriteBatch, type WriteBatch } from './write-batch.js';

/** A chat_state row as the update claim reads it: its state and version (migration 8). */
export interface ChatRow { s: ChatState; v: number }

/** Taken just before a read made elsewhere; `version` is that of the row the local copy matches, if known. */
export interface ReadToken { changes: number; version: number | undefined }

export interface PgChatStore extends ChatStore, SharedState {
  /** Reads a chat's state from the database into the local copy (another instance may have changed it). */
  load(chatId: number): Promise<void>;
  /**
   * For a read made in another statement (the update claim): a token taken just before the read, then
   * `prime` with what it found. The row is used instead of a `load` only if nothing changed the chat
   * locally in between, so a read older than this instance's own write is never taken as newer.
   * Undefined while a write of the chat is queued or running: the local copy is newer than any read.
   */
  readToken(chatId: number): ReadToken | undefined;
  /**
   * `row`: the row, or null when there is none, or undefined when its version is still the token's
   * (the read skipped a row this instance wrote or read last).
   */
  prime(chatId: number, row: ChatRow | null | undefined, token: ReadToken | undefined): void;
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
  // The version of the row each local copy matches, learnt from this instance's commits and reads.
  const versions = new Map<number, number>();
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
          versions.delete(key);
          changedAt.delete(key);
        }
      }
    }
  };

  const forget = (chatId: number): void => {
    cache.delete(chatId);
    versions.delete(chatId);
  };
  /** The row as read (or written) is now the local copy. */
  const take = (chatId: number, row: ChatRow | null): void => {
    if (!row) return forget(chatId);
    remember(chatId, row.s);
    versions.set(chatId, row.v);
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
      // Changed again after the commit read the state, the chat is queued again (held, so no read is
      // taken) until its next commit brings the version of the newer copy.
      batch.chatState(chatId, () => cache.get(chatId), (version) => versions.set(chatId, version));
    },
    flush: () => batch.flush(),
    async load(chatId) {
      if (primed.delete(chatId)) return;
      // Queued or being committed here: the local copy is the newest there is.
      if (batch.holds(chatId)) return;
      const token = store.readToken(chatId);
      const { rows } = await pool.query<ChatRow>({ name: 'mz_chat_load_version', text: 'SELECT state AS s, version AS v FROM chat_state WHERE chat_id = $1', values: [chatId] });
      store.prime(chatId, rows[0] ?? null, token);
      primed.delete(chatId);
    },
    readToken: (chatId) => (batch.holds(chatId) ? undefined : { changes, version: versions.get(chatId) }),
    prime(chatId, row, token) {
      if (token === undefined || (changedAt.get(chatId) ?? 0) > token.changes || batch.holds(chatId)) return;
      if (row !== undefined) take(chatId, row);
      // Unchanged since the version sent: the local copy is the row. Without a version sent, no row.
      else if (token.version === undefined) forget(chatId);
      // Read again since the token was taken: that read is newer than this one.
      else if (versions.get(chatId) !== token.version) return;
      primed.add(chatId);
    },
    beforeUpdate(chatId) {
      // Primed by the update claim, or held here: nothing to read.
      if (chatId === undefined || primed.delete(chatId) || batch.holds(chatId)) return undefined;
      return store.load(chatId);
    },
    afterUpdate: (_chatId, handledUpdateId) => batch.flush(handledUpdateId),
  };
  return store;
}
