import { expect, it } from 'vitest';
import { WEB_ID_MIN } from '../../../src/ratings/channel.js';
import type { WebMessage } from '../../../src/web/messages.js';
import { describeStores } from './backends.js';

const CHAT = WEB_ID_MIN + 7;
const OTHER = WEB_ID_MIN + 8;
const bot = (id: number, html: string): Omit<WebMessage, 'rev'> => ({ id, from: 'bot', html, buttons: [] });

/** Waits out the last seconds of a minute, so a few requests fall in one rate-limit window. */
async function awayFromMinuteEdge(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 3_000) await new Promise((r) => setTimeout(r, left + 50));
}

describeStores('web chat conversations and rate limits', (backend, open) => {

  it.skipIf(backend.skip)('stores messages under growing revisions and returns what changed after one, oldest first', async () => {
    const where = await open();
    const store = await where.webSessions();
    expect(await store.changes(CHAT, 0)).toEqual({ messages: [], rev: 0 });
    const first = await store.nextMessageId(CHAT);
    const second = await store.nextMessageId(CHAT);
    expect(second).toBe(first + 1);
    const user = await store.put(CHAT, { id: first, from: 'user', html: '结婚登记要带什么', buttons: [] });
    const card = await store.put(CHAT, {
      id: second, from: 'bot', html: '<b>结婚登记</b>', buttons: [[{ text: '满意', data: 'rt:1:5' }, { text: '办事指南', url: 'https://example.gov.cn' }]],
      document: { name: '清单.pdf', url: 'api/v1/documents/x' },
    });
    expect(card.rev).toBe(user.rev + 1);
    expect(await store.message(CHAT, second)).toEqual(card);
    const edited = await store.put(CHAT, { ...bot(first, ''), from: 'user', deleted: true });
    const { messages, rev } = await store.changes(CHAT, user.rev);
    expect(rev).toBe(edited.rev);
    expect(messages).toEqual([card, edited]);
    // Conversations are kept apart.
    expect(await store.message(OTHER, second)).toBeUndefined();
    expect((await store.changes(OTHER, 0)).rev).toBe(0);
  });

  it.skipIf(backend.skip)('keeps only the most recently changed messages of a conversation', async () => {
    const where = await open();
    const store = await where.webSessions({ maxMessages: 5 });
    for (let i = 0; i < 8; i++) await store.put(CHAT, bot(await store.nextMessageId(CHAT), `第${i + 1}条`));
    await store.put(CHAT, bot(4, '第4条（已改）'));
    const { messages, rev } = await store.changes(CHAT, 0);
    expect(rev).toBe(9);
    expect(messages.map((m) => m.id)).toEqual([5, 6, 7, 8, 4]);
    expect(await store.message(CHAT, 3)).toBeUndefined();
  });

  it.skipIf(backend.skip)('forgets a conversation left untouched past its expiry, and starts it again from the beginning', async () => {
    const where = await open();
    let now = 1_000_000;
    const store = await where.webSessions({ sessionTtlMs: 60_000, now: () => now });
    await store.put(CHAT, bot(await store.nextMessageId(CHAT), '您好'));
    now += 60_000;
    expect((await store.changes(CHAT, 0)).rev).toBe(1);
    now += 1;
    expect(await store.changes(CHAT, 0)).toEqual({ messages: [], rev: 0 });
    expect(await store.message(CHAT, 1)).toBeUndefined();
    expect(await store.nextMessageId(CHAT)).toBe(1);
    expect((await store.put(CHAT, bot(1, '欢迎回来'))).rev).toBe(1);
  });

  it.skipIf(backend.skip)('serves a document to its own conversation only, refuses one over the cap, and lets it expire', async () => {
    const where = await open();
    let now = 5_000_000;
    const store = await where.webSessions({ maxDocumentBytes: 100, documentTtlMs: 1_000, now: () => now });
    await store.nextMessageId(CHAT);
    const bytes = new Uint8Array([37, 80, 68, 70, 0, 255, 1]);
    expect(await store.addDocument(CHAT, 'doc-1', { name: '材料清单.pdf', bytes })).toBe(true);
    expect(await store.addDocument(CHAT, 'doc-2', { name: '太大.pdf', bytes: new Uint8Array(101) })).toBe(false);
    const doc = await store.document(CHAT, 'doc-1');
    expect(doc?.name).toBe('材料清单.pdf');
    expect([...(doc?.bytes ?? [])]).toEqual([...bytes]);
    expect(await store.document(OTHER, 'doc-1')).toBeUndefined();
    expect(await store.document(CHAT, 'doc-2')).toBeUndefined();
    now += 1_000;
    expect(await store.document(CHAT, 'doc-1')).toBeUndefined();
  });

  it.skipIf(backend.skip)('refuses requests over the limit per key and scope, with a time to retry', async () => {
    const where = await open();
    const limiters = await where.webRateLimiters();
    const perIp = limiters('web-ip', 2);
    const perSession = limiters('web-session', 2);
    await awayFromMinuteEdge();
    const taken = [await perIp.take('10.0.0.1'), await perIp.take('10.0.0.1'), await perIp.take('10.0.0.1')];
    expect(taken.map((x) => x.allowed)).toEqual([true, true, false]);
    expect(taken[2]?.retryAfter).toBeGreaterThanOrEqual(1);
    expect(taken[2]?.retryAfter).toBeLessThanOrEqual(60);
    expect((await perIp.take('10.0.0.2')).allowed).toBe(true);
    expect((await perSession.take('10.0.0.1')).allowed).toBe(true);
  });
});
