import type { Material } from '../catalog/schema.js';
import type { Deadline } from './deadlines.js';
import type { PlannedReminder } from './plan.js';
import type { ReminderRules } from './rules.js';
import type { DeadlineRef } from './submissions.js';
import type { OrgKind, ReminderButton, ReminderMessage } from './types.js';

/** Button actions; the data is `rem:<action>:<code>` (at most 26 bytes, well under Telegram's 64). */
export const REMINDER_ACTIONS = ['done', 'mat', 'off'] as const;
export type ReminderAction = (typeof REMINDER_ACTIONS)[number];
export const REMINDER_CALLBACK_PREFIX = 'rem';

/** The callback data of a reminder button; the bot feature parses it with the same prefix. */
export function reminderButtonData(action: ReminderAction, code: string): string {
  return `${REMINDER_CALLBACK_PREFIX}:${action}:${code}`;
}

/**
 * The 已提交 button names the deadline it was sent for: `rem:done:<code>:<year>:<deadline id>`, at
 * most 57 bytes (ids are capped at 24 characters by the rules schema), under Telegram's 64.
 */
export function reminderDoneData(code: string, deadline: Pick<Deadline, 'year' | 'id'>): string {
  return `${REMINDER_CALLBACK_PREFIX}:done:${code}:${deadline.year}:${deadline.id}`;
}

/** A reminder lists this many materials; 查看材料 shows the whole checklist. */
const CHECKLIST_IN_REMINDER = 6;

/** "2026年6月1日" */
export function formatChineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** One checklist line per material, as a clerk would read it out. */
export function checklistLines(materials: readonly Material[]): string[] {
  return materials.map((m) => {
    const extra = [m.form, m.copies > 1 ? `${m.copies} 份` : undefined].filter(Boolean).join('，');
    const when = m.condition ? `（${m.condition}）` : '';
    return `${m.name}（${extra}）${when}`;
  });
}

function countdown(daysLeft: number): string {
  if (daysLeft > 1) return `距截止还有 ${daysLeft} 天。`;
  if (daysLeft === 1) return '明天就截止了。';
  if (daysLeft === 0) return '今天是截止日，请抓紧报送。';
  return `已逾期 ${-daysLeft} 天，请尽快补报。`;
}

/**
 * The reminder text and buttons. Plain text (no parse mode), so an organisation name can never
 * break the markup; well under 4096 characters because the checklist is capped.
 */
export function composeReminder(
  reminder: PlannedReminder,
  rules: ReminderRules,
  checklist: readonly string[],
): ReminderMessage {
  const { deadline } = reminder;
  const moved = deadline.date !== deadline.nominal ? `（${formatChineseDate(deadline.nominal)}逢节假日或周末，顺延）` : '';
  const lines = [
    `【年检提醒】${reminder.name}`,
    `统一社会信用代码：${reminder.code}`,
    '',
    `${deadline.year - 1} 年度${deadline.title}，截止日期：${formatChineseDate(deadline.date)}${moved}。`,
    countdown(reminder.daysLeft),
  ];
  if (reminder.daysLeft < 0) lines.push(rules.consequence);
  if (checklist.length > 0) {
    lines.push('', '请准备：');
    checklist.slice(0, CHECKLIST_IN_REMINDER).forEach((line, i) => lines.push(`${i + 1}. ${line}`));
    if (checklist.length > CHECKLIST_IN_REMINDER) lines.push(`……共 ${checklist.length} 项，点“查看材料”看完整清单。`);
  }
  lines.push('', `报送入口：${rules.filing.name} ${rules.filing.url}`);
  if (rules.filing.note) lines.push(rules.filing.note);
  const others = (rules.kinds[reminder.kind]?.deadlines.length ?? 1) > 1 ? '；本年度其他截止事项到时另行提醒' : '';
  lines.push('', `这一项报送后点“已提交”，就不再提醒这一项了${others}。`);
  const buttons: ReminderButton[][] = [
    [
      { text: '✅ 已提交', data: reminderDoneData(reminder.code, deadline) },
      { text: '📋 查看材料', data: reminderButtonData('mat', reminder.code) },
    ],
    [{ text: '退订', data: reminderButtonData('off', reminder.code) }],
  ];
  return { text: lines.join('\n'), buttons };
}

/**
 * The deadline a reminder message was sent for, read back from its text (the line composeReminder
 * writes: "2025 年度<title>，截止日期：2026年3月31日"). For 已提交 buttons sent before they named their
 * deadline. Matched by title, else by the published date when only one deadline of the year has it.
 */
export function deadlineOfReminderText(text: string, kind: OrgKind, rules: ReminderRules): DeadlineRef | undefined {
  const m = /(\d{4}) 年度(.+?)，截止日期：(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]) + 1;
  const date = `${m[3]}-${m[4]?.padStart(2, '0')}-${m[5]?.padStart(2, '0')}`;
  const deadlines = rules.kinds[kind]?.deadlines ?? [];
  const overrides = rules.years[String(year)] ?? {};
  const byTitle = deadlines.find((d) => d.title === m[2]);
  const byDate = deadlines.filter((d) => (overrides[d.id] ?? `${year}-${d.date}`) === date);
  const found = byTitle ?? (byDate.length === 1 ? byDate[0] : undefined);
  return found && { year, deadlineId: found.id };
}
