import type { Material } from '../catalog/schema.js';
import type { PlannedReminder } from './plan.js';
import type { ReminderRules } from './rules.js';
import type { ReminderButton, ReminderMessage } from './types.js';

/** Button actions; the data is `rem:<action>:<code>` (at most 26 bytes, well under Telegram's 64). */
export const REMINDER_ACTIONS = ['done', 'mat', 'off'] as const;
export type ReminderAction = (typeof REMINDER_ACTIONS)[number];
export const REMINDER_CALLBACK_PREFIX = 'rem';

/** The callback data of a reminder button; the bot feature parses it with the same prefix. */
export function reminderButtonData(action: ReminderAction, code: string): string {
  return `${REMINDER_CALLBACK_PREFIX}:${action}:${code}`;
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
  lines.push('', '报送后点“已提交”，今年就不再提醒这家单位了。');
  const buttons: ReminderButton[][] = [
    [
      { text: '✅ 已提交', data: reminderButtonData('done', reminder.code) },
      { text: '📋 查看材料', data: reminderButtonData('mat', reminder.code) },
    ],
    [{ text: '退订', data: reminderButtonData('off', reminder.code) }],
  ];
  return { text: lines.join('\n'), buttons };
}
