import { chinaDate } from '../../calendar/work-calendar.js';
import type { BotDeps } from '../../bot/context.js';
import { STATUS_LABELS } from '../../ratings/case-ops.js';
import { CHANNEL_LABELS, CHANNELS, channelOfChat } from '../../ratings/channel.js';
import { chinaDateTime } from '../../ratings/export-csv.js';
import { LEVEL_LABELS, RATING_LEVELS } from '../../ratings/levels.js';
import { periodBounds, type Period } from '../../ratings/period.js';
import type { RatingStats } from '../../ratings/stats.js';
import type { RatingCase } from '../../ratings/types.js';
import { groupUnanswered } from '../../ratings/unanswered-groups.js';
import type { SubscriptionView } from '../../reminders/service.js';
import { satisfaction, type Breakdown } from './figures.js';
import { pct, type Cell, type Table } from './layout.js';

/** Builders of the console's tables from domain figures: the same rows go to HTML and to CSV. */

export type LabelOf = (intent: string | null) => string;

export function labelOf(deps: BotDeps): LabelOf {
  return (intent) => (intent === null ? '未识别' : intent === 'complaint' ? '投诉举报' : (deps.catalog.get(intent)?.name ?? intent));
}

export function levelsTable(s: RatingStats): Table {
  return {
    name: 'levels',
    caption: '评价等级分布',
    headers: ['评价', '条数', '占比'],
    rows: RATING_LEVELS.map((l) => [LEVEL_LABELS[l], s.byLevel[l], pct(s.rated === 0 ? null : s.byLevel[l] / s.rated)]),
  };
}

export function trendTable(b: Breakdown): Table {
  return {
    name: 'trend',
    caption: '按日期（超过三个月按月）',
    headers: ['日期', '答复', '评价', '满意率', '差评'],
    rows: b.trend.map((t) => [t.bucket, t.answers, t.rated, pct(satisfaction(t)), t.bad]),
  };
}

const SORT_KEYS = ['name', 'answers', 'rated', 'satisfaction', 'bad'] as const;

export function itemsTable(b: Breakdown, label: LabelOf, sort: { key: number; dir: 'asc' | 'desc' }, href: (col: number, dir: 'asc' | 'desc') => string): Table {
  const rows: Cell[][] = [...b.byItem].map(([intent, t]) => [label(intent), t.answers, t.rated, pct(satisfaction(t)), t.bad]);
  const value = (r: Cell[], k: number): number | string => {
    if (SORT_KEYS[k] === 'satisfaction') {
      const v = String(r[k]);
      return v === '—' ? -1 : Number.parseFloat(v);
    }
    return r[k] ?? '';
  };
  rows.sort((x, y) => {
    const a = value(x, sort.key);
    const c = value(y, sort.key);
    const order = typeof a === 'number' && typeof c === 'number' ? a - c : String(a).localeCompare(String(c), 'zh-CN');
    return sort.dir === 'asc' ? order : -order;
  });
  return { name: 'items', caption: '各事项的咨询量、满意率与差评', headers: ['事项', '咨询量', '评价数', '满意率', '差评'], rows, sort: { ...sort, href } };
}

export async function channelsTable(deps: BotDeps, b: Breakdown, period: Period): Promise<Table> {
  const { start, end } = periodBounds(period);
  const unanswered = { telegram: 0, web: 0 };
  for await (const e of deps.unanswered.entries()) {
    const at = Date.parse(e.at);
    if (at >= start && at < end) unanswered[e.channel ?? 'telegram']++;
  }
  return {
    name: 'channels',
    caption: '按渠道（Telegram 含本地终端对话）',
    headers: ['渠道', '答复', '评价', '满意率', '差评', '案件', '其中投诉', '未答问题'],
    rows: CHANNELS.map((c) => {
      const t = b.byChannel[c];
      return [CHANNEL_LABELS[c], t.answers, t.rated, pct(satisfaction(t)), t.bad, t.cases, t.complaints, unanswered[c]];
    }),
  };
}

export type CaseFilter = 'open' | 'overdue' | 'closed' | 'all';
export const CASE_FILTERS: Record<CaseFilter, string> = { open: '未办结', overdue: '已超期', closed: '已办结', all: '全部' };

