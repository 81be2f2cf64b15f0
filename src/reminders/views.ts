import type { WorkCalendar } from '../calendar/work-calendar.js';
import { daysBetween, deadlinesFor, seasonEnd } from './deadlines.js';
import type { ReminderRules } from './rules.js';
import type { ReminderSummary, SubscriptionView } from './service.js';
import type { Subscription } from './store.js';
import { ORG_KINDS, type OrgKind } from './types.js';

/**
 * The year whose deadlines a subscription follows on `today`: this year until its reminder season
 * is over (last overdue notice gone stale), then next year.
 */
export function seasonYear(rules: ReminderRules, calendar: WorkCalendar, kind: OrgKind, today: string): number {
  const year = Number(today.slice(0, 4));
  return today >= seasonEnd(rules, calendar, kind, year) ? year + 1 : year;
}

/** Where one subscription stands on `today`. */
export function viewOf(sub: Subscription, rules: ReminderRules, calendar: WorkCalendar, today: string): SubscriptionView {
  const year = seasonYear(rules, calendar, sub.kind, today);
  const deadlines = deadlinesFor(rules, calendar, sub.kind, year);
  const d = deadlines.find((x) => x.date >= today) ?? deadlines.at(-1);
  const next = d && { deadlineId: d.id, title: d.title, to: d.to, date: d.date, daysLeft: daysBetween(today, d.date) };
  const status =
    sub.pausedAt !== undefined
      ? 'paused'
      : sub.submitted[String(year)] !== undefined
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
