import type pg from 'pg';
import type { PgChatStore } from './chat-store.js';
import { createClaimBatch, type ClaimResult } from './claim-batch.js';
import { staleClaim } from './instance-beat.js';

export type { ClaimResult };

/** Shared per-update bookkeeping for instances behind one load balancer. */
export interface UpdateGuard {
  /**
   * Claims an update for this instance: `claimed`, or `done` when another delivery of the same
   * update_id was handled, or `busy` while another instance handles it. A claim not finished within
   * `takeoverMs` whose instance stopped beating can be claimed again (that instance died); a live,
   * slow instance keeps it.
   */
  claim(updateId: number): Promise<'claimed' | 'done' | 'busy'>;
  readonly takeoverMs: number;
  /**
   * `claim` and, when claimed and `userId` is given, `hit` in one round trip (the common case of
   * every update; updates in flight together share one statement). `hits` is 0 when not claimed or
   * without a user. With `chatId` (and a chat store to prime), the chat's state is read in the same
   * round trip: call `prime` just before handling the update, so its store need not read the row again.
   * `onSent` is called once the statement carrying this claim has been handed to the driver.
   */
  claimAndHit(updateId: number, userId: number | undefined, nowMs: number, chatId?: number, onSent?: () => void): Promise<ClaimResult>;
  /** Marks a claimed update as handled (an update handled with shared state is marked in its commit). */
  done(updateId: number): Promise<void>;
  /** Counts one update of a user in the current minute, across all instances; returns the count. */
  hit(userId: number, nowMs: number): Promise<number>;
  /** Deletes bookkeeping older than two days (Telegram keeps an update for at most 24 hours). */
  prune(): Promise<void>;
}

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
           WHERE ${staleClaim('$3')}`,
        [updateId, options.instanceId, takeover],
      );
      if (rowCount === 1) return 'claimed';
      const { rows } = await pool.query<{ done: boolean }>('SELECT done FROM processed_updates WHERE update_id = $1', [updateId]);
      return rows[0]?.done === false ? 'busy' : 'done';
    },
    claimAndHit: createClaimBatch(pool, { instanceId: options.instanceId, takeover, ...(options.chats ? { chats: options.chats } : {}) }),
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
