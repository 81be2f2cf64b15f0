import type { Update } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localBotInfo } from '../../src/bot/bot-info.js';
import { createBot } from '../../src/bot/create-bot.js';
import { WEB_ID_MIN } from '../../src/ratings/channel.js';
import { ADMIN, createWebTest, type WebTest } from './helpers.js';

let t: WebTest;
beforeEach(async () => {
  t = await createWebTest();
});
afterEach(async () => {
  await t.close();
});

describe('the web bridge', () => {
  it('routes what the Telegram bot sends to a web chat into that web session', async () => {
    const webChat = WEB_ID_MIN + 42;
    await t.web.bridge.say(webChat, '我要投诉');
    const reply = await t.web.bridge.say(webChat, '婚姻登记处窗口人员态度很差，让我来回跑了三趟');
    expect(reply.messages.at(-1)?.html).toContain('已受理');
    const [kase] = t.deps.ratings.openCases();
    expect(kase).toMatchObject({ chatId: webChat, channel: 'web', source: 'complaint' });

    const toTelegram: number[] = [];
    const telegramBot = createBot(t.deps, {
      botInfo: localBotInfo('minzheng_tg_test'),
      transformers: [
        async (_prev, method, payload) => {
          toTelegram.push(Number((payload as { chat_id?: number }).chat_id));
          return { ok: true, result: method === 'sendMessage' ? { message_id: 1, date: 0, chat: { id: ADMIN.id, type: 'private' } } : true } as never;
        },
        t.web.bridge.routeWebChats,
      ],
    });
    let updateId = 1;
    for (const text of [`/contact ${kase?.id} 已电话联系`, `/rectify ${kase?.id} 已约谈窗口人员`, `/close ${kase?.id} 已核实并道歉，窗口已整改`]) {
      await telegramBot.handleUpdate({
        update_id: updateId++,
        message: {
          message_id: updateId, date: 0, chat: { id: ADMIN.id, type: 'private', first_name: ADMIN.name },
          from: { id: ADMIN.id, is_bot: false, first_name: ADMIN.name }, text, entities: [{ type: 'bot_command', offset: 0, length: text.indexOf(' ') }],
        },
      } as Update);
    }
    expect(toTelegram).not.toContain(webChat);
    const notice = (await t.web.bridge.history(webChat, reply.rev)).messages.at(-1);
    expect(notice?.html).toContain('已核实并道歉');
    expect(notice?.buttons.flat().map((b) => b.text)).toContain('非常满意');

    // The citizen re-rates on the web, with the button the Telegram bot sent.
    const rerate = notice?.buttons.flat().find((b) => b.text === '满意');
    const after = await t.web.bridge.press(webChat, notice?.id ?? 0, rerate?.data ?? '');
    expect(after.toasts[0]?.text).toContain('已记录');
    expect(t.deps.ratings.getCase(kase?.id ?? 0)?.rerating?.level).toBe(4);
  });

  it('keeps sessions apart: one session cannot press the buttons of another', async () => {
    const a = await t.web.bridge.say(WEB_ID_MIN + 1, '结婚登记要带什么');
    const button = a.messages.flatMap((m) => m.buttons.flat().map((b) => ({ ...b, id: m.id }))).find((b) => b.text === '非常满意');
    await expect(t.web.bridge.press(WEB_ID_MIN + 2, button?.id ?? 0, button?.data ?? '')).rejects.toThrow('按钮已失效');
  });
});
