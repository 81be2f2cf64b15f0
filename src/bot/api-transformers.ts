import { autoRetry } from '@grammyjs/auto-retry';
import type { Transformer } from 'grammy';
import type { Logger } from '../logger.js';
import { requestNeverLeft } from './network-errors.js';
import { pollingConflictGuard } from './polling-guard.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Retries a call whose connection could not even be made (refused, DNS), a few times: it cannot be a
 * duplicate. A connection dropped after the request was sent is NOT retried here: Telegram may
 * already have sent the message, and a second copy is worse than an error the caller handles.
 */
export function retryUnsentRequests(options: { attempts?: number; delayMs?: number } = {}): Transformer {
  const attempts = options.attempts ?? 3;
  const delayMs = options.delayMs ?? 500;
  return async (prev, method, payload, signal) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (error) {
        if (attempt >= attempts || signal?.aborted || !requestNeverLeft(error)) throw error;
        await sleep(delayMs * attempt);
      }
    }
  };
}

/**
 * The Bot API transformers of the running bot, innermost first. auto-retry waits out 429s and
 * retries 5xx a bounded number of times, but never network errors (`rethrowHttpErrors`): without that
 * it retries them forever, and a dropped connection after Telegram took a message gave duplicates.
 */
export function botApiTransformers(logger: Logger, options: { conflictGiveUpMs?: number } = {}): Transformer[] {
  return [
    retryUnsentRequests(),
    autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }),
    pollingConflictGuard({ logger, ...(options.conflictGiveUpMs ? { giveUpAfterMs: options.conflictGiveUpMs } : {}) }),
  ];
}
