import type pg from 'pg';
import type { PgChatStore, ReadToken } from './chat-store.js';
import { CLAIM_BATCH, CLAIM_DONE, type BatchRow } from './claim-statement.js';
import { pgIntArray } from './pg-values.js';

export interface ClaimResult {
  claim: 'claimed' | 'done' | 'busy';
  hits: number;
  /** Hands the chat state read with the claim to the chat store; call just before handling the update. */
  prime?: () => void;
}

interface Request {
  updateId: number;
  userId: number | undefined;
  chatId: number | undefined;
  nowMs: number;
  token: ReadToken | undefined;
  onSent: (() => void) | undefined;
  resolve: (r: ClaimResult) => void;
  reject: (error: unknown) => void;
}

/**
 * The update claim of every update in flight, one statement at a time: the claims asked for in one
 * turn of the event loop share a statement (updates that finished together start together), and
 * under load the claims that arrive while one statement runs share the next. A batch counts its
 * hits in the minute of its first update.
 */
export function createClaimBatch(pool: pg.Pool, options: { instanceId: string; takeover: string; chats?: PgChatStore }): (
  updateId: number, userId: number | undefined, nowMs: number, chatId?: number, onSent?: () => void,
) => Promise<ClaimResult> {
  let queued: Request[] = [];
  let running = false;
  let gathering = false;

  /** Not claimed: handled already, or (also when the question fails) in hand elsewhere, which is `busy`. */
  const settleOthers = (others: Request[]): void => {
    if (others.length === 0) return;
    void pool.query<{ done: number[] }>({ ...CLAIM_DONE, values: [pgIntArray(others.map((r) => r.updateId))] }).then(
      ({ rows }) => new Set(rows[0]?.done ?? []),
      () => new Set<number>(),
    ).then((done) => {
      for (const r of others) r.resolve({ claim: done.has(r.updateId) ? 'done' : 'busy', hits: 0 });
    });
  };

  const settle = (batch: Request[], row: BatchRow): void => {
    const claimed = new Set(row.claimed);
    settleOthers(batch.filter((r) => !claimed.has(r.updateId)));
    // The k-th claimed update of a user in this batch saw the count as it stood after it.
    const left = new Map<number, number>();
    for (const r of batch) if (r.userId !== undefined && claimed.has(r.updateId)) left.set(r.userId, (left.get(r.userId) ?? 0) + 1);
    for (const r of batch) {
      if (!claimed.has(r.updateId)) continue;
      let hits = 0;
      if (r.userId !== undefined) {
        const after = left.get(r.userId) ?? 1;
        left.set(r.userId, after - 1);
        hits = (row.hits[r.userId] ?? 0) - after + 1;
      }
      const { chats } = options;
      const { chatId, token } = r;
      const prime = chats && chatId !== undefined ? () => chats.prime(chatId, row.states[chatId], token) : undefined;
      r.resolve({ claim: 'claimed', hits, ...(prime ? { prime } : {}) });
    }
  };

  const send = (): void => {
    if (running || queued.length === 0) return;
    running = true;
    const batch = queued;
    queued = [];
    // The same update twice in one batch (two deliveries at once): the later one waits as a duplicate.
    const seen = new Set<number>();
    const unique: Request[] = [];
    const extra: Request[] = [];
    for (const r of batch) {
      if (seen.has(r.updateId)) extra.push(r);
      else {
        seen.add(r.updateId);
        unique.push(r);
      }
    }
    const window = Math.floor((unique[0]?.nowMs ?? 0) / 60_000) * 60_000;
    // Without a token (a write of the chat is pending here) a read would be ignored: none is made.
    const reads = unique.filter((r) => r.chatId !== undefined && r.token !== undefined);
    const chatIds = pgIntArray(reads.map((r) => r.chatId));
    const versions = pgIntArray(reads.map((r) => r.token?.version));
    pool
      .query<{ batch: BatchRow }>({
        ...CLAIM_BATCH,
        values: [pgIntArray(unique.map((r) => r.updateId)), pgIntArray(unique.map((r) => r.userId)), chatIds, options.instanceId, options.takeover, window, versions],
      })
      .then(({ rows }) => {
        const row = rows[0]?.batch ?? { claimed: [], hits: {}, states: {} };
        settle(unique, row);
        for (const r of extra) r.resolve({ claim: 'busy', hits: 0 });
      }, (error: unknown) => {
        for (const r of batch) r.reject(error);
      })
      .finally(() => {
        running = false;
        send();
      });
    // Handed to the driver: sent from the gathering turn, it is on the socket before any promise
    // continuation runs (the pool writes it in a nextTick), so what waits for this overlaps the round trip.
    for (const r of batch) r.onSent?.();
  };

  return (updateId, userId, nowMs, chatId, onSent) =>
    new Promise<ClaimResult>((resolve, reject) => {
      // The token is taken before the read is even queued: a change made here after it wins over the read.
      const token = options.chats && chatId !== undefined ? options.chats.readToken(chatId) : undefined;
      queued.push({ updateId, userId, chatId, nowMs, token, onSent, resolve, reject });
      // One turn's worth together: at rest this costs a turn of the event loop, under load it halves
      // the statements (without it the first claim of a turn goes alone and the rest wait for it).
      if (gathering) return;
      gathering = true;
      setImmediate(() => {
        gathering = false;
        send();
      });
    });
}
