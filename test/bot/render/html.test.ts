import { describe, expect, it } from 'vitest';
import { escapeHtml, packMessages } from '../../../src/bot/render/html.js';

describe('Telegram HTML helpers', () => {
  it('escapes every character that could open a tag or entity', () => {
    expect(escapeHtml('<b>A&B</b> "x"')).toBe('&lt;b&gt;A&amp;B&lt;/b&gt; &quot;x&quot;');
  });

  it('packs sections into as few messages as fit, never over the limit', () => {
    const sections = Array.from({ length: 10 }, (_, i) => `<b>第${i}节</b>\n${'字'.repeat(900)}`);
    const messages = packMessages(sections);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(4096);
    expect(messages.join('\n\n')).toBe(sections.join('\n\n'));
  });

  it('splits a single over-long section between lines so no tag is cut', () => {
    const section = Array.from({ length: 300 }, (_, i) => `<b>${i}</b> ${'材料'.repeat(10)}`).join('\n');
    const messages = packMessages([section], 1000);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(1000);
      expect((m.match(/<b>/g) ?? []).length).toBe((m.match(/<\/b>/g) ?? []).length);
    }
  });
});
