import type { WorkCalendar } from '../calendar/work-calendar.js';
import { daysBetween, seasonEnd, type Deadline } from './deadlines.js';
import type { ReminderRules } from './rules.js';
import type { DeadlineView, ReminderSummary, SubmittedResult, SubscriptionView } from './service.js';
import type { Subscription } from './store.js';
import { deadlinesByDate, deadlineToMark, isDeadlineSubmitted, openDeadlinesAfter, submissionKey, type DeadlineRef } from './submissions.js';
import { ORG_KINDS, type OrgKind } from './types.js';

/**
 * The year whose deadlines a subscription follows on `today`: this year until its reminder season
 * is over (last overdue notice gone stale), then next year.
 */
export function seasonYear(rules: ReminderRules, calendar: WorkCalendar, kind: OrgKind, today: string): number {
  const year = Number(today.slice(0, 4));
  return today >= seasonEnd(rules, calendar, kind, year) ? year + 1 : year;
}

function deadlineView(d: Deadline, sub: Subscription, rules: ReminderRules, today: string): DeadlineView {
  return {
    deadlineId: d.id,
    title: d.title,
    to: d.to,
    date: d.date,
    daysLeft: daysBetween(today, d.date),
    submitted: isDeadlineSubmitted(sub.submitted, d, rules),
  };
}

/** Where one subscription stands on `today`. */
export function viewOf(sub: Subscription, rules: ReminderRules, calendar: WorkCalendar, today: string): SubscriptionView {
  const year = seasonYear(rules, calendar, sub.kind, today);
  const deadlines = deadlinesByDate(rules, calendar, sub.kind, year).map((d) => deadlineView(d, sub, rules, today));
  const open = deadlines.filter((d) => !d.submitted);
  const watched = open.length > 0 ? open : deadlines;
  const shown = watched.find((x) => x.daysLeft >= 0) ?? watched.at(-1);
  const next = shown && { deadlineId: shown.deadlineId, title: shown.title, to: shown.to, date: shown.date, daysLeft: shown.daysLeft };
  const status =
    sub.pausedAt !== undefined
      ? 'paused'
      : open.length === 0
        ? 'submitted'
        : next && next.daysLeft < 0
          ? 'overdue'
          : 'upcoming';
  return {
    chatId: sub.chatId,
    code: sub.code,
    name: sub.name,
    kind: sub.kind,
    createdAt: sub.createdAt,
    year,
    status,
    ...(next ? { next } : {}),
    deadlines,
  };
}

/**
 * The record a 已提交 press adds: the deadline it applies to (see deadlineToMark) and its key in
 * `submitted`; `already` when that key, or an older year-wide record covering it, is there.
 */
export function submissionFor(
  sub: Subscription,
  rules: ReminderRules,
  calendar: WorkCalendar,
  today: string,
  ref?: DeadlineRef,
): { deadline: Deadline; key: string; already: boolean } | undefined {
  const deadline = deadlineToMark(sub.submitted, sub.kind, seasonYear(rules, calendar, sub.kind, today), rules, calendar, ref);
  if (!deadline) return undefined;
  return { deadline, key: submissionKey(deadline.year, deadline.id), already: isDeadlineSubmitted(sub.submitted, deadline, rules) };
}

/** What the 已提交 press recorded, read back from the subscription after the write. */
export function submittedResult(
  sub: Subscription,
  deadline: Deadline,
  already: boolean,
  rules: ReminderRules,
  calendar: WorkCalendar,
  today: string,
): SubmittedResult {
  return {
    view: viewOf(sub, rules, calendar, today),
    deadline: { ...deadlineView(deadline, sub, rules, today), year: deadline.year },
    already,
    remaining: openDeadlinesAfter(sub.submitted, deadline, rules, calendar).map((d) => deadlineView(d, sub, rules, today)),
  };
}

/** The managers' overview: counts by kind and status. */
export function summarise(views: readonly SubscriptionView[], lastRun: string | undefined, today: string): ReminderSummary {
  const byKind = Object.fromEntries(ORG_KINDS.map((k) => [k, 0])) as Record<OrgKind, number>;
  const summary: ReminderSummary = {
    year: Number(today.slice(0, 4)),
    total: views.length,
    byKind,
    submitted: 0,
    upcoming: 0,
    overdue: 0,
    paused: 0,
    blockedChats: new Set(views.filter((v) => v.status === 'paused').map((v) => v.chatId)).size,
    ...(lastRun ? { lastRun } : {}),
  };
  for (const v of views) {
    byKind[v.kind]++;
    summary[v.status]++;
    if (v.status === 'upcoming' && v.next) {
      summary.minDaysLeft = Math.min(summary.minDaysLeft ?? Infinity, v.next.daysLeft);
    }
  }
  return summary;
}

const STATUS_TEXT: Record<SubscriptionView['status'], string> = {
  submitted: '已提交',
  upcoming: '未提交',
  overdue: '已逾期',
  paused: '已暂停（对方屏蔽了机器人）',
};

/** Keeps a spreadsheet from running a cell as a formula (a name typed as "=HYPERLINK(…)"). */
function cell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV with a UTF-8 BOM so Excel shows the Chinese correctly; one row per subscription. */
export function subscriptionsCsv(views: readonly SubscriptionView[]): string {
  const header = ['统一社会信用代码', '组织名称', '类型', '聊天ID', '订阅时间', '年度', '状态', '截止事项', '截止日期', '剩余天数'];
  const rows = views.map((v) =>
    [v.code, v.name, v.kind, v.chatId, v.createdAt, v.year, STATUS_TEXT[v.status], v.next?.title ?? '', v.next?.date ?? '', v.next?.daysLeft ?? '']
      .map(cell)
      .join(','),
  );
  return `\uFEFF${[header.join(','), ...rows].join('\r\n')}\r\n`;
}
