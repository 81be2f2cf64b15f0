import { describe, expect, it } from 'vitest';
import { isCalendarDate, quoteInput } from '../../src/calendar/calendar-date.js';

describe('isCalendarDate', () => {
  it.each(['2026-03-24', '2024-02-29', '2000-02-29', '2026-12-31'])('accepts the real day %s', (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });

  it.each(['2027-13-45', '2027-99-99', '0000-00-00', '2026-02-29', '1900-02-29', '2026-04-31', '../../../x', '2026-3-4', ' 2026-03-24', ''])(
    'refuses %j without throwing',
    (text) => {
      expect(isCalendarDate(text)).toBe(false);
    },
  );
});

describe('quoteInput', () => {
  it('shortens long input and blanks control characters before it is quoted back', () => {
    expect(quoteInput('a'.repeat(40))).toBe(`${'a'.repeat(24)}…`);
    expect(quoteInput('x\u0000\ny')).toBe('x  y');
  });
});
