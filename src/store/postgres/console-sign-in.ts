import type pg from 'pg';
import { sessionKey, type ConsoleSignInStore } from '../../web/console/sign-in-store.js';

/** A used link is remembered this long past its expiry, so a replay is told "used", not "unknown". */
const KEEP_USED_MS = 24 * 3_600_000;

/**
 * The console's sign-in state in PostgreSQL, for several instances: a link is used at most once
 * across all of them (one conditional UPDATE), and a session signed in on one is valid on every one.
 * Session cookies are stored only as their SHA-256.
 */
export function createPgSignInStore(pool: pg.Pool): ConsoleSignInStore {
  const prune = async (now: number): Promise<void> => {
    await pool.query('DELETE FROM console_links WHERE expires_at < $1', [now - KEEP_USED_MS]);
    await pool.query('DELETE FROM console_sessions WHERE expires_at < $1', [now]);
  };
  return {
    async addLink(jti, expiresAt) {
      // Links are issued a few times a day: pruning here keeps the tables small without a timer.
      await prune(Date.now());
      await pool.query('INSERT INTO console_links (jti, expires_at) VALUES ($1, $2)', [jti, expiresAt]);
    },
    async useLink(jti, now) {
      const { rows } = await pool.query<{ fresh: boolean; known: boolean }>(
        `WITH used AS (UPDATE console_links SET used_at = $2 WHERE jti = $1 AND used_at IS NULL RETURNING 1)
         SELECT EXISTS (SELECT 1 FROM used) AS fresh, EXISTS (SELECT 1 FROM console_links WHERE jti = $1) AS known`,
        [jti, now],
      );
      const row = rows[0];
      if (row?.fresh) return 'ok';
      return row?.known ? 'used' : 'unknown';
    },
    async putSession(id, session) {
      await pool.query(
        'INSERT INTO console_sessions (id_hash, admin_id, admin_name, csrf, expires_at) VALUES ($1, $2, $3, $4, $5)',
        [sessionKey(id), session.admin.id, session.admin.name, session.csrf, session.expiresAt],
      );
    },
    async getSession(id, now) {
      const { rows } = await pool.query<{ admin_id: number; admin_name: string; csrf: string; expires_at: number }>(
        'SELECT admin_id, admin_name, csrf, expires_at FROM console_sessions WHERE id_hash = $1 AND expires_at >= $2',
        [sessionKey(id), now],
      );
      const row = rows[0];
      return row && { admin: { id: row.admin_id, name: row.admin_name }, csrf: row.csrf, expiresAt: row.expires_at };
    },
    async dropSession(id) {
      await pool.query('DELETE FROM console_sessions WHERE id_hash = $1', [sessionKey(id)]);
    },
  };
}
