import type pg from 'pg';
import type { ChatState } from '../chat-store.js';
import type { PgChatStore } from './chat-store.js';

/** Shared per-update bookkeeping for instances behind one load balancer. */
export interface UpdateGuard {
  /**
   * Claims an update for this instance: `claimed`, or `done` when another delivery of the same
   * update_id was handled, or `busy` while another instance handles it. A claim not finished within
   * `takeoverMs` can be claimed again (the instance holding it died).
   */
  claim(updateId: number): Promise<'claimed' | 'done' | 'busy'>;
  readonly takeoverMs: number;
  /**
   * `claim` and, when claimed and `userId` is given, `hit` in one round trip (the common case of
   * every update). `hits` is 0 when not claimed or without a user. With `chatId` (and a chat store
   * to prime), the chat's state is read in the same round trip: call `prime` just before handling
   * the update, so its store need not read the row again.
   */
  claimAndHit(updateId: number, userId: number | undefined, nowMs: number, chatId?: number): Promise<ClaimResult>;
  /** Marks a claimed update as handled (an update handled with shared state is marked in its commit). */
  done(updateId: number): Promise<void>;
  /** Counts one update of a user in the current minute, across all instances; returns the count. */
  hit(userId: number, nowMs: number): Promise<number>;
  /** Deletes bookkeeping older than two days (Telegram keeps an update for at most 24 hours). */
  prune(): Promise<void>;
}

export interface ClaimResult {
  claim: 'claimed' | 'done' | 'busy';
  hits: number;
  prime?: () => void;
}

const CLAIM_AND_HIT = `WITH claim AS (
     INSERT INTO processed_updates (update_id, claimed_by) VALUES ($1, $2)
     ON CONFLICT (update_id) DO UPDATE SET claimed_by = EXCLUDED.claimed_by, at = now()
       WHERE NOT processed_updates.done AND processed_updates.at < now() - $3::interval
     RETURNING 1),
   hit AS (
     INSERT INTO rate_limits (user_id, window_start, hits) SELECT $4::bigint, $5::bigint, 1
     WHERE $4::bigint IS NOT NULL AND EXISTS (SELECT 1 FROM claim)
     ON CONFLICT (user_id, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits)
   SELECT EXISTS (SELECT 1 FROM claim) AS claimed, (SELECT hits FROM hit) AS hits,
          (SELECT done FROM processed_updates WHERE update_id = $1) AS done,
          (SELECT state FROM chat_state WHERE chat_id = $6::bigint) AS state`;

export function createUpdateGuard(pool: pg.Pool, options: { instanceId: string; takeoverMs?: number; chats?: PgChatStore }): UpdateGuard {
  // Under the webhook's 10-second answer limit, so a duplicate waiting on a dead claim still answers in time.
  const takeoverMs = options.takeoverMs ?? 8_000;
  const takeover = `${takeoverMs} milliseconds`;
  return {
    takeoverMs,
    async claim(updateId) {
      const { rowCount } = await pool.query(
        `INSERT INTO processed_updates (update_id, claimed_by) VALUES ($1, $2)
         ON CONFLICT (update_id) DO UPDATE SET claimed_by = EXCLUDED.claimed_by, at = now()
           WHERE NOT processed_updates.done AND processed_updates.at < now() - $3::interval`,
        [updateId, options.instanceId, takeover],
      );
      if (rowCount === 1) return 'claimed';
      const { rows } = await pool.query<{ done: boolean }>('SELECT done FROM processed_updates WHERE update_id = $1', [updateId]);
      return rows[0]?.done === false ? 'busy' : 'done';
    },
    async claimAndHit(updateId, userId, nowMs, chatId) {
      const window = Math.floor(nowMs / 60_000) * 60_000;
      const chats = chatId === undefined ? undefined : options.chats;
      const token = chats && chatId !== undefined ? chats.readToken(chatId) : undefined;
      const { rows } = await pool.query<{ claimed: boolean; hits: number | null; done: boolean | null; state: ChatState | null }>({
        name: 'mz_claim_and_hit',
        text: CLAIM_AND_HIT,
        values: [updateId, options.instanceId, takeover, userId ?? null, window, chats ? chatId : null],
      });
      const row = rows[0];
      if (row?.claimed) {
        const prime = chats && chatId !== undefined ? () => chats.prime(chatId, row.state ?? undefined, token) : undefined;
        return { claim: 'claimed', hits: row.hits ?? 0, ...(prime ? { prime } : {}) };
      }
      // The snapshot predates this statement's own insert, so `done` here is the earlier delivery's.
      return { claim: row?.done === false ? 'busy' : 'done', hits: 0 };
    },
    async done(updateId) {
      await pool.query({ name: 'mz_update_done', text: 'UPDATE processed_updates SET done = true WHERE update_id = $1', values: [updateId] });
    },
    async hit(userId, nowMs) {
      const window = Math.floor(nowMs / 60_000) * 60_000;
      const { rows } = await pool.query<{ hits: number }>(
        `INSERT INTO rate_limits (user_id, window_start, hits) VALUES ($1, $2, 1)
         ON CONFLICT (user_id, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits`,
        [userId, window],
      );
      return rows[0]?.hits ?? 1;
    },
    async prune() {
      await pool.query("DELETE FROM processed_updates WHERE at < now() - interval '2 days'");
      await pool.query('DELETE FROM rate_limits WHERE window_start < $1', [Date.now() - 3_600_000]);
    },
  };
}
