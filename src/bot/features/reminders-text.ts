import { formatChineseDate } from '../../reminders/message.js';
import type { PassReport, ReminderSummary, SubmittedResult, SubscriptionView } from '../../reminders/service.js';

const STATUS: Record<SubscriptionView['status'], string> = {
  submitted: '本年度各项都已提交 ✅，不再提醒',
  upcoming: '待报送',
  overdue: '已过截止日期，尚未标记已提交',
  paused: '已暂停（之前消息发不出去）',
};

function daysText(days: number): string {
  if (days > 0) return `还有 ${days} 天`;
  if (days === 0) return '今天截止';
  return `已逾期 ${-days} 天`;
}

/** The /mine list: each organisation with its next deadline and status. */
export function mineText(views: readonly SubscriptionView[]): string {
  const blocks = views.map((v, i) => {
    const lines = [`${i + 1}. ${v.name}（${v.kind}）`, `   代码：${v.code}`];
    // Every deadline of the year with its own state: 已提交 marks one deadline, not the whole year.
    for (const d of v.deadlines) {
      const state = d.submitted ? '已提交 ✅' : daysText(d.daysLeft);
      lines.push(`   ${v.year - 1} 年度报告 · ${d.to}：${formatChineseDate(d.date)}（${state}）`);
    }
    lines.push(`   状态：${STATUS[v.status]}`);
    return lines.join('\n');
  });
  return `您订阅了 ${views.length} 家单位的年检提醒：\n\n${blocks.join('\n\n')}\n\n新增请发 /subscribe，退订请发 /unsubscribe。`;
}

/** The reply to 已提交: which deadline was recorded, and which ones of that year are still reminded. */
export function submittedText(name: string, r: SubmittedResult): string {
  const head = r.already
    ? `「${name}」${r.deadline.year - 1} 年度「${r.deadline.title}」之前已记下为已提交，这一项不再提醒。`
    : `辛苦了！已记下「${name}」${r.deadline.year - 1} 年度「${r.deadline.title}」已提交，这一项不再提醒。`;
  if (r.remaining.length === 0) return `${head}\n本年度的截止事项都已提交，明年报送期前我会再提醒您。`;
  const rest = r.remaining.map((d) => `· ${formatChineseDate(d.date)}：${d.title}`).join('\n');
  return `${head}\n本年度还有这些事项，到时我会照常提醒：\n${rest}`;
}

/** Confirmation after subscribing. */
export function subscribedText(view: SubscriptionView, updated: boolean, offsets: readonly number[]): string {
  const head = updated ? `已更新「${view.name}」的订阅信息。` : `好的，已为「${view.name}」（${view.kind}）订阅年检提醒。`;
  const next = view.next
    ? `\n最近的截止日期：${formatChineseDate(view.next.date)}，${view.next.title}（${daysText(view.next.daysLeft)}）。`
    : '';
  const when = `\n我会在截止前 ${[...offsets].sort((a, b) => b - a).join('、')} 天的上午提醒您；每项报送后点那条提醒里的“已提交”，这一项就不再提醒。`;
  return `${head}${next}${when}\n\n查看已订阅的单位：/mine`;
}

/** The managers' overview under /reminders. */
export function summaryText(s: ReminderSummary): string {
  const kinds = Object.entries(s.byKind)
    .map(([kind, n]) => `${kind} ${n}`)
    .join('，');
  return [
    `📋 年检提醒概况（${s.year} 年）`,
    `订阅单位：${s.total} 家（${kinds}）`,
    `已提交：${s.submitted} 家`,
    `未提交：${s.upcoming} 家${s.minDaysLeft !== undefined ? `（最近的还剩 ${s.minDaysLeft} 天）` : ''}`,
    `已逾期未提交：${s.overdue} 家`,
    `屏蔽了机器人的聊天：${s.blockedChats} 个（涉及 ${s.paused} 家单位，已暂停提醒）`,
    `上次运行：${s.lastRun ? new Date(s.lastRun).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '尚未运行'}`,
  ].join('\n');
}

/** A pass report for a manager in the chat. */
export function passText(r: PassReport): string {
  if (r.skipped === 'quiet-hours') return '现在是免打扰时段，本次没有发送。需要的话发送 /reminders run force。';
  if (r.skipped === 'already-running') return '另一轮提醒正在发送中，请稍后再看 /reminders。';
  if (r.dryRun) {
    const lines = r.planned.slice(0, 20).map((p) => `· ${p.name}：${p.deadline.to} ${formatChineseDate(p.deadline.date)}（${daysText(p.daysLeft)}）`);
    const more = r.planned.length > 20 ? `\n……共 ${r.planned.length} 条` : '';
    return `演练：${formatChineseDate(r.date)} 将发送 ${r.planned.length} 条提醒。${lines.length ? `\n${lines.join('\n')}` : ''}${more}`;
  }
  return (
    `${formatChineseDate(r.date)} 的提醒已发完：计划 ${r.planned.length} 条，发送成功 ${r.sent} 条，` +
    `对方屏蔽 ${r.blocked} 条，失败 ${r.failed} 条（下次自动重试），上次中断未确认 ${r.unconfirmed} 条（不重发）。`
  );
}
