import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSendQueue, type SendJob } from '../../src/reminders/send-queue.js';
import type { SendOutcome } from '../../src/reminders/types.js';
import { createFakeTelegram } from './fake-telegram.js';
import { fakeSender } from './helpers.js';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-03-24T01:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

const job = (chatId: number): SendJob => ({ chatId, message: { text: `hi ${chatId}`, buttons: [] } });
const jobs = (n: number, chat = (i: number) => i + 1): SendJob[] => Array.from({ length: n }, (_, i) => job(chat(i)));

/** Runs a promise to completion while moving fake time forward. */
async function drive<T>(promise: Promise<T>, stepMs = 10): Promise<T> {
  let done = false;
  void promise.finally(() => (done = true));
  while (!done) await vi.advanceTimersByTimeAsync(stepMs);
  return promise;
}

describe('createSendQueue', () => {
  it('keeps to 30 messages per second with no 429 from a limit-enforcing API', async () => {
    const api = createFakeTelegram({ globalPerSecond: 30, perChatMs: 1000 });
    const queue = createSendQueue({ sender: api, ratePerSecond: 30, perChatIntervalMs: 1000, maxAttempts: 3 });
    const results = await drive(queue.sendAll(jobs(90)), 1);
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    expect(api.rejected).toBe(0);
    const first = api.accepted[0] ?? 0;
    const last = api.accepted.at(-1) ?? 0;
    const rate = (api.accepted.length - 1) / ((last - first) / 1000);
    expect(rate).toBeGreaterThan(0.95 * 30);
    expect(rate).toBeLessThanOrEqual(30.01);
  });

  it('sends to one chat at most once a second', async () => {
    const api = createFakeTelegram({ globalPerSecond: 30, perChatMs: 1000 });
    const queue = createSendQueue({ sender: api, ratePerSecond: 30, perChatIntervalMs: 1000, maxAttempts: 3 });
    await drive(queue.sendAll(jobs(4, () => 7)));
    expect(api.rejected).toBe(0);
    const gaps = api.accepted.slice(1).map((t, i) => t - (api.accepted[i] ?? 0));
    expect(gaps.every((g) => g >= 1000)).toBe(true);
  });

  it('pauses everything for retry_after after a 429 and then delivers', async () => {
    const outcomes: SendOutcome[] = [{ status: 'retry-after', seconds: 5 }];
    const times: number[] = [];
    const sender = fakeSender(() => {
      times.push(Date.now());
      return outcomes.shift() ?? { status: 'ok' };
    });
    const queue = createSendQueue({ sender, ratePerSecond: 30, perChatIntervalMs: 0, maxAttempts: 1, maxInFlight: 1 });
    const results = await drive(queue.sendAll(jobs(2)));
    expect(results.map((r) => r.status)).toEqual(['ok', 'ok']);
    expect(queue.stats.rateLimited).toBe(1);
    // Nothing at all was sent during the 5 seconds, though maxAttempts is 1.
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(5000);
  });

  it('does not retry a 403 and skips the same chat’s other jobs', async () => {
    const sender = fakeSender((chatId) => (chatId === 1 ? { status: 'blocked', description: 'Forbidden' } : { status: 'ok' }));
    const queue = createSendQueue({ sender, ratePerSecond: 30, perChatIntervalMs: 1000, maxAttempts: 4 });
    const results = await drive(queue.sendAll([job(1), job(1), job(2)]));
    expect(results.map((r) => r.status)).toEqual(['blocked', 'blocked', 'ok']);
    expect(sender.attempts).toBe(2);
  });

  it('retries a network error after 1, 2 and 4 seconds, then gives up', async () => {
    const times: number[] = [];
    const sender = fakeSender(() => {
      times.push(Date.now());
      return { status: 'network-error', description: 'ECONNRESET' };
    });
    const queue = createSendQueue({ sender, ratePerSecond: 30, perChatIntervalMs: 0, maxAttempts: 4 });
    const [result] = await drive(queue.sendAll([job(1)]));
    expect(result).toMatchObject({ status: 'failed', attempts: 4 });
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    expect(gaps.map((g) => Math.round(g / 1000))).toEqual([1, 2, 4]);
  });

  it('treats a thrown error from the sender as unconfirmed and never sends it again', async () => {
    let calls = 0;
    const queue = createSendQueue({
      sender: {
        send: () => {
          calls++;
          return calls === 1 ? Promise.reject(new Error('socket hang up')) : Promise.resolve({ status: 'ok' });
        },
      },
      ratePerSecond: 30,
      perChatIntervalMs: 0,
      maxAttempts: 3,
    });
    expect((await drive(queue.sendAll([job(1)])))[0]).toMatchObject({ status: 'unconfirmed', attempts: 1 });
    expect(calls).toBe(1);
  });

  it('awaits the before hook right before each send, and does not send a job whose hook failed', async () => {
    const order: string[] = [];
    const queue = createSendQueue({
      sender: {
        send: (chatId) => {
          order.push(`send ${chatId}`);
          return Promise.resolve({ status: 'ok' });
        },
      },
      ratePerSecond: 30,
      perChatIntervalMs: 0,
      maxAttempts: 3,
    });
    const results = await drive(
      queue.sendAll([job(1), job(2), job(3)], {
        before: async (j) => {
          order.push(`before ${j.chatId}`);
          if (j.chatId === 2) throw new Error('disk full');
        },
        after: (j, _i, r) => order.push(`after ${j.chatId} ${r.status}`),
      }),
    );
    expect(results.map((r) => r.status)).toEqual(['ok', 'failed', 'ok']);
    expect(order.filter((o) => o.startsWith('send'))).toEqual(['send 1', 'send 3']);
    for (const chat of [1, 3]) expect(order.indexOf(`before ${chat}`)).toBeLessThan(order.indexOf(`send ${chat}`));
    expect(order).toContain('after 2 failed');
  });
});
