import type { Transformer } from 'grammy';
import type { Logger } from '../logger.js';

export interface ConflictGuardOptions {
  logger: Logger;
  /** How long 409 answers may go on before getUpdates gives up (default 2 minutes). */
  giveUpAfterMs?: number;
  /** First pause after a 409; doubles up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Long polling answers 409 Conflict when another process polls with the same token (a second
 * container, a deploy overlapping the old one) or a webhook is set. One 409 must not kill the bot:
 * this waits and polls again with backoff, logging clearly, and lets the 409 through (the runner
 * then stops and the bot exits cleanly) only when it has gone on for `giveUpAfterMs`.
 */
export function pollingConflictGuard(options: ConflictGuardOptions): Transformer {
  const giveUpAfterMs = options.giveUpAfterMs ?? 120_000;
  const firstDelayMs = options.firstDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 15_000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let conflictSince: number | undefined;
  return async (prev, method, payload, signal) => {
    if (method !== 'getUpdates') return prev(method, payload, signal);
    let delay = firstDelayMs;
    for (;;) {
      const res = await prev(method, payload, signal).catch((err: unknown) => {
        // The runner retries these itself, with backoff; it was told to stay silent, so log here.
        if (!signal?.aborted) options.logger.warn({ err }, 'getUpdates failed; polling again shortly');
        throw err;
      });
      if (res.ok || res.error_code !== 409) {
        if (conflictSince !== undefined) options.logger.info('getUpdates conflict over; polling again');
        conflictSince = undefined;
        return res;
      }
      const t = now();
      conflictSince ??= t;
      if (t - conflictSince >= giveUpAfterMs || signal?.aborted) {
        options.logger.error(
          { description: res.description, seconds: Math.round((t - conflictSince) / 1000) },
          'another process keeps polling with this BOT_TOKEN; giving up',
        );
        return res;
      }
      options.logger.warn(
        { description: res.description, retryInMs: delay },
        'getUpdates answered 409 Conflict: another instance is polling with this BOT_TOKEN (or a webhook is set); waiting',
      );
      await sleep(delay);
      delay = Math.min(delay * 2, maxDelayMs);
    }
  };
}
