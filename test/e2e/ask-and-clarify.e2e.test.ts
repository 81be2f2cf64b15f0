import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_OTHER_USER, startE2eBot, type BotMessage, type E2eBot } from './harness.js';

/** A card may be split over several messages; its keyboard sits under the last one. */
const hasKeyboard = (m: BotMessage): boolean => m.buttons.length > 0;
const joined = (messages: BotMessage[]): string => messages.map((m) => m.text).join('\n');

describe('the real bot process polling a Bot API emulator', () => {
  let bot: E2eBot;

  beforeAll(async () => {
    bot = await startE2eBot();
  });

  afterAll(async () => {
    await bot?.dispose();
  });

  it('answers a clear question with the item card', async () => {
    await bot.send('结婚登记要带什么');
    const card = await bot.waitForMessages(hasKeyboard);
    expect(joined(card)).toContain('结婚登记');
    expect(joined(card)).toContain('居民身份证');
    expect(card.at(-1)?.parseMode).toBe('HTML');
  });

  it('asks which item is meant when a question fits several, and answers the one picked', async () => {
    await bot.send('我们要变更法人，需要什么材料', { user: E2E_OTHER_USER });
    const [question] = await bot.waitForMessages(1);
    expect(question?.chatId).toBe(E2E_OTHER_USER.id);
    expect(question?.text).toContain('您要办的是哪一项');
    const picks = (question?.buttons ?? []).filter((b) => b.data?.startsWith('pick:'));
    expect(picks.length).toBeGreaterThanOrEqual(2);

    const chosen = picks[1];
    if (!question || !chosen?.data) throw new Error('no pick button to press');
    await bot.press(chosen.data, question.messageId, { user: E2E_OTHER_USER });
    const card = await bot.waitForMessages(hasKeyboard);
    expect(card.every((m) => m.chatId === E2E_OTHER_USER.id)).toBe(true);
    expect(joined(card)).toContain(chosen.text);
    expect(joined(card)).not.toContain('您要办的是哪一项');
  });

  it('shuts down cleanly on SIGTERM and releases the data directory', async () => {
    const lock = join(bot.dataDir, '.lock');
    expect(existsSync(lock)).toBe(true);
    const exit = await bot.stop();
    expect(exit, bot.stderr()).toEqual({ code: 0, signal: null, killed: false });
    expect(existsSync(lock)).toBe(false);
    expect(bot.stdout()).toContain('"signal":"SIGTERM"');
  });
});
