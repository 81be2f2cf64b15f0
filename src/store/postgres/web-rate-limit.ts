import type pg from 'pg';
import type { RateLimiterFactory } from '../../http/rate-limit.js';

const MINUTE = 60_000;

/**
 * The web routes' rate limits counted in PostgreSQL, so a limit holds for the sum over all instances
 * behind the load balancer: one upsert per request in a per-minute window (as the Telegram per-user
 * limit in update-guard.ts). Windows older than the previous minute are deleted once a minute.
 */
export function createPgRateLimiters(pool: pg.Pool, options: { now?: () => number } = {}): RateLimiterFactory {
  const now = options.now ?? Date.now;
  let prunedFor = 0;
  const prune = async (window: number): Promise<void> => {
    if (window <= prunedFor) return;
    prunedFor = window;
    await pool.query('DELETE FROM web_rate_limits WHERE window_start < $1', [window - MINUTE]);
  };
  return (scope, perMinute) => ({
    async take(key) {
      const t = now();
      const window = Math.floor(t / MINUTE) * MINUTE;
      await prune(window);
      const { rows } = await pool.query<{ hits: number }>({
        name: 'mz_web_rate_hit',
        text: `INSERT INTO web_rate_limits (scope, key, window_start, hits) VALUES ($1, $2, $3, 1)
               ON CONFLICT (scope, key, window_start) DO UPDATE SET hits = web_rate_limits.hits + 1 RETURNING hits`,
        values: [scope, key, window],
      });
      const allowed = (rows[0]?.hits ?? 1) <= perMinute;
      return { allowed, retryAfter: allowed ? 0 : Math.max(1, Math.ceil((window + MINUTE - t) / 1000)) };
    },
  });
}
