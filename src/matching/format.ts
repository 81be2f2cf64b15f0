import type { MatchResult } from './types.js';

const ASPECT_NAMES: Record<NonNullable<MatchResult['aspect']>, string> = {
  materials: '材料',
  time: '时限',
  fee: '收费',
  amount: '金额标准',
  where: '办理地点',
  online: '网上办理',
  'cross-province': '跨省通办',
  progress: '办理进度',
  steps: '流程',
  conditions: '条件',
  basis: '依据',
  faq: '常见问题',
};

/** Chinese names of the system intents, for readable output. */
export const SYSTEM_INTENT_NAMES: Readonly<Record<string, string>> = {
  greeting: '问候',
  thanks: '致谢',
  goodbye: '告别',
  help: '使用帮助',
  'human-handoff': '转人工',
  complaint: '投诉举报',
  'office-info': '大厅办公信息',
  'progress-query': '办件进度查询',
  'reminder-subscribe': '订阅年检提醒',
  'reminder-unsubscribe': '取消年检提醒',
  praise: '表扬感谢',
};

/** The one-line JSON shape of the matcher CLI (`--json`). */
export function toJsonLine(r: MatchResult): string {
  return JSON.stringify({ query: r.query, intent: r.intent, score: r.score, clarify: r.clarify, candidates: r.candidates });
}

/**
 * A readable Chinese line for one verdict; `nameOf` turns an intent id into the item's name.
 */
export function toReadableLine(r: MatchResult, nameOf: (id: string) => string): string {
  const aspect = r.aspect ? `，问的是${ASPECT_NAMES[r.aspect]}` : '';
  const follow = r.followUp ? '（承接上文）' : '';
  if (r.clarify) {
    const options = r.candidates.map((c) => `${nameOf(c.intent)}（${c.score.toFixed(2)}）`).join(' / ');
    return `「${r.query}」→ 需要确认是哪一项${follow}：${options}${aspect}`;
  }
  if (r.intent === null) return `「${r.query}」→ 不属于本厅办理的事项，不作匹配（得分 ${r.score.toFixed(2)}）`;
  return `「${r.query}」→ ${nameOf(r.intent)} [${r.intent}]，置信度 ${r.score.toFixed(2)}${follow}${aspect}`;
}
