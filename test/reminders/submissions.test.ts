import { beforeAll, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../src/calendar/work-calendar.js';
import { deadlinesFor } from '../../src/reminders/deadlines.js';
import { composeReminder, deadlineOfReminderText, reminderDoneData } from '../../src/reminders/message.js';
import { loadReminderRules, type ReminderRules } from '../../src/reminders/rules.js';
import { deadlineToMark, isDeadlineSubmitted } from '../../src/reminders/submissions.js';
import { ORG_KINDS } from '../../src/reminders/types.js';
import { RULES_FILE, foundationCode } from './helpers.js';

let rules: ReminderRules;
const calendar = createWorkCalendar();
beforeAll(async () => {
  rules = await loadReminderRules(RULES_FILE);
});
const charity = (): ReturnType<typeof deadlinesFor> => deadlinesFor(rules, calendar, '慈善组织', 2026);

describe('isDeadlineSubmitted', () => {
  it('reads a per-deadline record for that deadline only', () => {
    const submitted = { '2026/publish': '2026-05-02T01:00:00.000Z' };
    expect(charity().map((d) => isDeadlineSubmitted(submitted, d, rules))).toEqual([false, true, false]);
  });

  it('reads an old year-wide record as done for the deadlines whose reminders had begun by the day it was pressed', () => {
    // China dates: 2026-02-28 is before the March reminders (from 1 March); 3 March is after; 1 May starts the May ones.
    const at = (iso: string): boolean[] => charity().map((d) => isDeadlineSubmitted({ '2026': iso }, d, rules));
    expect(at('2026-02-27T20:00:00.000Z')).toEqual([false, false, false]);
    expect(at('2026-03-03T01:00:00.000Z')).toEqual([true, false, false]);
    expect(at('2026-04-15T01:00:00.000Z')).toEqual([true, false, false]);
    expect(at('2026-04-30T16:30:00.000Z')).toEqual([true, true, true]);
  });

  it('leaves other years alone', () => {
    expect(charity().some((d) => isDeadlineSubmitted({ '2025': '2025-06-01T00:00:00.000Z', '2025/publish': 'x' }, d, rules))).toBe(false);
  });
});

describe('deadlineToMark', () => {
  it('takes the deadline the button names, and the earliest open one when it names none or an unknown one', () => {
    expect(deadlineToMark({}, '慈善组织', 2026, rules, calendar, { year: 2026, deadlineId: 'related-parties' })?.id).toBe('related-parties');
    expect(deadlineToMark({ '2026/charity-report': 'x' }, '慈善组织', 2026, rules, calendar)?.id).toBe('publish');
    expect(deadlineToMark({}, '慈善组织', 2026, rules, calendar, { year: 2026, deadlineId: 'supervisor' })?.id).toBe('charity-report');
    expect(deadlineToMark({}, '慈善组织', 2026, rules, calendar, { year: 1999, deadlineId: 'publish' })?.year).toBe(2026);
  });
});

describe('the 已提交 button and old reminder texts', () => {
  it('fits every deadline of the shipped rules, and the longest id the rules allow, in 64 bytes', () => {
    for (const kind of ORG_KINDS) {
      for (const d of deadlinesFor(rules, calendar, kind, 2026)) expect(Buffer.byteLength(reminderDoneData(foundationCode(), d))).toBeLessThanOrEqual(64);
    }
    expect(Buffer.byteLength(reminderDoneData(foundationCode(), { year: 2999, id: 'a'.repeat(24) }))).toBe(57);
  });

  it('finds the deadline back from the text of every reminder it composes', () => {
    for (const kind of ORG_KINDS) {
      for (const deadline of deadlinesFor(rules, calendar, kind, 2026)) {
        const { text } = composeReminder({ chatId: 1, code: foundationCode(), name: '某某单位', kind, deadline, offset: -7, daysLeft: 7 }, rules, []);
        expect(deadlineOfReminderText(text, kind, rules)).toEqual({ year: 2026, deadlineId: deadline.id });
      }
    }
    expect(deadlineOfReminderText('随便一段话', '慈善组织', rules)).toBeUndefined();
  });
});
