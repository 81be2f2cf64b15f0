import { beforeAll, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../src/calendar/work-calendar.js';
import { currentStage, deadlinesFor, stagesFor } from '../../src/reminders/deadlines.js';
import { planPass } from '../../src/reminders/plan.js';
import { loadReminderRules, type ReminderRules } from '../../src/reminders/rules.js';
import type { Subscription } from '../../src/reminders/store.js';
import { RULES_FILE, foundationCode, socialGroupCode } from './helpers.js';

let rules: ReminderRules;
const calendar = createWorkCalendar();
beforeAll(async () => {
  rules = await loadReminderRules(RULES_FILE);
});

function sub(overrides: Partial<Subscription> = {}): Subscription {
  return {
    chatId: 100,
    code: socialGroupCode(),
    name: '某某市软件行业协会',
    kind: '社会团体',
    createdAt: '2026-01-01T00:00:00.000Z',
    submitted: {},
    progress: {},
    ...overrides,
  };
}

describe('deadlinesFor', () => {
  it('keeps a deadline that falls on a working day', () => {
    const [supervisor] = deadlinesFor(rules, calendar, '社会团体', 2026);
    expect(supervisor).toMatchObject({ id: 'supervisor', nominal: '2026-03-31', date: '2026-03-31' });
  });

  it('keeps the published 31 May 2026 in the shipped rules though it is a Sunday', () => {
    const registration = deadlinesFor(rules, calendar, '社会团体', 2026)[1];
    expect(registration).toMatchObject({ nominal: '2026-05-31', date: '2026-05-31' });
  });

  it('gives charities 31 March for the report to 民政 and 31 May for publishing and the related-party list', () => {
    const dates = deadlinesFor(rules, calendar, '慈善组织', 2026).map((d) => [d.id, d.date]);
    expect(dates).toEqual([
      ['charity-report', '2026-03-31'],
      ['publish', '2026-05-31'],
      ['related-parties', '2026-05-31'],
    ]);
  });

  // The roll-forward mechanism stays for rules that ask for it; the shipped rules do not.
  const rolled = (): ReminderRules => ({ ...rules, holidayRule: 'next-workday' });
  const publish = (r: ReminderRules, year: number): string | undefined =>
    deadlinesFor(r, calendar, '慈善组织', year).find((d) => d.id === 'publish')?.date;

  it('moves 31 May 2026, a Sunday, to Monday 1 June when the rules say next-workday', () => {
    const registration = deadlinesFor(rolled(), calendar, '社会团体', 2026)[1];
    expect(registration).toMatchObject({ nominal: '2026-05-31', date: '2026-06-01' });
  });

  it('moves 31 May 2025, the Dragon Boat holiday, past the whole holiday to 3 June when the rules say next-workday', () => {
    expect(publish(rolled(), 2025)).toBe('2025-06-03');
  });

  it('moves back instead when the rules say previous-workday', () => {
    expect(publish({ ...rules, holidayRule: 'previous-workday' }, 2026)).toBe('2026-05-29');
  });

  it('uses a per-year date announced in the rules as is', () => {
    const moved = { ...rules, years: { '2027': { registration: '2027-06-15' } } };
    expect(deadlinesFor(moved, calendar, '基金会', 2027)[0]).toMatchObject({ nominal: '2027-06-15', date: '2027-06-15' });
  });
});

describe('stages', () => {
  it('run 30, 14, 7, 3 and 1 days before and 1 and 7 days after, in order', () => {
    expect(stagesFor(rules, '2026-03-31').map((s) => [s.offset, s.trigger])).toEqual([
      [-30, '2026-03-01'],
      [-14, '2026-03-17'],
      [-7, '2026-03-24'],
      [-3, '2026-03-28'],
      [-1, '2026-03-30'],
      [1, '2026-04-01'],
      [7, '2026-04-07'],
    ]);
  });

  it('make the 1-day stage current on the deadline day itself', () => {
    const [d] = deadlinesFor(rules, calendar, '基金会', 2026);
    expect(d && currentStage(rules, d, '2026-03-31')?.offset).toBe(-1);
  });

  it('give no stage before the first one or after the last has gone stale', () => {
    const [d] = deadlinesFor(rules, calendar, '基金会', 2026);
    if (!d) throw new Error('no deadline');
    expect(currentStage(rules, d, '2026-02-28')).toBeUndefined();
    expect(currentStage(rules, d, '2026-04-13')?.offset).toBe(7);
    expect(currentStage(rules, d, '2026-04-14')).toBeUndefined();
  });
});

describe('planPass', () => {
  it('plans the current stage with the days left', () => {
    const [r] = planPass([sub()], rules, calendar, '2026-03-24');
    expect(r).toMatchObject({ offset: -7, daysLeft: 7, deadline: { id: 'supervisor', year: 2026 } });
  });

  it('after downtime plans only the latest stage, not the missed ones', () => {
    // Down from 20 to 29 March: the 7-day stage was missed; on the 29th the 3-day stage is current.
    const planned = planPass([sub({ progress: { '2026/supervisor': { offset: -14, status: 'sent', at: 'x' } } })], rules, calendar, '2026-03-29');
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({ offset: -3, daysLeft: 2 });
  });

  it('does not plan a stage already sent, pending or unconfirmed', () => {
    for (const status of ['sent', 'pending', 'unconfirmed'] as const) {
      const s = sub({ progress: { '2026/supervisor': { offset: -7, status, at: 'x' } } });
      expect(planPass([s], rules, calendar, '2026-03-25')).toEqual([]);
    }
  });

  it('plans a stage again after a failed or blocked attempt', () => {
    for (const status of ['failed', 'blocked'] as const) {
      const s = sub({ progress: { '2026/supervisor': { offset: -7, status, at: 'x' } } });
      expect(planPass([s], rules, calendar, '2026-03-25')).toHaveLength(1);
    }
  });

  it('skips organisations marked 已提交 for that year and paused subscriptions', () => {
    expect(planPass([sub({ submitted: { '2026': 'x' } })], rules, calendar, '2026-03-24')).toEqual([]);
    expect(planPass([sub({ pausedAt: 'x' })], rules, calendar, '2026-03-24')).toEqual([]);
  });

  it('sends an overdue notice the day after the deadline', () => {
    const [r] = planPass([sub({ kind: '基金会', code: foundationCode() })], rules, calendar, '2026-04-01');
    expect(r).toMatchObject({ offset: 1, daysLeft: -1 });
  });

  it('counts down to the moved deadline, not the nominal one', () => {
    const [r] = planPass([sub()], { ...rules, holidayRule: 'next-workday' }, calendar, '2026-05-25');
    expect(r).toMatchObject({ deadline: { id: 'registration', date: '2026-06-01' }, offset: -7, daysLeft: 7 });
  });

  it('plans a charity one reminder for each deadline falling on the same 31 May', () => {
    const charity = sub({ kind: '慈善组织', code: foundationCode(3) });
    const planned = planPass([charity], rules, calendar, '2026-05-28');
    expect(planned.map((r) => [r.deadline.id, r.deadline.date, r.offset])).toEqual([
      ['publish', '2026-05-31', -3],
      ['related-parties', '2026-05-31', -3],
    ]);
  });

  it('still plans the second same-day deadline once the first one was sent', () => {
    const charity = sub({ kind: '慈善组织', code: foundationCode(3), progress: { '2026/publish': { offset: -3, status: 'sent', at: 'x' } } });
    const planned = planPass([charity], rules, calendar, '2026-05-28');
    expect(planned.map((r) => r.deadline.id)).toEqual(['related-parties']);
  });

  it('plans nothing between the two deadlines when no stage is current', () => {
    expect(planPass([sub()], rules, calendar, '2026-04-20')).toEqual([]);
  });
});
