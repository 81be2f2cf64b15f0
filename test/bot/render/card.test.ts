import { beforeAll, describe, expect, it } from 'vitest';
import { renderCard } from '../../../src/bot/render/card.js';
import { loadCatalogSnapshot } from '../../../src/catalog/load-catalog.js';
import type { CatalogSnapshot } from '../../../src/catalog/types.js';

describe('the 办事指南 card', () => {
  let snapshot: CatalogSnapshot;
  beforeAll(async () => {
    snapshot = await loadCatalogSnapshot('data');
  });

  it('renders every shipped item as well-formed HTML under the message limit', () => {
    for (const item of snapshot.items) {
      const messages = renderCard(item);
      for (const m of messages) {
        expect(m.length, item.id).toBeLessThanOrEqual(4096);
        const opened = (m.match(/<(b|i|s|a)[ >]/g) ?? []).length;
        const closed = (m.match(/<\/(b|i|s|a)>/g) ?? []).length;
        expect(opened, item.id).toBe(closed);
      }
      const text = messages.join('\n');
      expect(text).toContain('申请材料');
      expect(text).toContain('法定时限');
      expect(text).toContain('承诺时限');
      for (const m of item.materials) expect(text).toContain(m.name.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
    }
  });

  it('puts the asked aspect first: "要多久" shows the time limits before the checklist', () => {
    const item = snapshot.byId.get('assistance.dibao');
    if (!item) throw new Error('missing');
    const text = renderCard(item, 'time').join('\n');
    expect(text.indexOf('办理时限')).toBeLessThan(text.indexOf('申请材料'));
  });

  it('escapes catalog text, so a stray "<" cannot break the markup', () => {
    const item = snapshot.byId.get('marriage.register');
    if (!item) throw new Error('missing');
    const text = renderCard({ ...item, summary: '<script>x</script> & 更多' }).join('\n');
    expect(text).toContain('&lt;script&gt;x&lt;/script&gt; &amp; 更多');
  });

  it('marks conditional and abolished materials differently from required ones', () => {
    const item = snapshot.items.find((i) => i.abolishedMaterials.length > 0 && i.materials.some((m) => !m.required));
    if (!item) throw new Error('no item with both kinds');
    const text = renderCard(item).join('\n');
    expect(text).toContain('◇');
    expect(text).toContain('已不再需要');
  });
});

describe('a follow-up answer', () => {
  it('is brief: only the part asked about, with a pointer to the full guide', async () => {
    const snapshot = await loadCatalogSnapshot('data');
    const item = snapshot.byId.get('marriage.register');
    if (!item) throw new Error('missing');
    const text = renderCard(item, 'fee', true).join('\n');
    expect(text).toContain('收费');
    expect(text).not.toContain('申请材料');
    expect(text).toContain('办事指南');
  });
});
