import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { maskPersonalData } from '../../privacy/mask.js';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;
export type Cell = string | number;

/** A table of the console: drawn as HTML and downloadable as CSV under the same name. */
export interface Table {
  name: string;
  caption: string;
  headers: string[];
  rows: Cell[][];
  /** Column index → link for that row's cell (e.g. a case's detail page). */
  links?: (row: Cell[], col: number) => string | undefined;
  /** Sortable: header links re-sort on the server (works printed and without script). */
  sort?: { key: number; dir: 'asc' | 'desc'; href: (col: number, dir: 'asc' | 'desc') => string };
}

const NAV: [string, string][] = [
  ['/console/', '总览'],
  ['/console/items', '事项'],
  ['/console/cases', '案件'],
  ['/console/unanswered', '未答问题'],
  ['/console/reminders', '年检提醒'],
  ['/console/channels', '渠道'],
];

/**
 * A console page. Every interpolated value is escaped by hono/html; citizens' texts are masked once
 * more on the way out (they were masked when stored), so no page can show a 身份证号 or phone number.
 */
export function page(opts: { title: string; path: string; admin: string; csrf: string; body: Html }): Html {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · 民政服务助手管理台</title>
<link rel="stylesheet" href="/assets/console.css">
<link rel="stylesheet" href="/assets/uplot.css">
<script src="/assets/uplot.js" defer></script>
<script src="/assets/console.js" defer></script>
</head>
<body>
<a class="skip" href="#main">跳到正文</a>
<header class="top">
  <strong>民政服务助手 · 管理台</strong>
  <nav aria-label="管理台导航"><ul>${NAV.map(
    ([href, label]) => html`<li><a href="${href}"${href === opts.path ? raw(' aria-current="page"') : ''}>${label}</a></li>`,
  )}</ul></nav>
  <form method="post" action="/console/logout" class="logout"><input type="hidden" name="csrf" value="${opts.csrf}"><span>${opts.admin}</span> <button type="submit">退出</button></form>
</header>
<main id="main">
<h1>${opts.title}</h1>
${opts.body}
</main>
</body>
</html>`;
}

/** Masks once more on output (defence in depth) and escapes through the template. */
export const safeText = (text: string): string => maskPersonalData(text);

export function tableHtml(t: Table, csvHref?: string): Html {
  const head = t.headers.map((h, i) => {
    if (!t.sort) return html`<th scope="col">${h}</th>`;
    const active = t.sort.key === i;
    const next = active && t.sort.dir === 'desc' ? 'asc' : 'desc';
    const aria = active ? (t.sort.dir === 'desc' ? 'descending' : 'ascending') : 'none';
    return html`<th scope="col" aria-sort="${aria}"><a href="${t.sort.href(i, next)}">${h}${active ? (t.sort.dir === 'desc' ? ' ▼' : ' ▲') : ''}</a></th>`;
  });
  const body = t.rows.map(
    (r) =>
      html`<tr>${r.map((cell, i) => {
        const href = t.links?.(r, i);
        const text = typeof cell === 'number' ? String(cell) : safeText(cell);
        return href ? html`<td><a href="${href}">${text}</a></td>` : html`<td>${text}</td>`;
      })}</tr>`,
  );
  return html`<figure class="table">
<table id="t-${t.name}"><caption>${t.caption}${csvHref ? html` <a class="csv" href="${csvHref}">下载 CSV</a>` : ''}</caption>
<thead><tr>${head}</tr></thead>
<tbody>${t.rows.length === 0 ? html`<tr><td colspan="${t.headers.length}">（无）</td></tr>` : body}</tbody>
</table></figure>`;
}

/** JSON for a data block read by console.js: `<` escaped so no text can close the script element. */
export function jsonBlock(id: string, data: unknown): Html {
  return html`<script type="application/json" id="${id}">${raw(JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'))}</script>`;
}

export const pct = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
