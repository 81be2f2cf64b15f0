import { Api, HttpError } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { botApiTransformers } from '../../src/bot/api-transformers.js';
import { createApiReminderSender } from '../../src/bot/reminder-sender.js';
import { createSilentLogger } from '../../src/logger.js';
import { startFaultBotApi, type FaultBotApi } from '../support/fault-bot-api.js';
import { makeService, removeTempDirs, socialGroupCode } from '../reminders/helpers.js';

let api: FaultBotApi;
beforeEach(async () => {
  api = await startFaultBotApi();
});
afterEach(async () => {
  await api.close();
  await removeTempDirs();
});

function botApi(): Api {
  const a = new Api('123:abc', { apiRoot: api.apiRoot });
  for (const t of botApiTransformers(createSilentLogger())) a.config.use(t);
  return a;
}

describe('a connection dropped after Telegram accepted the message', () => {
  it('is not retried for an answer: one copy, and the caller hears of the failure', async () => {
    api.script = (c) => (c.method === 'sendMessage' && c.n <= 3 ? { drop: true } : undefined);
    await expect(botApi().sendMessage(1, '结婚登记需要身份证')).rejects.toBeInstanceOf(HttpError);
    expect(api.accepted).toHaveLength(1);
  });

  it('is retried when the connection was refused (the request never left)', async () => {
    const refused = new Api('123:abc', { apiRoot: 'http://127.0.0.1:1' });
    for (const t of botApiTransformers(createSilentLogger())) refused.config.use(t);
    const started = Date.now();
    await expect(refused.sendMessage(1, 'x')).rejects.toBeInstanceOf(HttpError);
    // Three attempts with 0.5 s and 1 s pauses between them: bounded, not forever.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('makes a reminder unconfirmed, never sent twice, in a real pass over the Bot API', async () => {
    // Every first attempt per chat is accepted, then the connection drops.
    const seen = new Set<number>();
    api.script = (c) => {
      if (c.method !== 'sendMessage') return undefined;
      const chat = Number(c.body.chat_id);
      if (seen.has(chat)) return undefined;
      seen.add(chat);
      return { drop: true };
    };
    const sender = createApiReminderSender(botApi());
    const { service } = await makeService(sender);
    for (let i = 1; i <= 20; i++) await service.subscribe({ chatId: i, code: socialGroupCode(i), name: `协会${i}`, kind: '社会团体' });
    const report = await service.runPass();
    expect(report).toMatchObject({ unconfirmed: 20, sent: 0 });
    const again = await service.runPass();
    expect(again.planned).toHaveLength(0);
    const perChat = new Map<number, number>();
    for (const m of api.accepted) perChat.set(m.chatId, (perChat.get(m.chatId) ?? 0) + 1);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    expect(perChat.size).toBe(20);
  }, 30_000);
});

describe('the error boundary after a dropped connection', () => {
  it('does not send an apology on top of an answer Telegram may already have', async () => {
    const { createTestBot } = await import('./helpers.js');
    const { HttpError: Http } = await import('grammy');
    const t = await createTestBot();
    try {
      const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      let first = true;
      t.bot.api.config.use((prev, method, payload, signal) => {
        if (method === 'sendMessage' && first) {
          first = false;
          throw new Http('Network request for sendMessage failed!', reset);
        }
        return prev(method, payload, signal);
      });
      const calls = await t.send('结婚登记要带什么');
      expect(t.texts(calls).join('\n')).not.toContain('小差');
    } finally {
      await t.close();
    }
  });
});