export function casesTable(deps: BotDeps, filter: CaseFilter, label: LabelOf): Table {
  const all: readonly RatingCase[] = filter === 'open' || filter === 'overdue' ? deps.ratings.openCases() : allCases(deps);
  const chosen = all.filter((c) =>
    filter === 'overdue' ? deps.ratings.isOverdue(c) : filter === 'closed' ? c.status === 'closed' : true,
  );
  return {
    name: 'cases',
    caption: `案件（${CASE_FILTERS[filter]}，${chosen.length} 件）`,
    headers: ['案件号', '来源', '事项', '状态', '立案时间', '办结时限', '超期', '承办人', '渠道'],
    rows: chosen.map((c) => [
      c.id, c.source === 'complaint' ? '投诉' : c.withdrawn ? '差评（已撤回）' : `差评（${c.level === undefined ? '' : LEVEL_LABELS[c.level]}）`,
      label(c.intent), STATUS_LABELS[c.status], chinaDateTime(c.openedAt), c.dueDate, deps.ratings.isOverdue(c) ? '是' : '否',
      c.assignee?.name ?? '未认领', CHANNEL_LABELS[c.channel ?? channelOfChat(c.chatId)],
    ]),
    links: (row, col) => (col === 0 ? `/console/cases/${String(row[0])}` : undefined),
  };
}

/** Every case, newest first: open ones come from the service; closed ones through getCase by id. */
export function allCases(deps: BotDeps): RatingCase[] {
  const out: RatingCase[] = [];
  for (let id = 1, misses = 0; misses < 50; id++) {
    const c = deps.ratings.getCase(id);
    if (c) {
      out.push(c);
      misses = 0;
    } else misses++;
  }
  return out.reverse();
}

export async function unansweredTables(deps: BotDeps, period: Period, label: LabelOf): Promise<Table[]> {
  const groups = await groupUnanswered(deps.unanswered.entries(), { ...periodBounds(period), top: 100 });
  return [
    {
      name: 'gaps',
      caption: '不在事项范围内（目录缺口，按次数排序）',
      headers: ['问题（已脱敏）', '次数'],
      rows: groups['out-of-scope'].map((g) => [g.example, g.count]),
    },
    {
      name: 'clarify',
      caption: '需要追问才确定的',
      headers: ['问题（已脱敏）', '次数', '当时给出的选项'],
      rows: groups.clarify.map((g) => [g.example, g.count, g.candidates.map(label).join(' / ')]),
    },
  ];
}

const REMINDER_STATUS: Record<SubscriptionView['status'], string> = { overdue: '已逾期', upcoming: '未提交', submitted: '已提交', paused: '已暂停（屏蔽了机器人）' };
const STATUS_ORDER: SubscriptionView['status'][] = ['overdue', 'upcoming', 'paused', 'submitted'];

export function remindersTables(deps: BotDeps): Table[] {
  const views = deps.reminders.views();
  const counts = STATUS_ORDER.map((s) => [REMINDER_STATUS[s], views.filter((v) => v.status === s).length]);
  const rows = [...views]
    .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || (a.next?.daysLeft ?? 0) - (b.next?.daysLeft ?? 0))
    // 已提交 marks one deadline: "1/3" says how many of the year's deadlines the organisation reported.
    .map((v) => [v.name, v.code, v.kind, REMINDER_STATUS[v.status], `${v.deadlines.filter((d) => d.submitted).length}/${v.deadlines.length}`, v.next?.title ?? '', v.next?.date ?? '', v.next?.daysLeft ?? '', CHANNEL_LABELS[channelOfChat(v.chatId)]]);
  return [
    { name: 'reminder-status', caption: `订阅组织按状态（今天 ${chinaDate(deps.clock())}）`, headers: ['状态', '组织数'], rows: counts },
    { name: 'reminders', caption: '订阅年检提醒的组织', headers: ['组织名称', '统一社会信用代码', '类型', '状态', '已提交事项', '截止事项', '截止日期', '剩余天数', '渠道'], rows },
  ];
}
