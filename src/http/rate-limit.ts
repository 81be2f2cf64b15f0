/**
 * Fixed-window request counters per key (a session, an IP). The map is bounded: past `maxKeys` the
 * oldest windows are dropped, so a flood of new keys costs memory only up to that bound.
 */
export interface RateLimiter {
  /** Counts a request; false when the key is over its limit for the current minute. */
  take(key: string): boolean;
  /** Seconds until the key's window resets. */
  retryAfter(key: string): number;
}

export function createRateLimiter(opts: { perMinute: number; now?: () => number; maxKeys?: number }): RateLimiter {
  const now = opts.now ?? Date.now;
  const maxKeys = opts.maxKeys ?? 50_000;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key) {
      const t = now();
      let w = windows.get(key);
      if (!w || t - w.start >= 60_000) {
        windows.delete(key);
        w = { start: t, count: 0 };
        windows.set(key, w);
        if (windows.size > maxKeys) windows.delete(windows.keys().next().value as string);
      }
      w.count++;
      return w.count <= opts.perMinute;
    },
    retryAfter(key) {
      const w = windows.get(key);
      return w ? Math.max(1, Math.ceil((w.start + 60_000 - now()) / 1000)) : 1;
    },
  };
}

/** A limiter whose counts may live outside this process (PostgreSQL, shared by all instances). */
export interface SharedRateLimiter {
  /** Counts a request; `allowed` is false when the key is over its limit, `retryAfter` in seconds. */
  take(key: string): Promise<{ allowed: boolean; retryAfter: number }>;
}

/** Makes limiters for a route: `scope` names the counter (per IP, per session), `perMinute` its limit. */
export type RateLimiterFactory = (scope: string, perMinute: number) => SharedRateLimiter;

/** Limiters counted in this process's memory (one instance). */
export const localRateLimiters: RateLimiterFactory = (_scope, perMinute) => {
  const limiter = createRateLimiter({ perMinute });
  return {
    take: async (key) => {
      const allowed = limiter.take(key);
      return { allowed, retryAfter: allowed ? 0 : limiter.retryAfter(key) };
    },
  };
};
