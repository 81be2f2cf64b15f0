import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCallback } from '../../src/bot/callback-data.js';

describe('callback data', () => {
  const codec = defineCallback('r', z.object({ id: z.string().regex(/^[a-z0-9]{1,12}$/), level: z.coerce.number().int().min(1).max(5) }));

  it('round-trips valid data', () => {
    const raw = codec.pack({ id: 'abc123', level: 4 });
    expect(raw).toBe('r:abc123:4');
    expect(codec.unpack(raw)).toEqual({ id: 'abc123', level: 4 });
  });

  it('rejects forged data: wrong prefix, extra fields, out-of-range values', () => {
    for (const raw of ['x:abc:4', 'r:abc:4:5', 'r:abc:9', 'r:ABC!:1', 'r:', 'r']) {
      expect(codec.unpack(raw), raw).toBeUndefined();
    }
  });

  it('refuses to build data over Telegram’s 64-byte limit', () => {
    const wide = defineCallback('w', z.object({ s: z.string() }));
    expect(() => wide.pack({ s: '中'.repeat(30) })).toThrow(RangeError);
  });

  it('matches its own prefix only', () => {
    expect(codec.match.test('r:1:2')).toBe(true);
    expect(codec.match.test('rate:1')).toBe(false);
  });
});
