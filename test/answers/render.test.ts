import { beforeAll, describe, expect, it } from 'vitest';
import { composeAnswer, type AnswerSources } from '../../src/answers/compose.js';
import { partAnswer } from '../../src/answers/parts.js';
import { renderPlain } from '../../src/answers/render-plain.js';
import type { Answer } from '../../src/answers/types.js';
import { answerKeyboard, renderAnswerHtml } from '../../src/bot/render/answer-html.js';
import { match, shippedSources } from './helpers.js';

let sources: AnswerSources;
let answers: Answer[];
beforeAll(async () => {
  sources = await shippedSources();
  answers = sources.snapshot.items.flatMap((item) => [
    partAnswer(item, 'full', sources),
    partAnswer(item, 'materials', sources),
    composeAnswer(item.name, match({ query: item.name, intent: item.id, outcome: 'item' }), sources) as Answer,
  ]);
});

const balanced = (html: string): boolean =>
  ['b', 'i', 's', 'a'].every((t) => (html.match(new RegExp(`<${t}[ >]`, 'g')) ?? []).length === (html.match(new RegExp(`</${t}>`, 'g')) ?? []).length);

describe('one answer, every channel', () => {
  it('Telegram: well-formed HTML under 4096 characters a message, and callback data under 64 bytes', () => {
    for (const a of answers) {
      for (const m of renderAnswerHtml(a)) {
        expect(m.length).toBeLessThanOrEqual(4096);
        expect(balanced(m), m.slice(0, 60)).toBe(true);
      }
      for (const b of answerKeyboard(a).inline_keyboard.flat()) {
        expect(Buffer.byteLength((b as { callback_data: string }).callback_data)).toBeLessThanOrEqual(64);
      }
    }
  });

  it('Telegram: escapes catalog text, so a stray "<" cannot break the markup', () => {
    const item = sources.snapshot.byId.get('marriage.register');
    if (!item) throw new Error('missing');
    const html = renderAnswerHtml(partAnswer({ ...item, summary: '<script>x</script> & 更多' }, 'full', sources)).join('\n');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt; &amp; 更多');
  });

  it('Telegram: splits an answer longer than one message between parts, never inside a tag', () => {
    const long: Answer = {
      kind: 'part',
      blocks: Array.from({ length: 40 }, (_, i) => [
        { type: 'heading' as const, text: `第${i}部分` },
        { type: 'text' as const, spans: [{ text: '很长的说明'.repeat(30), bold: true }] },
      ]).flat(),
      actions: [],
      notes: [],
    };
    const messages = renderAnswerHtml(long);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(balanced(m)).toBe(true);
  });

  it('plain text: the same words as the HTML, without markup, buttons listed by label', () => {
    for (const a of answers) {
      const plain = renderPlain(a);
      expect(plain.text).not.toMatch(/<\/?[bisa][ >]/);
      const html = renderAnswerHtml(a).join('\n');
      const title = a.blocks.find((b) => b.type === 'title');
      if (title?.type === 'title') expect(plain.text).toContain(title.text);
      if (title?.type === 'title') expect(html).toContain(title.text.replace(/&/g, '&amp;'));
      expect(plain.buttons.join(' ')).toContain(a.actions[0]?.[0]?.label ?? '');
    }
  });
});
