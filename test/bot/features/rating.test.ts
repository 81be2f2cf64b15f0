import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANAGER_CHAT_ID, OTHER_USER, USER, createTestBot, type ApiCall, type TestBot } from '../helpers.js';

let t: TestBot;
let now = new Date('2026-09-14T10:00:00+08:00');
beforeEach(async () => {
  now = new Date('2026-09-14T10:00:00+08:00');
  t = await createTestBot({ now: () => now });
});
afterEach(async () => {
  await t.close();
});

const toasts = (calls: ApiCall[]) =>
  calls.filter((c) => c.method === 'answerCallbackQuery').map((c) => String(c.payload.text ?? ''));

/** Asks a question that gets a card and returns the rating buttons under it. */
async function askForCard(): Promise<{ text: string; data: string }[]> {
  const calls = await t.send('结婚登记要带什么材料');
  return t.buttons(calls).filter((b) => b.data.startsWith('rt:'));
}

describe('rating an answer card', () => {
  it('shows the five national levels under the card', async () => {
    const buttons = await askForCard();
    expect(buttons.map((b) => b.text)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(buttons.every((b) => Buffer.byteLength(b.data) <= 64)).toBe(true);
  });

  it('records a rating, marks the chosen button and keeps the item buttons', async () => {
    const card = await t.send('结婚登记要带什么材料');
    const sent = card.filter((c) => c.method === 'sendMessage').at(-1)!;
    const markup = sent.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    const best = markup.inline_keyboard.flat().find((b) => b.text === '非常满意')!;
    // The press carries the card's keyboard, as Telegram sends it.
    const calls = await t.update({
      callback_query: {
        id: 'cb-mark', from: USER, chat_instance: 'test', data: best.callback_data,
        message: { message_id: 1, date: 0, chat: { id: USER.id, type: 'private', first_name: USER.first_name }, text: '', reply_markup: markup },
      },
    } as never);
    expect(toasts(calls)[0]).toContain('已记录“非常满意”');
    const edit = calls.find((c) => c.method === 'editMessageReplyMarkup');
    const texts = t.buttons([edit!]).map((b) => b.text);
    expect(texts).toContain('✓ 非常满意');
    expect(texts).toContain('满意');
    expect(texts.filter((x) => !x.includes('满意')).length).toBeGreaterThan(0);
    const stats = await t.deps.ratings.stats({ from: '2026-09-01', to: '2026-09-30' });
    expect(stats.byLevel[5]).toBe(1);
  });

  it('changes the rating on a second press instead of adding one', async () => {
    const buttons = await askForCard();
    await t.press(buttons[0]!.data);
    const calls = await t.press(buttons[2]!.data);
    expect(toasts(calls)[0]).toContain('已改为“基本满意”');
    const stats = await t.deps.ratings.stats({ from: '2026-09-01', to: '2026-09-30' });
    expect(stats.rated).toBe(1);
    expect(stats.byLevel[3]).toBe(1);
  });

  it('refuses a change after the window, kindly', async () => {
    const buttons = await askForCard();
    await t.press(buttons[1]!.data);
    now = new Date(now.getTime() + 11 * 60_000);
    expect(toasts(await t.press(buttons[4]!.data))[0]).toContain('超过修改时限');
    expect(t.deps.ratings.openCases()).toHaveLength(0);
  });

  it('tells someone else that only the asker can rate, and changes nothing', async () => {
    const [best] = await askForCard();
    const calls = await t.press(best!.data, OTHER_USER);
    expect(toasts(calls)[0]).toContain('只有提问的人才能评价');
    expect(calls.some((c) => c.method === 'editMessageReplyMarkup')).toBe(false);
    expect((await t.deps.ratings.stats({ from: '2026-09-01', to: '2026-09-30' })).rated).toBe(0);
  });

  it.each(['rt:abc:5', 'rt:mf00000000a:9', 'rt:../../x:1', 'rt:'])('answers forged data %j without rating', async (data) => {
    await askForCard();
    expect(toasts(await t.press(data))[0]).toMatch(/失效|没有找到/);
    expect((await t.deps.ratings.stats({ from: '2026-09-01', to: '2026-09-30' })).rated).toBe(0);
  });

  it('says an unknown answer cannot be found', async () => {
    expect(toasts(await t.press('rt:zzzzzzzzzzz:5'))[0]).toContain('没有找到这条答复');
  });
});

describe('a 差评', () => {
  it('opens a case, pushes it to the managers with a take button and asks once what went wrong', async () => {
    const buttons = await askForCard();
    const calls = await t.press(buttons[4]!.data);
    const push = calls.find((c) => c.method === 'sendMessage' && c.payload.chat_id === MANAGER_CHAT_ID);
    expect(String(push?.payload.text)).toContain('新差评');
    expect(String(push?.payload.text)).toContain('非常不满意');
    expect(t.buttons([push!]).map((b) => b.text)).toContain('我来跟进');
    const ask = t.texts(calls).find((x) => x.includes('哪里做得不好'));
    expect(ask).toContain('案件 #1');
    expect(t.buttons(calls).map((b) => b.text)).toContain('☐ 时限太长');
    // Changing 非常不满意 to 不满意 keeps the one case and does not ask again.
    const again = await t.press(buttons[3]!.data);
    expect(t.texts(again).some((x) => x.includes('哪里做得不好'))).toBe(false);
    expect(t.deps.ratings.openCases()).toHaveLength(1);
  });

  it('takes ticked reasons and free text, masks it, and tells the person when they will hear back', async () => {
    const buttons = await askForCard();
    const calls = await t.press(buttons[3]!.data);
    const slow = t.buttons(calls).find((b) => b.text === '☐ 时限太长')!;
    const tick = await t.press(slow.data);
    expect(t.buttons(tick).map((b) => b.text)).toContain('☑ 时限太长');
    const reply = t.texts(await t.send('窗口让我跑了三趟，我电话13812345678'));
    expect(reply[0]).toContain('9月20日 前联系您');
    expect(reply[0]).toContain('案件 #1');
    const c = t.deps.ratings.getCase(1)!;
    expect(c.reasons).toEqual(['slow']);
    expect(c.reasonText).toContain('138****5678');
    expect(t.texts().some((x) => x.includes('补充了差评原因') && x.includes('时限太长'))).toBe(true);
    // The conversation is over: the next message is a question again.
    expect(t.texts(await t.send('低保怎么申请')).join()).not.toContain('收到，谢谢');
  });

  it('lets the person skip the reason', async () => {
    const buttons = await askForCard();
    const calls = await t.press(buttons[4]!.data);
    const skip = t.buttons(calls).find((b) => b.text === '不说了')!;
    expect(t.texts(await t.press(skip.data))[0]).toContain('不打扰您了');
    expect(t.deps.chats.get(USER.id)?.dialog).toBeUndefined();
  });

  it('withdraws the case and tells the managers when changed to a good level in time', async () => {
    const buttons = await askForCard();
    await t.press(buttons[4]!.data);
    const calls = await t.press(buttons[0]!.data);
    expect(t.texts(calls).some((x) => x.includes('自动撤销'))).toBe(true);
    expect(t.deps.ratings.openCases()).toHaveLength(0);
  });
});
