import { html } from 'hono/html';
import type { BotDeps } from '../../bot/context.js';
import { STATUS_LABELS, type CaseStep } from '../../ratings/case-ops.js';
import { CHANNEL_LABELS, channelOfChat } from '../../ratings/channel.js';
import { chinaDateTime } from '../../ratings/export-csv.js';
import { BAD_REASONS, LEVEL_LABELS } from '../../ratings/levels.js';
import type { CaseEvent, RatingCase } from '../../ratings/types.js';
import { safeText, type Html } from './layout.js';
import { labelOf } from './tables.js';

const NEXT: Partial<Record<RatingCase['status'], { step: CaseStep; label: string; hint: string }>> = {
  open: { step: 'contacted', label: '记录回访', hint: '回访情况，例如：已电话联系当事人，解释了材料要求。' },
  contacted: { step: 'rectified', label: '记录整改', hint: '整改情况，例如：办事指南已补充复印件说明。' },
  rectified: { step: 'closed', label: '办结', hint: '办结说明。这段话会发给当事人，请用对群众说话的口吻。' },
};

const ACTIONS: Record<CaseEvent['action'], string> = {
  opened: '立案', reason: '补充原因', taken: '认领', contacted: '回访', rectified: '整改', closed: '办结', rerated: '回访后再评价',
};

/** A case with its history and the same next step as the chat's buttons (take, 回访 → 整改 → 办结). */
export function caseDetailPage(deps: BotDeps, c: RatingCase, csrf: string, error: string | undefined): Html {
  const overdue = deps.ratings.isOverdue(c);
  const next = NEXT[c.status];
  const fields: [string, string][] = [
    ['来源', c.source === 'complaint' ? '投诉' : c.withdrawn ? '差评（评价人已撤回）' : '差评'],
    ...(c.level === undefined ? [] : [['评价', LEVEL_LABELS[c.level]] as [string, string]]),
    ['事项', labelOf(deps)(c.intent)],
    [c.source === 'complaint' ? '投诉内容' : '咨询问题', c.question || '（未填写）'],
    ...(c.reasons.length > 0 ? [['原因', c.reasons.map((r) => BAD_REASONS[r]).join('、')] as [string, string]] : []),
    ...(c.reasonText ? [['补充说明', c.reasonText] as [string, string]] : []),
    ['渠道', CHANNEL_LABELS[c.channel ?? channelOfChat(c.chatId)]],
    ['立案时间', chinaDateTime(c.openedAt)],
    ['办结时限', `${c.dueDate}${overdue ? '（已超期）' : ''}`],
    ['状态', STATUS_LABELS[c.status]],
    ['承办人', c.assignee?.name ?? '未认领'],
    ...(c.rerating ? [['回访后再评价', LEVEL_LABELS[c.rerating.level]] as [string, string]] : []),
  ];
  const note = (e: CaseEvent): string => (e.action === 'rerated' && e.note ? LEVEL_LABELS[Number(e.note) as 1] ?? e.note : (e.note ?? ''));
  return html`${error ? html`<p role="alert" class="error">${error}</p>` : ''}
<p><a href="/console/cases">← 返回案件列表</a></p>
<dl class="case" data-status="${c.status}">${fields.map(([k, v]) => html`<div><dt>${k}</dt><dd>${safeText(v)}</dd></div>`)}</dl>
<h2>办理记录</h2>
<ol class="history">${c.events.map((e) => html`<li><time>${chinaDateTime(e.at)}</time> ${ACTIONS[e.action]}${e.byName ? html`（${e.byName}）` : ''}${e.note ? html`：${safeText(note(e))}` : ''}</li>`)}</ol>
${c.status === 'closed' ? '' : html`<h2>办理</h2>
<form method="post" class="action"><input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="action" value="take">
<button type="submit">${c.assignee ? '改由我承办' : '认领'}</button></form>
${next ? html`<form method="post" class="action"><input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="action" value="${next.step}">
<label for="note">${next.hint}</label><textarea id="note" name="note" required maxlength="2000" rows="3"></textarea>
<button type="submit">${next.label}</button></form>` : ''}`}`;
}
