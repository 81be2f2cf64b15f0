import type { WorkCalendar } from '../calendar/work-calendar.js';
import { currentStage, daysBetween, deadlinesFor, type Deadline } from './deadlines.js';
import type { ReminderRules } from './rules.js';
import { progressKey, type Subscription } from './store.js';
import { isDeadlineSubmitted } from './submissions.js';
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
}

/** Statuses that mean "this stage has been handed to Telegram, do not send it again". */
const REACHED = new Set(['pending', 'sent', 'unconfirmed']);

/**
 * The current stages for each kind on `today`, one per deadline that has one, earliest deadline
 * first. They depend only on kind and day, so a pass over 100,000 organisations computes them once
 * per kind. Every published deadline is its own reminder: two deadlines on the same day (a charity's
 * 31 May publication and its 关联方名单) are two messages, each with its own progress and ledger key,
 * so neither can stand in for the other.
 */
export function candidatesByKind(
  rules: ReminderRules,
  calendar: WorkCalendar,
  today: string,
): Map<OrgKind, KindCandidate[]> {
  const year = Number(today.slice(0, 4));
  const result = new Map<OrgKind, KindCandidate[]>();
  for (const kind of Object.keys(rules.kinds) as OrgKind[]) {
    // Last year's deadlines too: a December deadline's overdue notices run into January.
    const deadlines = [...deadlinesFor(rules, calendar, kind, year - 1), ...deadlinesFor(rules, calendar, kind, year)];
    const current: KindCandidate[] = [];
    // A stable sort: deadlines on one day keep the order of the rules file.
    for (const deadline of deadlines.sort((a, b) => a.date.localeCompare(b.date))) {
      const stage = currentStage(rules, deadline, today);
      if (!stage) continue;
      current.push({
        deadline,
        offset: stage.offset,
        daysLeft: daysBetween(today, deadline.date),
        progressKey: progressKey(deadline.year, deadline.id),
      });
    }
    if (current.length > 0) result.set(kind, current);
  }
  return result;
}

/**
 * What the pass should send on `today`: for every active subscription, each current stage of its
 * kind whose deadline is not marked 已提交 (a press marks one deadline; see submissions.ts), unless
 * that deadline reached that stage (or a later one) already.
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
    for (const candidate of candidates.get(sub.kind) ?? []) {
      const { deadline, offset } = candidate;
      if (isDeadlineSubmitted(sub.submitted, deadline, rules)) continue;
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
  }
  return planned;
}
