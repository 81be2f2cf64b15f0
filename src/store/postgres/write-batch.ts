import type pg from 'pg';
import type { AnswerRecord } from '../../ratings/types.js';
import type { UnansweredEntry } from '../unanswered-log.js';
import { pgIntArray } from './pg-values.js';

/**
 * The writes an update makes, committed together: chat state, answer records, unanswered questions,
 * and the mark that the update was handled. One statement (so one round trip and one transaction)
 * carries everything queued since the last commit, from every update in flight (group commit).
 */
export interface WriteBatch {
  /**
   * Queues a chat's state; `read` is called at commit time, so the newest state is what is written.
   * `written` hears the row's new version once it is committed (see migration 8).
   */
  chatState(chatId: number, read: () => unknown, written?: (version: number) => void): void;
  /** Queues an answer record; resolves once committed, rejects when its id is taken or it failed alone. */
  answer(record: AnswerRecord): Promise<void>;
  /** Queues an unanswered-log entry (already masked); resolves once committed. */
  unanswered(entry: UnansweredEntry): Promise<void>;
  /** True while a chat's state is queued or being committed: the local copy is newer than the row. */
  holds(chatId: number): boolean;
  /**
   * Commits everything queued so far and, with `handledUpdateId`, marks that update handled in the
   * same transaction. Resolves once committed; never rejects (a failed item is retried or rejected alone).
   */
  flush(handledUpdateId?: number): Promise<void>;
  /** Commits what is queued and stops retrying (the pool is about to end). */
  close(): Promise<void>;
}

interface Waiter { resolve: () => void; reject: (error: unknown) => void }
interface ChatWrite { read: () => unknown; written: ((version: number) => void) | undefined }
interface Batch {
  chats: Map<number, ChatWrite>;
  answers: { record: AnswerRecord; waiter: Waiter }[];
  unanswered: { entry: UnansweredEntry; waiter: Waiter }[];
  done: Set<number>;
}

const empty = (): Batch => ({ chats: new Map(), answers: [], unanswered: [], done: new Set() });
const size = (b: Batch): number => b.chats.size + b.answers.length + b.unanswered.length + (b.done.size > 0 ? 1 : 0);

/**
 * The parts of a commit, each a CTE over one parameter. A commit names only the parts it has rows
 * for (most have no unanswered question, some no answer): an empty part still cost the server its
 * table's opening, locks and index setup on every commit. Each shape is prepared once per connection
 * under its own name. The documents are json, not jsonb: the server only reads them into rows, and
 * json is read without building jsonb first. Chat rows are taken in key order, so two instances'
 * commits wait for each other, never deadlock.
 */
const PARTS = [
  (p: string) => `c AS (INSERT INTO chat_state (chat_id, state, updated_at, version)
        SELECT chat_id, state, now(), txid_current() FROM json_to_recordset(${p}::json) AS x(chat_id bigint, state jsonb) ORDER BY chat_id
        ON CONFLICT (chat_id) DO UPDATE SET state = EXCLUDED.state, updated_at = now(), version = EXCLUDED.version)`,
  (p: string) => `a AS (INSERT INTO answers (id, at, chat_id, user_id, intent, kind, question)
        SELECT id, at, chat_id, user_id, intent, kind, question
        FROM json_to_recordset(${p}::json) AS x(id text, at bigint, chat_id bigint, user_id bigint, intent text, kind text, question text)
        ON CONFLICT (id) DO NOTHING RETURNING id)`,
  (p: string) => `u AS (INSERT INTO unanswered (at, entry) SELECT (e->>'at')::timestamptz, e FROM jsonb_array_elements(${p}::jsonb) e)`,
  (p: string) => `d AS (UPDATE processed_updates SET done = true WHERE update_id = ANY(${p}::bigint[]))`,
] as const;
const CHATS = 0;
const ANSWERS = 1;

const shapes = new Map<number, { name: string; text: string }>();

/** The statement for the parts whose bit is set in `mask` (bit i: PARTS[i]), with $1… in part order. */
export function commitStatement(mask: number): { name: string; text: string } {
  let shape = shapes.get(mask);
  if (!shape) {
    const ctes: string[] = [];
    PARTS.forEach((part, i) => {
      if ((mask >> i) & 1) ctes.push(part(`$${ctes.length + 1}`));
    });
    // The chats' new version is this transaction's id: one number for every row the commit wrote.
    const version = (mask >> CHATS) & 1 ? ', txid_current() AS version' : '';
    // json, not text[]: the driver reads json with JSON.parse, a text[] with a parser written in JavaScript.
    const result = (mask >> ANSWERS) & 1 ? `SELECT coalesce(json_agg(id), '[]') AS inserted${version} FROM a` : `SELECT '[]'::json AS inserted${version}`;
    shape = { name: `mz_commit_${mask}`, text: `WITH\n  ${ctes.join(',\n  ')}\n${result}` };
    shapes.set(mask, shape);
  }
  return shape;
}

/**
 * JSON for a json or jsonb parameter. PostgreSQL refuses the NUL character in jsonb and text, and a person
 * can type one: it is dropped rather than letting one message fail its chat's state forever.
 */
export function pgJson(value: unknown): string {
  const text = JSON.stringify(value);
  // Only an escape preceded by an even number of backslashes is a NUL; "\\u0000" is a backslash and text.
  return text.includes('\\u0000') ? text.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1') : text;
}

/** A failed commit is retried this long after (the queued chat states and handled marks). */
const RETRY_MS = 1_000;

