import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCheckChar } from '../../src/reminders/credit-code.js';
import { E2E_OTHER_USER, E2E_USER, startE2eBot, type E2eBot } from './harness.js';

const body = '53330000MJ0000077';
const FOUNDATION = body + creditCheckChar(body);

/**
 * The latest year whose 24 and 30 March are both past on the real clock (China time): a real send may
 * not be for a future day, so the passes replay that year's 基金会 reminder season (31 March).
 */
function seasonYear(): number {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  return today >= `${year}-03-30` ? year : year - 1;
}

describe('annual-report reminders through the real bot and a Bot API emulator', () => {
  let bot: E2eBot;
  const year = seasonYear();
  const admin = { user: E2E_OTHER_USER };

  beforeAll(async () => {
    bot = await startE2eBot({ env: { ADMIN_IDS: String(E2E_OTHER_USER.id) } });
  });
  afterAll(async () => {
    await bot?.dispose();
  });

  it('subscribes in the chat, sends one reminder for a day run twice, and none after 已提交', async () => {
    await bot.send('/subscribe');
    await bot.waitForMessages(1);
    await bot.send(FOUNDATION);
    expect((await bot.waitForMessages(1))[0]?.text).toContain('基金会');
    await bot.send('某某公益基金会');
    expect((await bot.waitForMessages(1))[0]?.text).toContain('已为「某某公益基金会」');

    for (let run = 0; run < 2; run++) {
      await bot.send(`/reminders run ${year}-03-24 force`, admin);
      await bot.waitForMessages((m) => m.chatId === E2E_OTHER_USER.id && m.text.includes('已发完'));
    }
    const reminders = bot.messages().filter((m) => m.chatId === E2E_USER.id && m.text.includes('【年检提醒】'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.text).toContain('距截止还有 7 天');

    const done = reminders[0]?.buttons.find((b) => b.text.includes('已提交'));
    if (!reminders[0] || !done?.data) throw new Error('no 已提交 button');
    await bot.press(done.data, reminders[0].messageId);
    const [noted] = await bot.waitForMessages((m) => m.chatId === E2E_USER.id && m.text.includes('这一项不再提醒'));
    // 已提交 counts for the deadline of that reminder (a 基金会 has one a year; the report covers the year before).
    expect(noted?.text).toContain('本年度的截止事项都已提交');
    const reportYear = Number(/(\d{4}) 年度「[^」]+」已提交/.exec(noted?.text ?? '')?.[1]);
    expect(reportYear).toBeGreaterThan(2000);

    // That year's last stage would be due on 30 March; a dry run may look ahead, and plans nothing now.
    await bot.send(`/reminders dry ${reportYear + 1}-03-30`, admin);
    const [report] = (await bot.waitForMessages((m) => m.chatId === E2E_OTHER_USER.id && m.text.includes('演练：'))).slice(-1);
    expect(report?.text).toContain('将发送 0 条');
    expect(bot.messages().filter((m) => m.chatId === E2E_USER.id && m.text.includes('【年检提醒】'))).toHaveLength(1);
  });
});
