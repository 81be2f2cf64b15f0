import pg from 'pg';
import { AppError } from '../../errors.js';
import { migrate } from './migrations.js';

// bigint columns hold epoch milliseconds and Telegram ids, all within 2^53: read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** The database cannot be reached or its schema cannot be brought up to date. */
export class DatabaseError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseError';
  }
}

/** Runs `fn` in a transaction on one pooled connection; rolls back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Connects to DATABASE_URL and applies pending migrations.
 * @throws DatabaseError naming the host (never the password) and what to check.
 */
export async function openDatabase(url: string, options: { max?: number } = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle connection dropped by the server must not crash the process; the pool reconnects.
  pool.on('error', () => undefined);
  const where = safeHost(url);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseError(
      `无法连接或初始化数据库 ${where}：${(error as Error).message}。请检查 DATABASE_URL、数据库是否启动、账号是否有建表权限。`,
      { cause: error },
    );
  }
  return pool;
}

/**
 * A pool for the statements every update runs (the update claim, the commit), on a database
 * `openDatabase` has already migrated. Its sessions always use the generic plan of a prepared
 * statement: PostgreSQL otherwise plans such a statement afresh whenever a plan for the values at
 * hand looks cheaper, which it does for the short arrays of a quiet instance (a claim of one update
 * was planned on 6 of 10 executions, 120 µs of server time each, more than running it).
 */
export function openStatementPool(url: string, options: { max: number }): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: options.max, options: '-c plan_cache_mode=force_generic_plan' });
  // As in openDatabase: a dropped idle connection is replaced, not fatal.
  pool.on('error', () => undefined);
  return pool;
}

/** host:port/database of a URL, without user or password, for messages and logs. */
export function safeHost(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(DATABASE_URL 格式不对)';
  }
}
