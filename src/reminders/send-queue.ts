import type { ReminderMessage, ReminderSender, SendOutcome } from './types.js';

export interface SendJob {
  chatId: number;
  message: ReminderMessage;
}

/** The final word on one job: `ok`, `blocked`, or `failed` (attempts used up or a permanent error). */
export interface SendResult {
  /** `unconfirmed`: sent, but the connection dropped before Telegram's answer; never retried. */
  status: 'ok' | 'blocked' | 'failed' | 'unconfirmed';
  attempts: number;
  description?: string;
}

export interface SendQueueOptions {
  sender: ReminderSender;
  /** Messages per second across all chats (Telegram: about 30). */
  ratePerSecond: number;
  /** Minimum gap between two messages to one chat (Telegram: about 1 s). */
  perChatIntervalMs: number;
  /** Attempts per job for network errors; 429s are waited out and do not use these up. */
  maxAttempts: number;
  /** Sends in flight at once, so the HTTP round trip does not cap the rate. */
  maxInFlight?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Calls around each job of one `sendAll` (`index` is the job's position in its array). */
export interface SendHooks {
  /**
   * Runs right before each send attempt and is awaited: the place to make "about to send" durable.
   * If it rejects, the job is not sent and ends `failed`.
   */
  before?: (job: SendJob, index: number) => Promise<void>;
  /** Runs once a job has its final result; not awaited. */
  after?: (job: SendJob, index: number, result: SendResult) => void;
}

export interface SendQueueStats {
  sent: number;
  blocked: number;
  failed: number;
  unconfirmed: number;
  rateLimited: number;
  networkRetries: number;
}

export interface SendQueue {
  /** Sends every job, respecting the limits; resolves with each job's result in job order. */
  sendAll(jobs: readonly SendJob[], hooks?: SendHooks): Promise<SendResult[]>;
  readonly stats: SendQueueStats;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const WINDOW_MS = 1040;
/** A 429 storm must not keep one pass alive forever. */
const MAX_RATE_LIMITED_ATTEMPTS = 10;

interface Entry {
  index: number;
  job: SendJob;
  attempts: number;
  rateLimited: number;
  notBefore: number;
}

/**
 * A throttled sender. Sends are paced evenly (one every 1000/rate ms) and, as a guard when timers
 * run late and pacing catches up, never more than `rate` in any sliding second. A 429 pauses the
 * whole queue for `retry_after` (Telegram's flood limit is per bot); a 403 marks the chat blocked and
 * its other jobs are not attempted; a network error is retried with exponential backoff.
 */
export function createSendQueue(options: SendQueueOptions): SendQueue {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  // Telegram counts arrivals, we count departures: network jitter can bunch them up, so pace as if a
  // second were WINDOW_MS long. Costs 4% of the rate, saves the 1 s pause of a 429 (at 1,020 ms, a
  // first send answered 20 ms late, as at a cold start, already drew one).
  const interval = WINDOW_MS / options.ratePerSecond;
  const windowSize = Math.max(1, Math.floor(options.ratePerSecond));
  const bank = Math.max(2 * interval, 50);
  const maxInFlight = options.maxInFlight ?? Math.max(4, Math.ceil(options.ratePerSecond / 4));
  const stats: SendQueueStats = { sent: 0, blocked: 0, failed: 0, unconfirmed: 0, rateLimited: 0, networkRetries: 0 };
  // Limiter state lives across sendAll calls: the service sends a pass in chunks.
  const recent: number[] = [];
  const lastByChat = new Map<number, number>();
  let nextSlot = 0;
  let pausedUntil = 0;

  async function sendAll(jobs: readonly SendJob[], hooks: SendHooks = {}): Promise<SendResult[]> {
    const results: SendResult[] = new Array<SendResult>(jobs.length);
    let waiting: Entry[] = jobs.map((job, index) => ({ index, job, attempts: 0, rateLimited: 0, notBefore: 0 }));
    const blockedChats = new Set<number>();
    // A chat with a send in flight waits for its answer: a 403 then stops the chat's other jobs.
    const busyChats = new Set<number>();
    const inFlight = new Set<Promise<void>>();

    const finish = (entry: Entry, result: SendResult): void => {
      results[entry.index] = result;
      hooks.after?.(entry.job, entry.index, result);
      if (result.status === 'ok') stats.sent++;
      else if (result.status === 'blocked') stats.blocked++;
      else if (result.status === 'unconfirmed') stats.unconfirmed++;
      else stats.failed++;
    };

    const handle = (entry: Entry, outcome: SendOutcome): void => {
      const t = now();
      switch (outcome.status) {
        case 'ok':
          return finish(entry, { status: 'ok', attempts: entry.attempts });
        case 'blocked':
          blockedChats.add(entry.job.chatId);
          return finish(entry, { status: 'blocked', attempts: entry.attempts, description: outcome.description });
        case 'failed':
          return finish(entry, { status: 'failed', attempts: entry.attempts, description: outcome.description });
        case 'unconfirmed':
          // Telegram may have it: a retry could be a duplicate the organisation sees.
          return finish(entry, { status: 'unconfirmed', attempts: entry.attempts, description: outcome.description });
        case 'retry-after': {
          stats.rateLimited++;
          entry.attempts--; // waiting out a 429 is not the job's fault
          entry.rateLimited++;
          pausedUntil = Math.max(pausedUntil, t + Math.max(1, outcome.seconds) * 1000);
          if (entry.rateLimited >= MAX_RATE_LIMITED_ATTEMPTS) {
            return finish(entry, { status: 'failed', attempts: entry.attempts, description: 'too many 429 answers' });
          }
          waiting.unshift(entry);
          return;
        }
        case 'network-error': {
          if (entry.attempts >= options.maxAttempts) {
            return finish(entry, { status: 'failed', attempts: entry.attempts, description: outcome.description });
          }
          stats.networkRetries++;
          entry.notBefore = t + 1000 * 2 ** (entry.attempts - 1);
          waiting.push(entry);
          return;
        }
      }
    };

    while (waiting.length > 0 || inFlight.size > 0) {
      const t = now();
      // Jobs for a chat that answered 403 during this call are not attempted.
      if (blockedChats.size > 0) {
        const [skip, keep] = partition(waiting, (e) => blockedChats.has(e.job.chatId));
        for (const e of skip) finish(e, { status: 'blocked', attempts: e.attempts, description: 'chat blocked earlier in this pass' });
        waiting = keep;
      }
      const wait = waitFor(t);
      const pick = wait === 0 ? pickReady(waiting, t, busyChats) : -1;
      if (pick < 0 || inFlight.size >= maxInFlight) {
        if (waiting.length === 0 && inFlight.size === 0) break;
        const ready = earliestReady(waiting, t);
        // Only an answer can free a slot (all slots taken, or the ready jobs' chats are busy): wait for
        // one instead of polling the clock.
        const onlyAnswers = inFlight.size >= maxInFlight || (wait === 0 && ready <= t);
        if (waiting.length === 0 || (onlyAnswers && inFlight.size > 0)) {
          await Promise.race(inFlight);
          continue;
        }
        const until = wait > 0 ? wait : Math.max(1, ready - t);
        await Promise.race([sleep(until), ...inFlight]);
        continue;
      }
      const [entry] = waiting.splice(pick, 1);
      if (!entry) continue;
      entry.attempts++;
      recent.push(t);
      if (recent.length > windowSize) recent.shift();
      // Late timers are made up by sending the next slots at once, but at most `bank` ms of them:
      // after a quiet spell we resume at the steady pace instead of bursting.
      nextSlot = nextSlot === 0 ? t : Math.max(nextSlot + interval, t - bank);
      lastByChat.set(entry.job.chatId, t);
      busyChats.add(entry.job.chatId);
      const before = hooks.before ? hooks.before(entry.job, entry.index) : Promise.resolve();
      const p: Promise<void> = before
        .then(
          () =>
            options.sender
              .send(entry.job.chatId, entry.job.message)
              // A sender that throws instead of answering: nobody knows whether the request left.
              .catch((error: unknown): SendOutcome => ({ status: 'unconfirmed', description: String(error) })),
          (error: unknown): SendOutcome => ({ status: 'failed', description: `not sent: ${String(error)}` }),
        )
        .then((outcome) => {
          busyChats.delete(entry.job.chatId);
          handle(entry, outcome);
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    return results;
  }

  /** Milliseconds until the global limits allow another send (0 = now). */
  function waitFor(t: number): number {
    const byPause = pausedUntil - t;
    const bySlot = nextSlot === 0 ? 0 : nextSlot + interval - t;
    const oldest = recent.length >= windowSize ? (recent[0] ?? 0) : -Infinity;
    const byWindow = oldest + WINDOW_MS - t;
    const w = Math.max(byPause, bySlot, byWindow, 0);
    // Sub-millisecond waits are below timer resolution; pacing catches up on the next slot.
    return w < 1 ? 0 : Math.ceil(w);
  }

  function readyAt(e: Entry): number {
    return Math.max(e.notBefore, (lastByChat.get(e.job.chatId) ?? -Infinity) + options.perChatIntervalMs);
  }

  function pickReady(waiting: Entry[], t: number, busy: ReadonlySet<number>): number {
    // Scan a bounded prefix: with many jobs for one chat we wait rather than search the whole queue.
    const limit = Math.min(waiting.length, 256);
    for (let i = 0; i < limit; i++) {
      const e = waiting[i];
      if (e && !busy.has(e.job.chatId) && readyAt(e) <= t) return i;
    }
    return -1;
  }

  function earliestReady(waiting: Entry[], t: number): number {
    let best = Infinity;
    const limit = Math.min(waiting.length, 256);
    for (let i = 0; i < limit; i++) {
      const e = waiting[i];
      if (e) best = Math.min(best, readyAt(e));
    }
    return best === Infinity ? t + 1 : best;
  }

  return { sendAll, stats };
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}
