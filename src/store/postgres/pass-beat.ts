import type pg from 'pg';

/** How often a running pass says it is alive, and how long a silence means it died. */
export const BEAT_MS = 1_000;
export const DEAD_AFTER = "interval '5 seconds'";

/**
 * Marks this instance's pass as alive in reminder_passes until `stop` (which removes the row: a pass
 * that ends normally leaves no trace). A `kill -9` leaves the row to go stale.
 */
export async function startPassBeat(pool: pg.Pool, instance: string, date: string): Promise<{ stop(): Promise<void> }> {
  const beat = (): Promise<unknown> =>
    pool.query(
      `INSERT INTO reminder_passes (instance, date) VALUES ($1, $2)
       ON CONFLICT (instance) DO UPDATE SET date = EXCLUDED.date, beat_at = clock_timestamp()`,
      [instance, date],
    );
  await beat();
  // A missed beat is not fatal: the next one comes a second later, and silence only counts after five.
  const timer = setInterval(() => void beat().catch(() => undefined), BEAT_MS);
  return {
    async stop() {
      clearInterval(timer);
      await pool.query('DELETE FROM reminder_passes WHERE instance = $1', [instance]);
    },
  };
}
