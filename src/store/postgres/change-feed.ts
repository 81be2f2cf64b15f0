import type pg from 'pg';

/** A flag raised whenever a watched table changes on any instance; `take` reads and lowers it. */
export interface ChangeFlag {
  take(): boolean;
}

export interface ChangeFeed {
  watch(table: string): ChangeFlag;
  close(): Promise<void>;
}

export const CHANGE_CHANNEL = 'mz_changes';

/**
 * Tells this instance's copies (cases, subscriptions) when another instance changed their table,
 * so an update reads the database only when there is something new: a trigger (migration 2) sends
 * the table name on LISTEN/NOTIFY at commit. If the listening connection is lost, every flag stays
 * raised: the copies fall back to reading on every update, which is correct, only slower.
 */
export async function createChangeFeed(pool: pg.Pool): Promise<ChangeFeed> {
  const raised = new Map<string, boolean>();
  let broken = false;
  const client = await pool.connect();
  client.on('notification', (n) => {
    if (n.channel === CHANGE_CHANNEL && n.payload) raised.set(n.payload, true);
  });
  client.on('error', () => {
    broken = true;
  });
  await client.query(`LISTEN ${CHANGE_CHANNEL}`);
  return {
    watch(table) {
      raised.set(table, true);
      return {
        take() {
          const up = broken || raised.get(table) === true;
          raised.set(table, false);
          return up;
        },
      };
    },
    async close() {
      await client.query(`UNLISTEN ${CHANGE_CHANNEL}`).catch(() => undefined);
      client.release(broken);
    },
  };
}
