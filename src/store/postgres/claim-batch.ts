import type pg from 'pg';
import type { ChatRow, PgChatStore, ReadToken } from './chat-store.js';
import { staleClaim } from './instance-beat.js';
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
  resolve: (r: ClaimResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Claims, per-user counts and chat states for many updates in one statement. Rows are taken in key
 * order, so two instances' batches wait for each other instead of deadlocking. `done` is read from
 * the statement's snapshot, before its own inserts: it is the earlier delivery's. A chat's row comes
 * back only when its version is not the one this instance sent ($7: the copy it holds, written or
 * read here last), or as null when the row is gone: on one instance, no row travels at all. The
 * lookup is by key, one row each (LIMIT 1 keeps the subquery from being flattened: as a plain join
 * its generic plan was a hash join over the whole table). The objects are json, not jsonb: they only
 * travel to the driver, and building jsonb cost the server 12-15% more time on this statement at 32
 * updates; and all of it is one document, which the driver reads with one JSON.parse rather than
 * four columns and a bigint[] parsed in JavaScript.
 */
const CLAIM_BATCH = {
  name: 'mz_claim_batch',
  text: `WITH input AS (SELECT * FROM unnest($1::bigint[], $2::bigint[]) AS t(update_id, user_id)),
  earlier AS (SELECT update_id, done FROM processed_updates WHERE update_id = ANY($1::bigint[])),
  claim AS (
    INSERT INTO processed_updates (update_id, claimed_by) SELECT update_id, $4 FROM input ORDER BY update_id
    ON CONFLICT (update_id) DO UPDATE SET claimed_by = EXCLUDED.claimed_by, at = now()
      WHERE ${staleClaim('$5')}
    RETURNING update_id),
  counted AS (
    SELECT i.user_id, count(*)::int AS n FROM input i JOIN claim c USING (update_id)
    WHERE i.user_id IS NOT NULL GROUP BY i.user_id),
  hit AS (
    INSERT INTO rate_limits (user_id, window_start, hits) SELECT user_id, $6::bigint, n FROM counted ORDER BY user_id
    ON CONFLICT (user_id, window_start) DO UPDATE SET hits = rate_limits.hits + EXCLUDED.hits
    RETURNING user_id, hits)
SELECT json_build_object(
  'claimed', (SELECT coalesce(json_agg(update_id), '[]') FROM claim),
  'hits', (SELECT coalesce(json_object_agg(user_id, hits), '{}') FROM hit),
  'done', (SELECT coalesce(json_object_agg(update_id, done), '{}') FROM earlier),
  'states', (SELECT coalesce(json_object_agg(k.chat_id, CASE WHEN s.version IS NULL THEN NULL ELSE json_build_object('s', s.state, 'v', s.version) END), '{}')
    FROM unnest($3::bigint[], $7::bigint[]) AS k(chat_id, version)
    LEFT JOIN LATERAL (SELECT state, version FROM chat_state WHERE chat_id = k.chat_id LIMIT 1) s ON true
    WHERE s.version IS DISTINCT FROM k.version)) AS batch`,
};

interface BatchRow { claimed: number[]; hits: Record<string, number>; done: Record<string, boolean>; states: Record<string, ChatRow | null> }

/**
 * The update claim of every update in flight, one statement at a time: the claims asked for in one
 * turn of the event loop share a statement (updates that finished together start together), and
 * under load the claims that arrive while one statement runs share the next. A batch counts its
 * hits in the minute of its first update.
 */
export function createClaimBatch(pool: pg.Pool, options: { instanceId: string; takeover: string; chats?: PgChatStore }): (
  updateId: number, userId: number | undefined, nowMs: number, chatId?: number,
) => Promise<ClaimResult> {
  let queued: Request[] = [];
  let running = false;
  let gathering = false;

  const settle = (batch: Request[], row: BatchRow): void => {
    const claimed = new Set(row.claimed);
    // The k-th claimed update of a user in this batch saw the count as it stood after it.
    const left = new Map<number, number>();
    for (const r of batch) if (r.userId !== undefined && claimed.has(r.updateId)) left.set(r.userId, (left.get(r.userId) ?? 0) + 1);
    for (const r of batch) {
      if (!claimed.has(r.updateId)) {
        // Not in the snapshot: another instance claimed it while this statement ran, so it is in hand.
        r.resolve({ claim: row.done[r.updateId] === true ? 'done' : 'busy', hits: 0 });
        continue;
      }
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
        const row = rows[0]?.batch ?? { claimed: [], hits: {}, done: {}, states: {} };
        settle(unique, row);
        for (const r of extra) r.resolve({ claim: 'busy', hits: 0 });
      }, (error: unknown) => {
        for (const r of batch) r.reject(error);
      })
      .finally(() => {
        running = false;
        send();
      });
  };

  return (updateId, userId, nowMs, chatId) =>
    new Promise<ClaimResult>((resolve, reject) => {
      // The token is taken before the read is even queued: a change made here after it wins over the read.
      const token = options.chats && chatId !== undefined ? options.chats.readToken(chatId) : undefined;
      queued.push({ updateId, userId, chatId, nowMs, token, resolve, reject });
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
