import { chinaDate, shiftDate, type WorkCalendar } from '../calendar/work-calendar.js';
import { deadlinesFor, type Deadline } from './deadlines.js';
import type { ReminderRules } from './rules.js';
import { progressKey } from './store.js';
import type { OrgKind } from './types.js';

/** A deadline named by a 已提交 button: its calendar year and its id in the rules. */
export interface DeadlineRef {
  year: number;
  deadlineId: string;
}

/** The key of a 已提交 record for one deadline (`2026/charity-report`), the same shape as progress keys. */
export const submissionKey = progressKey;

/** The first day a deadline's reminders are sent: the earliest "before" offset. */
function firstReminderDay(rules: ReminderRules, deadline: Deadline): string {
  return shiftDate(deadline.date, -Math.max(...rules.offsets.before));
}

/**
 * Whether the organisation marked `deadline` as submitted.
 *
 * Records are `${year}/${deadlineId}` → when 已提交 was pressed. Files and databases written before
 * 已提交 became per deadline hold `${year}` → when, meant for the whole year; they are read (never
 * rewritten) as: every deadline of that year whose reminders had already begun on the day of the press
 * is done, every later one is still open. That covers the deadline the person was being reminded of
 * (the usual press is on a reminder *before* its date, so "date on or before the press" alone would
 * count for nothing and resend reminders for a report already filed), and every earlier one, but never
 * silences a deadline nobody had been told about yet (a charity's 31 May items after a March press).
 */
export function isDeadlineSubmitted(submitted: Readonly<Record<string, string>>, deadline: Deadline, rules: ReminderRules): boolean {
  if (submitted[submissionKey(deadline.year, deadline.id)] !== undefined) return true;
  const yearWide = submitted[String(deadline.year)];
  if (yearWide === undefined) return false;
  const pressed = new Date(yearWide);
  // An unreadable time: keep the old meaning (the whole year) rather than start reminding again.
  if (Number.isNaN(pressed.getTime())) return true;
  return firstReminderDay(rules, deadline) <= chinaDate(pressed);
}

/** The deadlines of `year` for a kind, earliest first (same-day ones in the rules' order). */
export function deadlinesByDate(rules: ReminderRules, calendar: WorkCalendar, kind: OrgKind, year: number): Deadline[] {
  return deadlinesFor(rules, calendar, kind, year).sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The deadline a 已提交 press applies to. `ref` from the button when it names a deadline of this
 * kind in or next to the year being followed; otherwise (an old button that carried no deadline, or a
 * rules change) the earliest deadline of `year` not yet marked, else that year's last one.
 */
export function deadlineToMark(
  submitted: Readonly<Record<string, string>>,
  kind: OrgKind,
  year: number,
  rules: ReminderRules,
  calendar: WorkCalendar,
  ref?: DeadlineRef,
): Deadline | undefined {
  if (ref && Math.abs(ref.year - year) <= 1) {
    const named = deadlinesFor(rules, calendar, kind, ref.year).find((d) => d.id === ref.deadlineId);
    if (named) return named;
  }
  const all = deadlinesByDate(rules, calendar, kind, year);
  return all.find((d) => !isDeadlineSubmitted(submitted, d, rules)) ?? all.at(-1);
}

/** The deadlines of `deadline.year` still open after marking it, earliest first. */
export function openDeadlinesAfter(
  submitted: Readonly<Record<string, string>>,
  deadline: Deadline,
  rules: ReminderRules,
  calendar: WorkCalendar,
): Deadline[] {
  return deadlinesByDate(rules, calendar, deadline.kind, deadline.year).filter(
    (d) => d.id !== deadline.id && !isDeadlineSubmitted(submitted, d, rules),
  );
}
