import { shiftDate, type WorkCalendar } from '../calendar/work-calendar.js';
import type { ReminderRules } from './rules.js';
import type { OrgKind } from './types.js';

/** One reporting deadline of one kind in one calendar year, after the holiday rule. */
export interface Deadline {
  kind: OrgKind;
  id: string;
  title: string;
  to: string;
  /** The calendar year of the deadline; the report covers the year before. */
  year: number;
  /** The date the rules name (YYYY-MM-DD). */
  nominal: string;
  /** The date that counts, moved off a weekend or holiday when the rules say so. */
  date: string;
}

/** A reminder stage: `offset` days from the deadline (negative = before, positive = overdue). */
export interface Stage {
  offset: number;
  trigger: string;
  /** First day this stage is no longer the current one. */
  until: string;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The deadlines of a kind in a year: the year's override from `rules.years` when present, else the
 * rule's MM-DD moved by the holiday rule (the deadline's own, else the file's).
 */
export function deadlinesFor(rules: ReminderRules, calendar: WorkCalendar, kind: OrgKind, year: number): Deadline[] {
  const overrides = rules.years[String(year)] ?? {};
  return (rules.kinds[kind]?.deadlines ?? []).map((d) => {
    const override = overrides[d.id];
    const nominal = override ?? `${year}-${d.date}`;
    const holidayRule = d.holidayRule ?? rules.holidayRule;
    // An explicit per-year date was announced as is; only the recurring MM-DD follows the holiday rule.
    const date =
      override !== undefined || holidayRule === 'none'
        ? nominal
        : holidayRule === 'next-workday'
          ? calendar.nextWorkdayOnOrAfter(nominal)
          : calendar.previousWorkdayOnOrBefore(nominal);
    return { kind, id: d.id, title: d.title, to: d.to, year, nominal, date };
  });
}

/**
 * The reminder stages of a deadline in time order. Each stage is current from its trigger day until
 * the next stage's trigger; the last one stays current `staleAfterDays` days, after which a missed
 * notice is no longer worth sending.
 */
export function stagesFor(rules: ReminderRules, deadlineDate: string): Stage[] {
  const offsets = [
    ...[...rules.offsets.before].sort((a, b) => b - a).map((n) => -n),
    ...[...rules.offsets.after].sort((a, b) => a - b),
  ];
  return offsets.map((offset, i) => {
    const trigger = shiftDate(deadlineDate, offset);
    const next = offsets[i + 1];
    // The last "before" stage must cover the deadline day itself even with no overdue stages.
    const until = next !== undefined ? shiftDate(deadlineDate, next) : shiftDate(trigger, Math.max(rules.staleAfterDays, 1 - offset));
    return { offset, trigger, until };
  });
}

/**
 * The stage current on `today` for a deadline, if any. After downtime this is the latest stage
 * whose day has come, never the stale ones before it, so a restart does not flood anyone.
 */
export function currentStage(rules: ReminderRules, deadline: Deadline, today: string): Stage | undefined {
  return stagesFor(rules, deadline.date).find((s) => s.trigger <= today && today < s.until);
}

/** The last day on which any reminder of `year` can still be current, for choosing the year to show. */
export function seasonEnd(rules: ReminderRules, calendar: WorkCalendar, kind: OrgKind, year: number): string {
  const ends = deadlinesFor(rules, calendar, kind, year).map((d) => stagesFor(rules, d.date).at(-1)?.until ?? d.date);
  return ends.sort().at(-1) ?? `${year}-12-31`;
}
