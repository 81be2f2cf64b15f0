import type pg from 'pg';

/** Shared per-update bookkeeping for instances behind one load balancer. */
export interface UpdateGuard {
  /**
   * Claims an update for this instance. False when another delivery of the same update_id was
   * handled, or is being handled right now (a claim not finished within `takeoverMs` is taken over:
   * the instance holding it died).
   */
  claim(updateId: number): Promise<boolean>;
  /** Marks a claimed update as handled. */
  done(updateId: number): Promise<void>;
  /** Counts one update of a user in the current minute, across all instances; returns the count. */
  hit(userId: number, nowMs: number): Promise<number>;
  /** Deletes bookkeeping older than two days (Telegram keeps an update for at most 24 hours). */
  prune(): Promise<void>;
}

export function createUpdateGuard(pool: pg.Pool, options: { instanceId: string; takeoverMs?: number }): UpdateGuard {
  const takeover = `${Math.round((options.takeoverMs ?? 60_000) / 1000)} seconds`;
  return {
    async claim(updateId) {
      const { rowCount } = await pool.query(
        `INSERT INTO processed_updates (update_id, claimed_by) VALUES ($1, $2)
         ON CONFLICT (update_id) DO UPDATE SET claimed_by = EXCLUDED.claimed_by, at = now()
           WHERE NOT processed_updates.done AND processed_updates.at < now() - $3::interval`,
        [updateId, options.instanceId, takeover],
      );
      return rowCount === 1;
    },
    async done(updateId) {
      await pool.query('UPDATE processed_updates SET done = true WHERE update_id = $1', [updateId]);
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
