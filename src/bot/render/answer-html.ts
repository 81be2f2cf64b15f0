import { InlineKeyboard } from 'grammy';
import type { Action, Answer, Block, PartKey, Span } from '../../answers/types.js';
import { browseCategory, browseHome, checklistPrint, checklistTick, itemView, pickItem, type ItemViewName } from '../callbacks.js';
import { escapeHtml as e, packMessages } from './html.js';

const MARKERS = { bullet: '• ', optional: '◦ ', todo: '☐ ', done: '☑ ', abolished: '✂️ ' } as const;

function span(s: Span): string {
  let t = e(s.text);
  if (s.strike) t = `<s>${t}</s>`;
  if (s.italic) t = `<i>${t}</i>`;
  if (s.bold) t = `<b>${t}</b>`;
  if (s.url) t = `<a href="${e(s.url)}">${t}</a>`;
  return t;
}

/** Blocks and actions built from catalog data are shared between answers: their HTML is built once. */
const blockHtml = new WeakMap<Block, string>();
const actionData = new WeakMap<Action, string>();

function block(b: Block): string {
  let html = blockHtml.get(b);
  if (html === undefined) {
    html = buildBlock(b);
    blockHtml.set(b, html);
  }
  return html;
}

function buildBlock(b: Block): string {
  switch (b.type) {
    case 'title':
      return `📋 <b>${e(b.text)}</b>`;
    case 'text':
      return b.spans.map(span).join('');
    case 'heading':
      return `\n<b>${b.icon ? `${b.icon} ` : ''}${e(b.text)}</b>`;
    case 'list':
      return b.items.map((item, i) => `${b.style === 'number' ? `${i + 1}. ` : MARKERS[b.style]}${item.map(span).join('')}`).join('\n');
    case 'note':
      return `<i>${e(b.text)}</i>`;
    case 'contact':
      return [
        `🏛 <b>${e(b.contact.title)}</b>`,
        ...b.contact.lines.map((l) => (l.url ? `${e(l.label)}：<a href="${e(l.url)}">${e(l.value)}</a>` : `${e(l.label)}：${e(l.value)}`)),
      ].join('\n');
  }
}

/** The callback view name of each part (kept short: callback data is 64 bytes). */
export const PART_VIEW: Record<PartKey, ItemViewName> = {
  summary: 'card',
  materials: 'mat',
  steps: 'steps',
  conditions: 'cond',
  'time-fee': 'tf',
  where: 'where',
  faq: 'faq',
  related: 'rel',
  basis: 'basis',
  full: 'full',
};

function callbackData(a: Action): string {
  let data = actionData.get(a);
  if (data === undefined) {
    data = buildCallbackData(a);
    actionData.set(a, data);
  }
  return data;
}

function buildCallbackData(a: Action): string {
  switch (a.type) {
    case 'part':
      return itemView.pack({ id: a.item, view: PART_VIEW[a.part] });
    case 'item':
      return pickItem.pack({ id: a.item });
    case 'tick':
      return checklistTick.pack({ id: a.item, n: a.index });
    case 'print':
      return checklistPrint.pack({ id: a.item });
    case 'category':
      return browseCategory.pack({ index: a.index });
    case 'menu':
      return browseHome.pack({});
  }
}

/** The answer's buttons as an inline keyboard. */
export function answerKeyboard(answer: Answer, keyboard = new InlineKeyboard()): InlineKeyboard {
  for (const row of answer.actions) {
    for (const a of row) keyboard.text(a.label, callbackData(a));
    keyboard.row();
  }
  return keyboard;
}

/**
 * An answer as Telegram HTML messages, every piece of text escaped, each message under 4096
 * characters (split only between blocks or lines, so no tag is cut).
 */
export function renderAnswerHtml(answer: Answer): string[] {
  const sections: string[] = [];
  let current: string[] = [];
  for (const b of answer.blocks) {
    // A heading starts a section, so long answers break between parts rather than inside one.
    if (b.type === 'heading' && current.length > 0) {
      sections.push(current.join('\n'));
      current = [];
    }
    current.push(b.type === 'heading' && current.length === 0 ? block(b).trimStart() : block(b));
  }
  if (current.length > 0) sections.push(current.join('\n'));
  return packMessages(sections);
}
