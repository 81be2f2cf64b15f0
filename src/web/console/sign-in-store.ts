import { createHash } from 'node:crypto';
import type { ConsoleAdmin } from './links.js';

export interface ConsoleSession {
  admin: ConsoleAdmin;
  expiresAt: number;
  /** Sent back in every form: posts without it are refused (on top of SameSite=Strict). */
  csrf: string;
}

/**
 * Where the console's sign-in state lives: the one-time links issued and not yet used, and the
 * signed-in sessions. In memory for one instance (a restart signs everyone out); in PostgreSQL when
 * several instances share the work, so a link issued by one opens on another and a session holds on all.
 */
export interface ConsoleSignInStore {
  /** Records an issued link id, valid until `expiresAt`. */
  addLink(jti: string, expiresAt: number): Promise<void>;
  /** Uses a link once: `ok` the first time, `used` after, `unknown` when never issued here (or expired long ago). */
  useLink(jti: string, now: number): Promise<'ok' | 'used' | 'unknown'>;
  putSession(id: string, session: ConsoleSession): Promise<void>;
  /** The session, unless it expired (then it is removed). */
  getSession(id: string, now: number): Promise<ConsoleSession | undefined>;
  dropSession(id: string): Promise<void>;
}

/** A session cookie as stored: its SHA-256, so whoever reads the store cannot sign in with it. */
export function sessionKey(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

/** The single-instance store: maps in this process, pruned of what expired as new entries arrive. */
export function createMemorySignInStore(): ConsoleSignInStore {
  const issued = new Map<string, number>();
  const used = new Map<string, number>();
  const sessions = new Map<string, ConsoleSession>();
  const prune = (now: number): void => {
    for (const m of [issued, used]) for (const [id, exp] of m) if (exp < now) m.delete(id);
    for (const [id, s] of sessions) if (s.expiresAt < now) sessions.delete(id);
  };
  return {
    async addLink(jti, expiresAt) {
      prune(Date.now());
      issued.set(jti, expiresAt);
    },
    async useLink(jti) {
      if (used.has(jti)) return 'used';
      const expiresAt = issued.get(jti);
      if (expiresAt === undefined) return 'unknown';
      issued.delete(jti);
      used.set(jti, expiresAt);
      return 'ok';
    },
    async putSession(id, session) {
      prune(Date.now());
      sessions.set(sessionKey(id), session);
    },
    async getSession(id, now) {
      const key = sessionKey(id);
      const s = sessions.get(key);
      if (s && s.expiresAt < now) {
        sessions.delete(key);
        return undefined;
      }
      return s;
    },
    async dropSession(id) {
      sessions.delete(sessionKey(id));
    },
  };
}
