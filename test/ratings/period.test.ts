import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { inPeriod, parsePeriod, periodFromFlags } from '../../src/ratings/period.js';

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

  it.each(['昨天吧', '2026-13', '2026-02-30', '2027-13-45'])('refuses %j with the accepted forms', (text) => {
    expect(() => parsePeriod(text, now)).toThrow(ValidationError);
    expect(() => parsePeriod(text, now)).toThrow('2026-09-01..2026-09-30');
  });

  it('says a reversed range is reversed', () => {
    expect(() => parsePeriod('2026-09-10..2026-09-01', now)).toThrow('开始日期晚于结束日期');
  });
});

describe('periodFromFlags', () => {
  const now = new Date('2026-09-16T10:00:00+08:00');

  it('reads --from and --to, each defaulting to the earliest day and today', () => {
    expect(periodFromFlags({ from: '2026-09-01', to: '2026-09-10' }, now)).toEqual({ from: '2026-09-01', to: '2026-09-10' });
    expect(periodFromFlags({ from: '2026-09-01' }, now)).toEqual({ from: '2026-09-01', to: '2026-09-16' });
    expect(periodFromFlags({ period: '上月' }, now)).toEqual({ from: '2026-08-01', to: '2026-08-31' });
  });

  it('names the flag that is not a date', () => {
    expect(() => periodFromFlags({ from: 'yesterday' }, now)).toThrow(/--from 须为日期.*yesterday/);
    expect(() => periodFromFlags({ to: '2026-02-30' }, now)).toThrow('--to 须为日期');
  });

  it('says a reversed range is reversed, differently from a bad date', () => {
    expect(() => periodFromFlags({ from: '2026-09-30', to: '2026-09-01' }, now)).toThrow(/--from 2026-09-30 晚于结束日期 --to 2026-09-01/);
    expect(() => periodFromFlags({ from: '2026-10-01' }, now)).toThrow('今天（2026-09-16）');
    expect(() => periodFromFlags({ from: '2026-09-01', period: '本月' }, now)).toThrow('只能用一种');
  });

  it('places instants by their China date', () => {
    const p = { from: '2026-09-16', to: '2026-09-16' };
    expect(inPeriod(Date.parse('2026-09-15T16:00:00Z'), p)).toBe(true);
    expect(inPeriod(Date.parse('2026-09-15T15:59:59Z'), p)).toBe(false);
    expect(inPeriod(Date.parse('2026-09-16T15:59:59Z'), p)).toBe(true);
  });
});
