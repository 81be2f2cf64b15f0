import { describe, expect, it } from 'vitest';
import { describeTimeLimit, toCalendarDays } from '../../src/catalog/cross-check.js';

describe('toCalendarDays', () => {
  it('counts done-on-the-spot and done-at-once as zero days', () => {
    expect(toCalendarDays({ type: '现场办结' })).toBe(0);
    expect(toCalendarDays({ type: '即时办结' })).toBe(0);
  });

  it('counts five working days as a calendar week', () => {
    expect(toCalendarDays({ type: '工作日', days: 5 })).toBe(7);
    expect(toCalendarDays({ type: '工作日', days: 20 })).toBe(28);
  });

  it('keeps calendar days as they are', () => {
    expect(toCalendarDays({ type: '自然日', days: 30 })).toBe(30);
  });
});

describe('describeTimeLimit', () => {
  it('reads as a count of days or as the on-the-spot wording', () => {
    expect(describeTimeLimit({ type: '工作日', days: 20 })).toBe('20 个工作日');
    expect(describeTimeLimit({ type: '即时办结' })).toBe('即时办结');
    expect(describeTimeLimit({ type: '未统一规定' })).toBe('国家未统一规定');
  });
});
