import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WEB_ID_MIN, channelOfChat } from '../../src/ratings/channel.js';
import { openWebIdAllocator } from '../../src/web/session-ids.js';
import { createRateLimiter } from '../../src/http/rate-limit.js';
import { createSigner } from '../../src/web/signing.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mz-ids-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('web session ids', () => {
  it('are unique, in the web range, and never reused after a restart', async () => {
    const first = await openWebIdAllocator(dir);
    const a = await Promise.all(Array.from({ length: 300 }, () => first.next()));
    expect(new Set(a).size).toBe(300);
    expect(a.every((id) => id >= WEB_ID_MIN && channelOfChat(id) === 'web')).toBe(true);
    const second = await openWebIdAllocator(dir);
    const b = await second.next();
    expect(b).toBeGreaterThan(Math.max(...a));
  });

  it('never fall in the range of Telegram ids (52 bits) or group chats', () => {
    expect(channelOfChat(2 ** 52 - 1)).toBe('telegram');
    expect(channelOfChat(-1001234567890)).toBe('telegram');
    expect(Number.isSafeInteger(WEB_ID_MIN + 999_999_999_999_999)).toBe(true);
  });
});

describe('the rate limiter', () => {
  it('allows the limit per minute per key, then refuses until the window turns', () => {
    let now = 0;
    const limiter = createRateLimiter({ perMinute: 2, now: () => now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a'), limiter.take('b')]).toEqual([true, true, false, true]);
    expect(limiter.retryAfter('a')).toBe(60);
    now = 60_000;
    expect(limiter.take('a')).toBe(true);
  });

  it('keeps at most maxKeys windows', () => {
    const limiter = createRateLimiter({ perMinute: 1, maxKeys: 2 });
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    // 'a' was dropped, so it starts a fresh window.
    expect(limiter.take('a')).toBe(true);
  });
});

describe('the signer', () => {
  it('keeps purposes apart and rejects altered values', () => {
    const s = createSigner('x'.repeat(32));
    const sig = s.sign('chat-session', '8000000000000001');
    expect(s.verify('chat-session', '8000000000000001', sig)).toBe(true);
    expect(s.verify('console-link', '8000000000000001', sig)).toBe(false);
    expect(s.verify('chat-session', '8000000000000002', sig)).toBe(false);
    expect(s.verify('chat-session', '8000000000000001', 'short')).toBe(false);
  });
});