export interface WriteBatchOptions {
  /** A chat's state could not be written; it stays queued and is retried. */
  onChatError?: (error: unknown, chatId: number) => void;
  /** How long a write queued outside an update (no flush asked for) waits before it is committed. */
  idleFlushMs?: number;
}

/**
 * One commit at a time: writes queued while a commit runs go into the next one, so under load each
 * round trip carries many updates' writes and at rest an update costs one round trip. Commits are
 * ordered, so a chat's newer state is never overtaken by an older one.
 */
export function createWriteBatch(pool: pg.Pool, options: WriteBatchOptions = {}): WriteBatch {
  const idleFlushMs = options.idleFlushMs ?? 20;
  let current = empty();
  let running: { batch: Batch; done: Promise<void> } | undefined;
  let next: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const soon = (ms: number): void => {
    if (closed) return;
    timer ??= setTimeout(() => {
      timer = undefined;
      void flush();
    }, ms);
  };

  const settle = (batch: Batch, inserted: Set<string>): void => {
    for (const { record, waiter } of batch.answers) {
      if (inserted.has(record.id)) waiter.resolve();
      else waiter.reject(new Error(`answer id ${record.id} already taken`));
    }
    for (const { waiter } of batch.unanswered) waiter.resolve();
  };

  async function commit(batch: Batch): Promise<void> {
    const chats = [...batch.chats].map(([chatId, { read }]) => ({ chat_id: chatId, state: read() })).filter((c) => c.state !== undefined);
    const answers = batch.answers.map(({ record: r }) => ({
      id: r.id, at: r.at, chat_id: r.chatId, user_id: r.userId, intent: r.intent, kind: r.kind, question: r.question,
    }));
    // In PARTS order; only the parts with rows go to the server.
    const parts: [number, () => unknown][] = [
      [chats.length, () => pgJson(chats)],
      [answers.length, () => pgJson(answers)],
      [batch.unanswered.length, () => pgJson(batch.unanswered.map((u) => u.entry))],
      [batch.done.size, () => pgIntArray([...batch.done])],
    ];
    const mask = parts.reduce((m, [rows], i) => (rows > 0 ? m | (1 << i) : m), 0);
    if (mask === 0) return settle(batch, new Set());
    const values = parts.flatMap(([rows, value]) => (rows > 0 ? [value()] : []));
    const { rows } = await pool.query<{ inserted: string[]; version?: number }>({ ...commitStatement(mask), values });
    const version = rows[0]?.version;
    if (version !== undefined) for (const { chat_id: chatId } of chats) batch.chats.get(chatId)?.written?.(version);
    settle(batch, new Set(rows[0]?.inserted ?? []));
  }

  /** Commits the batch; if it fails, each item alone, so one bad row cannot hold back the others. */
  async function write(batch: Batch): Promise<void> {
    try {
      await commit(batch);
      return;
    } catch (error) {
      if (size(batch) <= 1) return fail(batch, error);
    }
    const singles: Batch[] = [
      ...[...batch.chats].map(([id, write]) => ({ ...empty(), chats: new Map([[id, write]]) })),
      ...batch.answers.map((a) => ({ ...empty(), answers: [a] })),
      ...batch.unanswered.map((u) => ({ ...empty(), unanswered: [u] })),
      ...(batch.done.size > 0 ? [{ ...empty(), done: batch.done }] : []),
    ];
    for (const single of singles) {
      try {
        await commit(single);
      } catch (error) {
        fail(single, error);
      }
    }
  }

  /** Chat states and handled marks go back in the queue and are retried; records are refused. */
  function fail(batch: Batch, error: unknown): void {
    for (const [chatId, write] of batch.chats) {
      if (!current.chats.has(chatId)) current.chats.set(chatId, write);
      options.onChatError?.(error, chatId);
    }
    for (const id of batch.done) current.done.add(id);
    for (const { waiter } of [...batch.answers, ...batch.unanswered]) waiter.reject(error);
    if (batch.chats.size > 0 || batch.done.size > 0) soon(RETRY_MS);
  }

  const start = (): Promise<void> => {
    const batch = current;
    current = empty();
    const done = write(batch).finally(() => {
      if (running?.batch === batch) running = undefined;
    });
    running = { batch, done };
    return done;
  };

  /** The next commit, after the running one; flushes asked for in the same turn of the event loop join it. */
  function schedule(): Promise<void> {
    next ??= (running?.done ?? Promise.resolve())
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => {
        next = undefined;
        return size(current) === 0 ? undefined : start();
      });
    return next;
  }

  function flush(handledUpdateId?: number): Promise<void> {
    if (handledUpdateId !== undefined) current.done.add(handledUpdateId);
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (size(current) === 0) return next ?? running?.done ?? Promise.resolve();
    return schedule();
  }

  const queue = <T>(push: (waiter: Waiter) => T): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (closed) return reject(new Error('write batch closed: the store is shutting down'));
      push({ resolve, reject });
      soon(idleFlushMs);
    });

  return {
    chatState(chatId, read, written) {
      current.chats.set(chatId, { read, written });
      soon(idleFlushMs);
    },
    answer: (record) => queue((waiter) => current.answers.push({ record, waiter })),
    unanswered: (entry) => queue((waiter) => current.unanswered.push({ entry, waiter })),
    holds: (chatId) => current.chats.has(chatId) || running?.batch.chats.has(chatId) === true,
    flush,
    async close() {
      await flush();
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
