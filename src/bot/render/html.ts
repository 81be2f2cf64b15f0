/** Telegram's limit for one message's text. */
export const MESSAGE_LIMIT = 4096;

/** Escapes text for Telegram HTML parse mode. Every piece of catalog or user text goes through it. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Packs sections into messages under `limit` characters, breaking only between sections, or between
 * lines of a section that is too long alone, so no HTML tag is ever cut.
 */
export function packMessages(sections: string[], limit = MESSAGE_LIMIT): string[] {
  const pieces = sections.flatMap((s) => (s.length <= limit ? [s] : splitLines(s, limit)));
  const messages: string[] = [];
  let current = '';
  for (const piece of pieces) {
    const next = current ? `${current}\n\n${piece}` : piece;
    if (next.length <= limit) {
      current = next;
    } else {
      if (current) messages.push(current);
      current = piece;
    }
  }
  if (current) messages.push(current);
  return messages;
}

function splitLines(section: string, limit: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of section.split('\n')) {
    // A single over-long line (rare: a huge FAQ answer) is cut by characters; lines carry no open tags.
    const parts = line.length <= limit ? [line] : (line.match(new RegExp(`[^]{1,${limit}}`, 'g')) ?? []);
    for (const part of parts) {
      const next = current ? `${current}\n${part}` : part;
      if (next.length <= limit) current = next;
      else {
        if (current) out.push(current);
        current = part;
      }
    }
  }
  if (current) out.push(current);
  return out;
}
