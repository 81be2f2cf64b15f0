import type pg from 'pg';
import { BEAT_MS, DEAD_AFTER } from './pass-beat.js';

/**
 * Whether an update claim may be handed to another instance: it is older than the takeover time
 * (`$5` in the claim batch, `$3` in a single claim) and the instance holding it no longer beats, or
 * it is a minute old (an instance alive but stuck on it). An instance that never beat (a tool, a
 * test) counts as gone. One fragment, so both claims agree.
 */
export function staleClaim(takeoverParam: string): string {
  return `NOT processed_updates.done AND processed_updates.at < now() - ${takeoverParam}::interval
      AND (processed_updates.at < now() - interval '60 seconds' OR NOT EXISTS (
        SELECT 1 FROM instance_beats b WHERE b.instance = processed_updates.claimed_by
          AND b.beat_at > clock_timestamp() - ${DEAD_AFTER}))`;
}

/**
 * Marks this instance as alive in instance_beats every second until `stop`, which removes the row.
 * A `kill -9` leaves the row to go stale, and five seconds later its claims can be taken over.
 */
export async function startInstanceBeat(pool: pg.Pool, instance: string): Promise<{ stop(): Promise<void> }> {
  const beat = (): Promise<unknown> =>
    pool.query({
      name: 'mz_instance_beat',
      text: `INSERT INTO instance_beats (instance) VALUES ($1)
             ON CONFLICT (instance) DO UPDATE SET beat_at = clock_timestamp()`,
      values: [instance],
    });
  await beat();
  // A missed beat is not fatal: silence only counts after five seconds.
  const timer = setInterval(() => void beat().catch(() => undefined), BEAT_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await pool.query('DELETE FROM instance_beats WHERE instance = $1', [instance]).catch(() => undefined);
    },
  };
}
