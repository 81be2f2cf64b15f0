import type { Answer, Block, Span } from './types.js';

const MARKERS = { bullet: '• ', optional: '· ', todo: '☐ ', done: '☑ ', abolished: '✂ ' } as const;

function spans(list: Span[]): string {
  return list.map((s) => (s.url && s.url !== s.text ? `${s.text}（${s.url}）` : s.text)).join('');
}

function block(b: Block): string[] {
  switch (b.type) {
    case 'title':
      return [`【${b.text}】`];
    case 'text':
      return spans(b.spans).split('\n');
    case 'heading':
      return ['', `${b.icon ? `${b.icon} ` : ''}${b.text}`];
    case 'list':
      return b.items.map((item, i) => `${b.style === 'number' ? `${i + 1}. ` : MARKERS[b.style]}${spans(item)}`);
    case 'note':
      return [`（${b.text}）`];
    case 'contact':
      return [`${b.contact.title}`, ...b.contact.lines.map((l) => `${l.label}：${l.value}`)];
  }
}

/**
 * An answer as plain text lines (the web channel's fallback, logs, and the reply-length measure).
 * Buttons are listed as "[label]" on one line per row.
 */
export function renderPlain(answer: Answer): { text: string; buttons: string[] } {
  const lines = answer.blocks.flatMap(block);
  while (lines[0] === '') lines.shift();
  return { text: lines.join('\n'), buttons: answer.actions.map((row) => row.map((a) => `[${a.label}]`).join(' ')) };
}
