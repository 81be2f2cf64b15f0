import { describe, expect, it } from 'vitest';
import { answerIdTime, newAnswerId } from '../../src/ratings/answer-id.js';
import { rateCallback } from '../../src/bot/keyboards/rating-keyboard.js';

describe('answer ids', () => {
  const at = Date.UTC(2026, 11, 2, 8, 0, 0);

  it('carry the time they were issued and enough randomness that ids of one millisecond do not clash', () => {
    const ids = new Set(Array.from({ length: 20_000 }, () => newAnswerId(at)));
    expect(ids.size).toBe(20_000);
    for (const id of [...ids].slice(0, 10)) {
      expect(id).toMatch(/^[0-9a-z]{17}$/);
      expect(answerIdTime(id)).toBe(at);
    }
  });

  it('still read the ids of older cards, with three random digits, so their rating buttons work', () => {
    const old = `${at.toString(36)}x7q`;
    expect(answerIdTime(old)).toBe(at);
    expect(rateCallback.unpack(rateCallback.pack({ answer: old, level: 5 }))).toMatchObject({ answer: old, level: 5 });
  });

  it('refuse anything else as an answer id (forged callback data)', () => {
    expect(answerIdTime('../../etc')).toBeUndefined();
    expect(answerIdTime('a'.repeat(14))).toBeUndefined();
  });
});
