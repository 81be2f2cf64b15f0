import type pg from 'pg';
import type { WebMessage } from '../../web/messages.js';
import { DEFAULT_LIMITS, type SessionLimits, type WebSessionStore } from '../../web/sessions.js';

type Limits = Pick<SessionLimits, 'maxMessages' | 'maxDocumentBytes' | 'sessionTtlMs' | 'documentTtlMs'>;

/**
 * The web chat's conversations in PostgreSQL, for several instances behind one load balancer: a
 * message written on one instance is seen by a poll on any other. Each change is one statement that
 * bumps the conversation's revision (a row lock on web_sessions) and writes the message under it, so
 * revisions commit in order and a poll for "after r" never skips one committed later. Documents are
 * bytea under a size cap and expire; a conversation untouched for `sessionTtlMs` is forgotten.
 */
export function createPgWebSessionStore(pool: pg.Pool, options: Partial<Limits> & { now?: () => number } = {}): WebSessionStore {
  const limits = { ...DEFAULT_LIMITS, ...options };
  const now = options.now ?? Date.now;

  /** Forgets the conversation if it expired, so it starts again from revision 0. */
  const dropIfExpired = async (chatId: number, t: number): Promise<void> => {
    await pool.query('DELETE FROM web_sessions WHERE chat_id = $1 AND expires_at < $2', [chatId, t]);
  };

  async function nextMessageId(chatId: number): Promise<number> {
    const t = now();
    const { rows } = await pool.query<{ id: number; created: boolean }>({
      name: 'mz_web_next_id',
      text: `INSERT INTO web_sessions (chat_id, next_message_id, expires_at) VALUES ($1, 2, $3)
             ON CONFLICT (chat_id) DO UPDATE SET next_message_id = web_sessions.next_message_id + 1, expires_at = EXCLUDED.expires_at
               WHERE web_sessions.expires_at >= $2
             RETURNING next_message_id - 1 AS id, (xmax = 0) AS created`,
      values: [chatId, t, t + limits.sessionTtlMs],
    });
    const row = rows[0];
    if (!row) {
      await dropIfExpired(chatId, t);
      return nextMessageId(chatId);
    }
    // New conversations are a few per minute at most: a good moment to forget the expired ones.
    if (row.created) await pool.query('DELETE FROM web_sessions WHERE expires_at < $1', [t]);
    return row.id;
  }

  async function put(chatId: number, message: Omit<WebMessage, 'rev'>): Promise<WebMessage> {
    const t = now();
    const { rows } = await pool.query<{ rev: number; kept: number }>({
      name: 'mz_web_put',
      text: `WITH s AS (
               UPDATE web_sessions SET rev = rev + 1, expires_at = $5 WHERE chat_id = $1 AND expires_at >= $4 RETURNING rev
             )
             INSERT INTO web_messages (chat_id, id, rev, message) SELECT $1::bigint, $2::integer, s.rev, $3::jsonb FROM s
             ON CONFLICT (chat_id, id) DO UPDATE SET rev = EXCLUDED.rev, message = EXCLUDED.message
             RETURNING rev, (SELECT count(*) FROM web_messages WHERE chat_id = $1)::int AS kept`,
      values: [chatId, message.id, JSON.stringify(message), t, t + limits.sessionTtlMs],
    });
    const row = rows[0];
    if (!row) {
      // No live conversation (a message for a chat that never wrote, or one that expired): start it.
      await dropIfExpired(chatId, t);
      await pool.query('INSERT INTO web_sessions (chat_id, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [chatId, t + limits.sessionTtlMs]);
      return put(chatId, message);
    }
    // `kept` counts the rows before this statement: past the limit, drop the least recently changed.
    if (row.kept >= limits.maxMessages) {
      await pool.query(
        `DELETE FROM web_messages WHERE chat_id = $1 AND rev < (
           SELECT min(rev) FROM (SELECT rev FROM web_messages WHERE chat_id = $1 ORDER BY rev DESC LIMIT $2) AS newest)`,
        [chatId, limits.maxMessages],
      );
    }
    return { ...message, rev: row.rev };
  }

  return {
    nextMessageId,
    put,
    async message(chatId, id) {
      const { rows } = await pool.query<{ message: Omit<WebMessage, 'rev'>; rev: number }>({
        name: 'mz_web_message',
        text: `SELECT m.message, m.rev FROM web_messages m JOIN web_sessions s USING (chat_id)
               WHERE m.chat_id = $1 AND m.id = $2 AND s.expires_at >= $3`,
        values: [chatId, id, now()],
      });
      const row = rows[0];
      return row && { ...row.message, rev: row.rev };
    },
    async changes(chatId, since) {
      // The revision and the messages from one snapshot: nothing in between is lost to the next poll.
      const { rows } = await pool.query<{ rev: number; messages: { message: Omit<WebMessage, 'rev'>; rev: number }[] }>({
        name: 'mz_web_changes',
        text: `SELECT s.rev, coalesce((SELECT json_agg(json_build_object('message', m.message, 'rev', m.rev) ORDER BY m.rev)
                                       FROM web_messages m WHERE m.chat_id = s.chat_id AND m.rev > $2), '[]') AS messages
               FROM web_sessions s WHERE s.chat_id = $1 AND s.expires_at >= $3`,
        values: [chatId, since, now()],
      });
      const row = rows[0];
      return { rev: row?.rev ?? 0, messages: (row?.messages ?? []).map((m) => ({ ...m.message, rev: m.rev })) };
    },
    async addDocument(chatId, id, doc) {
      if (doc.bytes.byteLength > limits.maxDocumentBytes) return false;
      const t = now();
      await pool.query(
        `WITH gone AS (DELETE FROM web_documents WHERE expires_at <= $5)
         INSERT INTO web_documents (id, chat_id, name, bytes, expires_at) VALUES ($1, $2, $3, $4, $6)`,
        [id, chatId, doc.name, Buffer.from(doc.bytes), t, t + limits.documentTtlMs],
      );
      return true;
    },
    async document(chatId, id) {
      const { rows } = await pool.query<{ name: string; bytes: Buffer }>(
        'SELECT name, bytes FROM web_documents WHERE id = $1 AND chat_id = $2 AND expires_at > $3',
        [id, chatId, now()],
      );
      const row = rows[0];
      return row && { name: row.name, bytes: new Uint8Array(row.bytes) };
    },
    held: 0,
  };
}
