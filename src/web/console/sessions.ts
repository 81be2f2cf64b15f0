import { randomBytes } from 'node:crypto';
import type { ConsoleAdmin } from './links.js';

export interface ConsoleSession {
  admin: ConsoleAdmin;
  expiresAt: number;
  /** Sent back in every form: posts without it are refused (on top of SameSite=Strict). */
  csrf: string;
}

export const SESSION_HOURS = 8;

/** Signed-in managers, in memory: a restart signs everyone out, which a new /console link fixes. */
export function createConsoleSessions(now: () => number = Date.now) {
  const sessions = new Map<string, ConsoleSession>();
  return {
    open(admin: ConsoleAdmin): { id: string; session: ConsoleSession } {
      for (const [id, s] of sessions) if (s.expiresAt < now()) sessions.delete(id);
      const id = randomBytes(32).toString('base64url');
      const session = { admin, expiresAt: now() + SESSION_HOURS * 3_600_000, csrf: randomBytes(24).toString('base64url') };
      sessions.set(id, session);
      return { id, session };
    },
    get(id: string | undefined): ConsoleSession | undefined {
      const s = id === undefined ? undefined : sessions.get(id);
      if (s && s.expiresAt < now()) {
        sessions.delete(id as string);
        return undefined;
      }
      return s;
    },
    close(id: string | undefined): void {
      if (id !== undefined) sessions.delete(id);
    },
  };
}

export type ConsoleSessions = ReturnType<typeof createConsoleSessions>;
