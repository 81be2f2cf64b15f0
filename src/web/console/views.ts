import type { Context } from 'hono';
import { html } from 'hono/html';
import type { BotDeps } from '../../bot/context.js';
import { AppError } from '../../errors.js';
import { parsePeriod, type Period } from '../../ratings/period.js';
import { tableHtml, type Html, type Table } from './layout.js';
import { channelsPage, itemsPage, recordPage } from './record-pages.js';
import { CASE_FILTERS, casesTable, labelOf, remindersTables, unansweredTables, type CaseFilter } from './tables.js';

/** One console view: its title and what it shows; `tables` also serve the CSV downloads. */
export interface View {
  title: string;
  tables: Table[];
  body: (csv: (table: string) => string) => Html;
}

/** The period asked for in `?period=`, or this month; a bad one is said on the page, not thrown. */
export function periodOf(c: Context, now: Date): { period: Period; error?: string } {
  const text = c.req.query('period') ?? '';
  try {
    return { period: parsePeriod(text, now) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { period: parsePeriod('', now), error: error.message };
  }
}

/** Every console page by path under /console/ ('' is the record); each also serves its tables as CSV. */
export function consoleViews(deps: BotDeps): Record<string, (c: Context) => Promise<View>> {
  const label = labelOf(deps);
  return {
    '': (c) => recordPage(deps, c),
    items: (c) => itemsPage(deps, c),
    channels: (c) => channelsPage(deps, c),
    cases: async (c) => {
      const f = (c.req.query('status') ?? 'open') as CaseFilter;
      const filter: CaseFilter = f in CASE_FILTERS ? f : 'open';
      const t = casesTable(deps, filter, label);
      return {
        title: '案件',
        tables: [t],
        body: (csv) => html`<nav aria-label="案件筛选" class="tabs"><ul>${Object.entries(CASE_FILTERS).map(
          ([k, v]) => html`<li><a href="?status=${k}"${k === filter ? html` aria-current="page"` : ''}>${v}</a></li>`,
        )}</ul></nav>${tableHtml(t, csv('cases'))}`,
      };
    },
    unanswered: async (c) => {
      const { period, error } = periodOf(c, deps.clock());
      const tables = await unansweredTables(deps, period, label);
      return { title: `未答问题（${period.from} 至 ${period.to}）`, tables, body: (csv) => html`${error ? html`<p role="alert">${error}</p>` : ''}<p>问题已脱敏；同一问法只算一组。</p>${tables.map((t) => tableHtml(t, csv(t.name)))}` };
    },
    reminders: async () => {
      const tables = remindersTables(deps);
      return { title: '年检提醒', tables, body: (csv) => html`${tables.map((t) => tableHtml(t, csv(t.name)))}` };
    },
  };
}
