import { STATUS_LABELS } from './case-ops.js';
import { chinaDateTime } from './export-csv.js';
import { BAD_REASONS, LEVEL_LABELS } from './levels.js';
import type { RatingCase } from './types.js';

export type LabelOf = (intent: string | null) => string;

const defaultLabel: LabelOf = (i) => i ?? '未识别';

/** "9月21日", the way a due date is said to a citizen. */
export function friendlyDate(date: string): string {
  const [, m, d] = date.split('-');
  return `${Number(m)}月${Number(d)}日`;
}

/** One line per case for the /cases list. */
export function caseLine(c: RatingCase, overdue: boolean, labelOf: LabelOf = defaultLabel): string {
  const what = c.source === 'complaint' ? '投诉' : `差评（${c.level === undefined ? '' : LEVEL_LABELS[c.level]}）`;
  const who = c.assignee ? ` · ${c.assignee.name}` : ' · 未认领';
  return `#${c.id} ${what} · ${labelOf(c.intent)} · ${STATUS_LABELS[c.status]} · 时限 ${c.dueDate}${overdue ? ' ⚠️超期' : ''}${who}`;
}

/**
 * A case in full for managers: what happened, why, by when, and its history. Plain text (no HTML),
 * so citizens' words need no escaping; every text in it was masked when stored.
 */
export function caseDetail(c: RatingCase, overdue: boolean, labelOf: LabelOf = defaultLabel): string {
  const lines = [
    `${c.source === 'complaint' ? '投诉' : '差评'} · 案件 #${c.id}${overdue ? '（⚠️ 已超期）' : ''}`,
    ...(c.level === undefined ? [] : [`评价：${LEVEL_LABELS[c.level]}`]),
    `事项：${labelOf(c.intent)}`,
    `${c.source === 'complaint' ? '投诉内容' : '咨询问题'}：${c.question || '（未填写）'}`,
  ];
  if (c.reasons.length > 0) lines.push(`原因：${c.reasons.map((r) => BAD_REASONS[r]).join('、')}`);
  if (c.reasonText) lines.push(`补充说明：${c.reasonText}`);
  lines.push(`立案：${chinaDateTime(c.openedAt)}；办结时限：${c.dueDate}`);
  lines.push(`状态：${STATUS_LABELS[c.status]}${c.assignee ? `；承办：${c.assignee.name}` : '；尚未认领'}`);
  for (const e of c.events) {
    if (e.action === 'contacted' || e.action === 'rectified' || e.action === 'closed') {
      lines.push(`· ${chinaDateTime(e.at)} ${STATUS_LABELS[e.action]}（${e.byName ?? '系统'}）：${e.note ?? ''}`);
    }
  }
  if (c.rerating) lines.push(`回访后再评价：${LEVEL_LABELS[c.rerating.level]}`);
  return lines.join('\n');
}
