import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers.js';

describe('the interactive 材料清单', () => {
  let dataDir: string;
  let t: TestBot;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mz-ck-bot-'));
    t = await createTestBot({ env: { DATA_DIR: dataDir } });
  });
  afterEach(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const openChecklist = async (bot: TestBot) => {
    const answer = await bot.send('离婚登记');
    const button = bot.buttons(answer).find((b) => b.text.includes('材料清单'));
    if (!button) throw new Error('no 材料清单 button');
    return bot.press(button.data);
  };

  it('ticks a material, redraws the message without it, and still has it ticked after a restart', async () => {
    const item = t.deps.catalog.get('marriage.divorce');
    const first = item?.materials[0];
    if (!item || !first) throw new Error('missing item');
    const checklist = await openChecklist(t);
    expect(t.texts(checklist).join('\n')).toContain(first.name);
    const tick = t.buttons(checklist).find((b) => b.data === `ck:${item.id}:0`);
    if (!tick) throw new Error('no tick button');
    const pressed = await t.press(tick.data);
    const edit = pressed.find((c) => c.method === 'editMessageText');
    expect(String(edit?.payload.text)).not.toContain(first.name);
    expect(String(edit?.payload.text)).toContain('已备好1样');
    expect(pressed.find((c) => c.method === 'answerCallbackQuery')?.payload.text).toBe('已打勾');
    await t.close();

    t = await createTestBot({ env: { DATA_DIR: dataDir } });
    const again = await openChecklist(t);
    const text = t.texts(again).join('\n');
    expect(text).not.toContain(first.name);
    expect(t.buttons(again).find((b) => b.data === `ck:${item.id}:0`)?.text.startsWith('☑')).toBe(true);
  });

  it('sends the printed checklist as a PDF document', async () => {
    const checklist = await openChecklist(t);
    const print = t.buttons(checklist).find((b) => b.text.includes('打印清单'));
    if (!print) throw new Error('no print button');
    const calls = await t.press(print.data);
    const doc = calls.find((c) => c.method === 'sendDocument');
    expect(doc).toBeDefined();
    expect(String(doc?.payload.caption)).toContain('离婚登记');
  });

  it('says kindly when the printing font is missing, and sends nothing', async () => {
    await t.close();
    t = await createTestBot({ env: { DATA_DIR: dataDir, CJK_FONT_FILE: '/nonexistent/font.ttc' } });
    const checklist = await openChecklist(t);
    const print = t.buttons(checklist).find((b) => b.text.includes('打印清单'));
    if (!print) throw new Error('no print button');
    const calls = await t.press(print.data);
    expect(String(calls.find((c) => c.method === 'answerCallbackQuery')?.payload.text)).toContain('暂时用不了');
    expect(calls.filter((c) => c.method === 'sendDocument')).toHaveLength(0);
  });

  it('answers a forged tick politely and changes nothing', async () => {
    for (const data of ['ck:marriage.divorce:99', 'ck:no-such.item:0', 'ck:../x:1', 'pr:no-such.item']) {
      const calls = await t.press(data);
      expect(calls.find((c) => c.method === 'answerCallbackQuery')?.payload.text, data).toMatch(/失效|重新/);
      expect(calls.filter((c) => c.method === 'editMessageText' || c.method === 'sendDocument')).toHaveLength(0);
    }
  });
});
