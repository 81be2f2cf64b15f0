import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_USER, startE2eBot, type BotMessage, type E2eBot } from './harness.js';

// The managers' chat: a private chat with a manager is enough for the emulator.
const MANAGER = { id: 9001, firstName: '王科长' };

describe('好差评 end to end: a 差评 reaches the managers chat', () => {
  let bot: E2eBot;

  beforeAll(async () => {
    bot = await startE2eBot({ env: { ADMIN_IDS: String(MANAGER.id), MANAGER_CHAT_ID: String(MANAGER.id) } });
  });
  afterAll(async () => {
    await bot?.dispose();
  });

  it('ask → card → 非常不满意 → reason → the case in the managers chat', async () => {
    await bot.send('结婚登记要带什么');
    const card = await bot.waitForMessages((m: BotMessage) => m.buttons.some((b) => b.data?.startsWith('rt:')));
    const last = card.at(-1)!;
    const worst = last.buttons.find((b) => b.text === '非常不满意');
    expect(worst?.data).toMatch(/^rt:[0-9a-z]{17}:1$/);
    await bot.press(worst!.data!, last.messageId);

    const afterPress = await bot.waitForMessages((m) => m.text.includes('哪里做得不好'));
    const push = afterPress.find((m) => m.chatId === MANAGER.id);
    expect(push?.text).toContain('新差评');
    expect(push?.buttons.map((b) => b.text)).toContain('我来跟进');

    await bot.send('材料清单没写清楚要不要复印件');
    // The citizen is thanked first, then the managers get the reason.
    const after = await bot.waitForMessages((m) => m.chatId === MANAGER.id && m.text.includes('补充了差评原因'));
    expect(after.at(-1)?.text).toContain('复印件');
    const thanks = after.find((m) => m.chatId === E2E_USER.id);
    expect(thanks?.text).toContain('前联系您');
  });
});
