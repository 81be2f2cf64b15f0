import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers.js';

describe('browsing the catalog', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await createTestBot();
  });
  afterEach(async () => {
    await t.close();
  });

  it('greets on /start with a button per category', async () => {
    const calls = await t.send('/start');
    expect(t.texts(calls)[0]).toContain('您好');
    const categories = t.deps.catalog.current().categories;
    expect(t.buttons(calls).filter((b) => b.data.startsWith('cat:'))).toHaveLength(categories.length);
  });

  it('goes from a category down to an item summary, then to its steps and FAQ', async () => {
    const start = await t.send('/menu');
    const marriage = t.buttons(start).find((b) => b.text.startsWith('婚姻'));
    if (!marriage) throw new Error('no 婚姻 button');
    const items = t.buttons(await t.press(marriage.data));
    const register = items.find((b) => b.text === '结婚登记');
    if (!register) throw new Error('no 结婚登记 button');
    const card = await t.press(register.data);
    expect(t.texts(card).join('\n')).toContain('带什么');
    const steps = t.buttons(card).find((b) => b.text.includes('办理流程'));
    if (!steps) throw new Error('no steps button');
    expect(t.texts(await t.press(steps.data)).join('\n')).toContain('办理流程');
    const faq = t.buttons(card).find((b) => b.text.includes('常见问题'));
    if (!faq) throw new Error('no faq button');
    expect(t.texts(await t.press(faq.data)).join('\n')).toContain('问：');
  });

  it('answers forged or stale callback data politely and changes nothing', async () => {
    for (const data of ['i:no-such.item:card', 'i:marriage.register:hack', 'cat:77', 'pick:../../etc', 'zzz', 'cat:-1']) {
      const calls = await t.press(data);
      const answer = calls.find((c) => c.method === 'answerCallbackQuery');
      expect(answer?.payload.text, data).toMatch(/失效|重新/);
      expect(calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);
    }
  });
});
