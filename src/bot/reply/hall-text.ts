import { hallContact } from '../../catalog/contact.js';
import type { Hall } from '../../catalog/schema.js';
import { escapeHtml as e } from '../render/html.js';

/** The hall's contact block: how to reach a person (only real, supplied values). */
export function contactText(hall: Hall): string {
  const contact = hallContact(hall);
  return [
    `🏛 <b>${e(contact.title)}</b>`,
    ...contact.lines.map((l) => (l.url ? `${e(l.label)}：<a href="${e(l.url)}">${e(l.value)}</a>` : `${e(l.label)}：${e(l.value)}`)),
  ].join('\n');
}
