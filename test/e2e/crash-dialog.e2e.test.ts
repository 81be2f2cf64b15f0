import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eBot, type BotMessage, type E2eBot } from './harness.js';

describe('dialog state across a kill -9', () => {
  let bot: E2eBot;

  beforeAll(async () => {
    bot = await startE2eBot({ env: { REMINDERS_ENABLED: 'false' } });
  });
  afterAll(async () => {
    await bot?.dispose();
  });

  it('a /cancel acknowledged just before the kill stays cancelled: the next question is answered, not taken as a 差评 reason', async () => {
    await bot.send('结婚登记要带什么');
    const card = await bot.waitForMessages((m: BotMessage) => m.buttons.some((b) => b.data?.startsWith('rt:')));
    const last = card.at(-1)!;
    const worst = last.buttons.find((b) => b.text === '非常不满意')!;
    await bot.press(worst.data!, last.messageId);
    await bot.waitForMessages((m) => m.text.includes('哪里做得不好'));
    // Long enough for the open reason question to be on disk whatever the write policy.
    await new Promise((r) => setTimeout(r, 600));
    await bot.send('/cancel');
    await bot.waitForMessages((m) => m.text.includes('已取消'));
    // Killed at once after the acknowledgement: well inside the old 200 ms write delay.
    await bot.kill('SIGKILL');
    await bot.restart();
    await bot.send('离婚登记需要什么材料');
    const reply = await bot.waitForMessages(1, 10_000);
    expect(reply[0]?.text).not.toContain('谢谢您告诉我们');
    expect(reply[0]?.text).toMatch(/离婚|材料|证/);
  }, 60_000);
});
