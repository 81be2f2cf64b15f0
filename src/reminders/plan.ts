import type { WorkCalendar } from '../calendar/work-calendar.js';
import { currentStage, daysBetween, deadlinesFor, type Deadline } from './deadlines.js';
import type { ReminderRules } from './rules.js';
import { progressKey, type Subscription } from './store.js';
import type { OrgKind } from './types.js';

/** One reminder the pass should send now. */
export interface PlannedReminder {
  chatId: number;
  code: string;
  name: string;
  kind: OrgKind;
  deadline: Deadline;
  /** The stage: days from the deadline (negative = before). */
  offset: number;
  /** Days left on the planning day; negative when overdue. */
  daysLeft: number;
}

interface KindCandidate {
  deadline: Deadline;
  offset: number;
  daysLeft: number;
  progressKey: string;
  year: string;
}

/** Statuses that mean "this stage has been handed to Telegram, do not send it again". */
const REACHED = new Set(['pending', 'sent', 'unconfirmed']);

/**
 * The current stage for each kind on `today`. It depends only on kind and day, so a pass over
 * 100,000 organisations computes it once per kind. When two deadlines of a kind both have a current
 * stage, the earlier deadline wins: it is the more urgent one.
 */
export function candidatesByKind(
  rules: ReminderRules,
  calendar: WorkCalendar,
  today: string,
): Map<OrgKind, KindCandidate> {
  const year = Number(today.slice(0, 4));
  const result = new Map<OrgKind, KindCandidate>();
  for (const kind of Object.keys(rules.kinds) as OrgKind[]) {
    // Last year's deadlines too: a December deadline's overdue notices run into January.
    const deadlines = [...deadlinesFor(rules, calendar, kind, year - 1), ...deadlinesFor(rules, calendar, kind, year)];
    for (const deadline of deadlines.sort((a, b) => a.date.localeCompare(b.date))) {
      const stage = currentStage(rules, deadline, today);
      if (stage) {
        result.set(kind, {
          deadline,
          offset: stage.offset,
          daysLeft: daysBetween(today, deadline.date),
          progressKey: progressKey(deadline.year, deadline.id),
          year: String(deadline.year),
        });
        break;
      }
    }
  }
  return result;
}

/**
 * What the pass should send on `today`: for every active subscription not yet marked 已提交 for the
 * deadline's year, the kind's current stage unless that stage (or a later one) was already reached.
 * A failed or blocked earlier attempt at the same stage is tried again.
 */
export function planPass(
  subscriptions: readonly Subscription[],
  rules: ReminderRules,
  calendar: WorkCalendar,
  today: string,
): PlannedReminder[] {
  const candidates = candidatesByKind(rules, calendar, today);
  const planned: PlannedReminder[] = [];
  for (const sub of subscriptions) {
    if (sub.pausedAt !== undefined) continue;
    const candidate = candidates.get(sub.kind);
    if (!candidate) continue;
    const { deadline, offset } = candidate;
    if (sub.submitted[candidate.year] !== undefined) continue;
    const progress = sub.progress[candidate.progressKey];
    if (progress && progress.offset >= offset && REACHED.has(progress.status)) continue;
    planned.push({
      chatId: sub.chatId,
      code: sub.code,
      name: sub.name,
      kind: sub.kind,
      deadline,
      offset,
      daysLeft: candidate.daysLeft,
    });
  }
  return planned;
}
