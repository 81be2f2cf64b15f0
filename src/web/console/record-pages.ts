import type { Context } from 'hono';
import { html } from 'hono/html';
import type { BotDeps } from '../../bot/context.js';
import { computeBreakdown, satisfaction } from './figures.js';
import { jsonBlock, pct, tableHtml, type Html } from './layout.js';
import { periodOf, type View } from './views.js';
import { allCases, channelsTable, itemsTable, labelOf, levelsTable, trendTable } from './tables.js';

const PRESETS: [string, string][] = [['本月', '本月'], ['上月', '上月'], ['本周', '本周'], ['30d', '近 30 天'], ['今年', '今年'], ['全部', '全部']];

/** The period chooser: presets as links, or any range typed as in /stats. */
function periodForm(current: string, error: string | undefined): Html {
  return html`<form method="get" class="period" role="search" aria-label="统计时段">
<label for="period">时段</label> <input id="period" name="period" value="${current}" placeholder="如 2026-09 或 2026-09-01..2026-09-30">
<button type="submit">查看</button>
<span class="presets">${PRESETS.map(([v, l]) => html`<a href="?period=${encodeURIComponent(v)}">${l}</a> `)}</span>
${error ? html`<p role="alert" class="error">${error}</p>` : ''}</form>`;
}

const since = (days: number | null, what: string): string => (days === null ? `尚无${what}` : `${days} 天`);

/** 总览: satisfaction, levels, 差评 and complaints, days since the last ones, 回访 rate, trend chart. */
export async function recordPage(deps: BotDeps, c: Context): Promise<View> {
  const { period, error } = periodOf(c, deps.clock());
  const stats = await deps.ratings.stats(period);
  const b = await computeBreakdown({ dataDir: deps.config.DATA_DIR, period, windowMs: deps.config.RATING_CHANGE_MINUTES * 60_000, cases: [] });
  const levels = levelsTable(stats);
  const trend = trendTable(b);
  const figures: [string, string, string][] = [
    ['satisfaction', '满意率', pct(stats.satisfactionRate)],
    ['rated', '评价数', String(stats.rated)],
    ['answers', '答复次数', String(stats.answers)],
    ['bad', '差评', String(stats.bad)],
    ['complaints', '投诉', String(stats.complaints)],
    ['since-bad', '距上次差评', since(stats.daysSinceLastBad, '差评')],
    ['since-complaint', '距上次投诉', since(stats.daysSinceLastComplaint, '投诉')],
    ['follow-up', '回访率', `${pct(stats.cases.followUpRate)}（${stats.cases.followedUp}/${stats.cases.opened}）`],
    ['open-cases', '未办结案件', `${stats.cases.open}（超期 ${stats.cases.overdue}）`],
  ];
  const chart = {
    x: b.trend.map((t) => Date.parse(`${t.bucket.length === 7 ? `${t.bucket}-01` : t.bucket}T00:00:00+08:00`) / 1000),
    satisfaction: b.trend.map((t) => {
      const r = satisfaction(t);
      return r === null ? null : Math.round(r * 1000) / 10;
    }),
    rated: b.trend.map((t) => t.rated),
    bad: b.trend.map((t) => t.bad),
  };
  return {
    title: `好差评总览（${period.from} 至 ${period.to}）`,
    tables: [levels, trend],
    body: (csv) => html`${periodForm(c.req.query('period') ?? '', error)}
<dl class="figures">${figures.map(([id, k, v]) => html`<div data-figure="${id}"><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>
<p class="note">满意率 =（非常满意 + 满意 + 基本满意）÷ 全部评价；差评 = 不满意 + 非常不满意；回访率按本期新立案件计。</p>
<section aria-labelledby="trend-h"><h2 id="trend-h">趋势</h2>
<div id="trend-chart" class="chart" role="img" aria-label="满意率、评价数与差评数随时间的变化，数据见下表"></div>
${jsonBlock('trend-data', chart)}
<details><summary>趋势数据表</summary>${tableHtml(trend, csv('trend'))}</details></section>
${tableHtml(levels, csv('levels'))}`,
  };
}

/** 事项: volume, satisfaction and 差评 per item, sortable on any column. */
export async function itemsPage(deps: BotDeps, c: Context): Promise<View> {
  const { period, error } = periodOf(c, deps.clock());
  const b = await computeBreakdown({ dataDir: deps.config.DATA_DIR, period, windowMs: deps.config.RATING_CHANGE_MINUTES * 60_000, cases: [] });
  const key = Math.min(4, Math.max(0, Number(c.req.query('sort') ?? '1') || 0));
  const dir = c.req.query('dir') === 'asc' ? 'asc' : 'desc';
  const p = c.req.query('period') ?? '';
  const t = itemsTable(b, labelOf(deps), { key, dir }, (col, d) => `?period=${encodeURIComponent(p)}&sort=${col}&dir=${d}`);
  return { title: `各事项（${period.from} 至 ${period.to}）`, tables: [t], body: (csv) => html`${periodForm(p, error)}${tableHtml(t, csv('items'))}` };
}

/** 渠道: Telegram and web side by side. */
export async function channelsPage(deps: BotDeps, c: Context): Promise<View> {
  const { period, error } = periodOf(c, deps.clock());
  const b = await computeBreakdown({ dataDir: deps.config.DATA_DIR, period, windowMs: deps.config.RATING_CHANGE_MINUTES * 60_000, cases: allCases(deps) });
  const t = await channelsTable(deps, b, period);
  return { title: `按渠道（${period.from} 至 ${period.to}）`, tables: [t], body: (csv) => html`${periodForm(c.req.query('period') ?? '', error)}${tableHtml(t, csv('channels'))}` };
}
