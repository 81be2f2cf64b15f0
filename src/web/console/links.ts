import { randomBytes } from 'node:crypto';
import type { Signer } from '../signing.js';
import { createMemorySignInStore, type ConsoleSignInStore } from './sign-in-store.js';

export interface ConsoleAdmin {
  /** The manager's Telegram user id (ADMIN_IDS), so case history names the same person as in chat. */
  id: number;
  name: string;
}

export type RedeemResult = { ok: true; admin: ConsoleAdmin } | { ok: false; reason: 'malformed' | 'altered' | 'expired' | 'used' | 'unknown' };

export const LINK_MINUTES = 10;

/**
 * One-time sign-in links for the console: `<payload>.<HMAC>` where the payload names the admin, the
 * expiry and a random id. A link works once, within 10 minutes, and only where its id was recorded:
 * in memory, the process that issued it (a restart voids every link out there, so nothing can be
 * replayed across one); in PostgreSQL, any instance sharing the database.
 */
export function createConsoleLinks(opts: { signer: Signer; baseUrl: string; now?: () => number; store?: ConsoleSignInStore }) {
  const now = opts.now ?? Date.now;
  const store = opts.store ?? createMemorySignInStore();
  return {
    /** A new link for `admin`, once its id is recorded; the token alone is what `redeem` takes. */
    async issue(admin: ConsoleAdmin): Promise<{ url: string; token: string; expiresAt: number }> {
      const jti = randomBytes(12).toString('base64url');
      const expiresAt = now() + LINK_MINUTES * 60_000;
      const payload = Buffer.from(JSON.stringify({ a: admin.id, n: admin.name.slice(0, 40), e: expiresAt, j: jti })).toString('base64url');
      const token = `${payload}.${opts.signer.sign('console-link', payload)}`;
      await store.addLink(jti, expiresAt);
      return { url: `${opts.baseUrl}/console/login?t=${token}`, token, expiresAt };
    },
    async redeem(token: string): Promise<RedeemResult> {
      const m = /^([A-Za-z0-9_-]{10,400})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!m) return { ok: false, reason: 'malformed' };
      const [, payload = '', sig = ''] = m;
      if (!opts.signer.verify('console-link', payload, sig)) return { ok: false, reason: 'altered' };
      let body: { a?: unknown; n?: unknown; e?: unknown; j?: unknown };
      try {
        body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof body;
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      if (typeof body.a !== 'number' || typeof body.n !== 'string' || typeof body.e !== 'number' || typeof body.j !== 'string') {
        return { ok: false, reason: 'malformed' };
      }
      if (body.e < now()) return { ok: false, reason: 'expired' };
      const use = await store.useLink(body.j, now());
      if (use !== 'ok') return { ok: false, reason: use };
      return { ok: true, admin: { id: body.a, name: body.n } };
    },
  };
}

export type ConsoleLinks = ReturnType<typeof createConsoleLinks>;
