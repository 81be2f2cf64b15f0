import { describe, expect, it } from 'vitest';
import { WEB_ID_MIN, channelOfChat } from '../../src/ratings/channel.js';
import { createRateLimiter } from '../../src/http/rate-limit.js';
import { createSigner } from '../../src/web/signing.js';

describe('web session ids', () => {
  // Unique, in range, never reused after a restart: test/store/contract/web-state.contract.test.ts (both stores).
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
