import { randomBytes } from 'node:crypto';
import type { ConsoleAdmin } from './links.js';
import { createMemorySignInStore, type ConsoleSession, type ConsoleSignInStore } from './sign-in-store.js';

export type { ConsoleSession };

export const SESSION_HOURS = 8;

/**
 * Signed-in managers: a random cookie value per sign-in, held in `store` (memory for one instance: a
 * restart signs everyone out, which a new /console link fixes; PostgreSQL for several).
 */
export function createConsoleSessions(now: () => number = Date.now, store: ConsoleSignInStore = createMemorySignInStore()) {
  return {
    async open(admin: ConsoleAdmin): Promise<{ id: string; session: ConsoleSession }> {
      const id = randomBytes(32).toString('base64url');
      const session = { admin, expiresAt: now() + SESSION_HOURS * 3_600_000, csrf: randomBytes(24).toString('base64url') };
      await store.putSession(id, session);
      return { id, session };
    },
    get: (id: string | undefined): Promise<ConsoleSession | undefined> => (id === undefined ? Promise.resolve(undefined) : store.getSession(id, now())),
    close: async (id: string | undefined): Promise<void> => {
      if (id !== undefined) await store.dropSession(id);
    },
  };
}

export type ConsoleSessions = ReturnType<typeof createConsoleSessions>;
