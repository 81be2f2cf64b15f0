import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { inPeriod, parsePeriod } from '../../src/ratings/period.js';

// Wednesday 2026-09-16, 00:30 in China (still 09-15 in UTC).
const now = new Date('2026-09-16T00:30:00+08:00');

describe('parsePeriod', () => {
  it.each([
    ['', '2026-09-01', '2026-09-16'],
    ['本月', '2026-09-01', '2026-09-16'],
    ['today', '2026-09-16', '2026-09-16'],
    ['本周', '2026-09-14', '2026-09-16'],
    ['上月', '2026-08-01', '2026-08-31'],
    ['7d', '2026-09-10', '2026-09-16'],
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2026-09-01..2026-09-10', '2026-09-01', '2026-09-10'],
    ['2026-09-01 至 2026-09-10', '2026-09-01', '2026-09-10'],
    ['2026-09-03', '2026-09-03', '2026-09-03'],
  ])('reads %j as %s..%s in China time', (text, from, to) => {
    expect(parsePeriod(text, now)).toEqual({ from, to });
  });

  it.each(['昨天吧', '2026-13', '2026-09-10..2026-09-01', '2026-02-30'])('refuses %j with the accepted forms', (text) => {
    expect(() => parsePeriod(text, now)).toThrow(ValidationError);
    expect(() => parsePeriod(text, now)).toThrow('2026-09-01..2026-09-30');
  });

  it('places instants by their China date', () => {
    const p = { from: '2026-09-16', to: '2026-09-16' };
    expect(inPeriod(Date.parse('2026-09-15T16:00:00Z'), p)).toBe(true);
    expect(inPeriod(Date.parse('2026-09-15T15:59:59Z'), p)).toBe(false);
    expect(inPeriod(Date.parse('2026-09-16T15:59:59Z'), p)).toBe(true);
  });
});
