import { toCsv } from './csv.js';
import { isBadLevel, LEVEL_LABELS, BAD_REASONS } from './levels.js';
import { inPeriod, type Period } from './period.js';
import { STATUS_LABELS } from './case-ops.js';
import type { AnswerKind, CaseEvent, RatingCase, RatingRecord } from './types.js';

const KIND_LABELS: Readonly<Record<AnswerKind, string>> = {
  card: '办事指南',
  clarified: '澄清后答复',
  handoff: '转人工',
  complaint: '投诉受理',
};

/** China local time as "YYYY-MM-DD HH:mm", which Excel reads as a date-time. */
export function chinaDateTime(at: number): string {
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function notes(c: RatingCase, action: CaseEvent['action']): string {
  return c.events
    .filter((e) => e.action === action)
    .map((e) => `${chinaDateTime(e.at)} ${e.byName ?? ''} ${e.note ?? ''}`.replace(/\s+/g, ' ').trim())
    .join('；');
}

/**
 * Builds the /export files for a period: one row per final rating, one per case opened in it.
 * Reviewers are not named (only answer and case numbers); question texts were masked when stored.
 */
export async function exportCsv(input: {
  period: Period;
  ratings: AsyncIterable<RatingRecord[]>;
  cases: readonly RatingCase[];
  isOverdue: (c: RatingCase) => boolean;
}): Promise<{ ratings: string; cases: string }> {
  const ratingRows: (string | number)[][] = [['评价时间', '最后修改', '答复编号', '事项', '答复类型', '评价', '是否差评']];
  for await (const batch of input.ratings) {
    for (const r of batch) {
      if (!inPeriod(r.firstAt, input.period)) continue;
      ratingRows.push([
        chinaDateTime(r.firstAt), chinaDateTime(r.at), r.answerId, r.intent ?? '（未识别）',
        KIND_LABELS[r.kind], LEVEL_LABELS[r.level], isBadLevel(r.level) ? '是' : '否',
      ]);
    }
  }
  const caseRows: (string | number)[][] = [[
    '案件号', '来源', '立案时间', '办结时限', '状态', '是否超期', '事项', '评价', '问题（已脱敏）', '原因', '原因说明',
    '承办人', '回访记录', '整改记录', '办结记录', '回访后评价',
  ]];
  for (const c of input.cases) {
    if (!inPeriod(c.openedAt, input.period)) continue;
    caseRows.push([
      c.id, c.source === 'complaint' ? '投诉' : c.withdrawn ? '差评（已撤回）' : '差评', chinaDateTime(c.openedAt),
      c.dueDate, STATUS_LABELS[c.status], input.isOverdue(c) ? '是' : '否', c.intent ?? '（未识别）',
      c.level === undefined ? '' : LEVEL_LABELS[c.level], c.question, c.reasons.map((r) => BAD_REASONS[r]).join('、'),
      c.reasonText ?? '', c.assignee?.name ?? '', notes(c, 'contacted'), notes(c, 'rectified'), notes(c, 'closed'),
      c.rerating ? LEVEL_LABELS[c.rerating.level] : '',
    ]);
  }
  return { ratings: toCsv(ratingRows), cases: toCsv(caseRows) };
}
