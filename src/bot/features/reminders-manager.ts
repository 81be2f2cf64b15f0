import { InputFile } from 'grammy';
import { LeanComposer } from '../lean-composer.js';
import { chinaDate } from '../../calendar/work-calendar.js';
import { quoteInput } from '../../calendar/calendar-date.js';
import { checkRunDate } from '../../reminders/run-date.js';
import type { RunPassOptions } from '../../reminders/service.js';
import type { BotContext } from '../context.js';
import { isAdmin } from '../filters/admin.js';
import { adminKeyboard, reminderAdmin } from '../keyboards/reminders.js';
import { passText, summaryText } from './reminders-text.js';

const composer = new LeanComposer<BotContext>();

async function sendCsv(ctx: BotContext): Promise<void> {
  const csv = ctx.deps.reminders.exportCsv();
  const name = `年检提醒名单-${chinaDate(ctx.deps.clock())}.csv`;
  await ctx.replyWithDocument(new InputFile(Buffer.from(csv, 'utf8'), name), { caption: 'UTF-8（带 BOM），可直接用 Excel 打开。' });
}

/**
 * Runs the pass in the background and reports when done: a pass over many organisations takes
 * minutes at 30 messages/s, and the manager's chat should not hang meanwhile.
 */
function runPass(ctx: BotContext, options: RunPassOptions): Promise<void> {
  const chatId = ctx.chat?.id;
  const done = ctx.deps.reminders
    .runPass(options)
    .then((report) => (chatId === undefined ? undefined : ctx.api.sendMessage(chatId, passText(report))))
    .then(() => undefined)
    .catch((err: unknown) => {
      ctx.log.error({ err }, 'manual reminder pass failed');
      if (chatId !== undefined) void ctx.api.sendMessage(chatId, '提醒发送出错了，已记录日志，请稍后再试。').catch(() => undefined);
    });
  lastManualPass = done;
  return done;
}

/** The latest manual pass started from the chat; tests await it. */
export let lastManualPass: Promise<void> = Promise.resolve();

const RUN_USAGE = '用法：/reminders run [日期] [force] 发送，/reminders dry [日期] 演练，/reminders csv 导出名单。日期写成 2026-03-24，默认今天。';

/**
 * Reads the words after `/reminders run|dry`: an optional date (checked like the CLI's --date) and,
 * for a real run, `force` to send inside quiet hours. Anything else is refused, never ignored: a typo
 * must not silently become today's pass.
 */
export function parseRunWords(words: readonly string[], dryRun: boolean, today: string): RunPassOptions | string {
  const options: RunPassOptions = { dryRun };
  for (const word of words) {
    if (word.toLowerCase() === 'force') {
      options.ignoreQuietHours = true;
      continue;
    }
    if (options.date !== undefined) return `参数“${quoteInput(word)}”看不懂。${RUN_USAGE}`;
    const problem = checkRunDate(word, { today, dryRun });
    if (problem?.reason === 'future') return `${problem.message}想先看看那天会发哪些提醒，请发 /reminders dry ${word}。`;
    if (problem) return `${problem.message}\n${RUN_USAGE}`;
    options.date = word;
  }
  return options;
}

composer.command('reminders', async (ctx, next) => {
  if (!isAdmin(ctx)) return next();
  // `/reminders run [YYYY-MM-DD] [force]`, `/reminders dry [YYYY-MM-DD]`, `/reminders csv`.
  const [sub, ...rest] = ctx.match.trim().split(/\s+/);
  if (sub === 'csv') return sendCsv(ctx);
  if (sub === 'dry' || sub === 'run') {
    const options = parseRunWords(rest.filter(Boolean), sub === 'dry', chinaDate(ctx.deps.clock()));
    if (typeof options === 'string') return void (await ctx.reply(options));
    const day = options.date ? `${options.date} 的` : '今天的';
    await ctx.reply(sub === 'dry' ? `正在演练${day}提醒…` : `开始发送${day}提醒，发完告诉您。`);
    void runPass(ctx, options);
    return;
  }
  await ctx.reply(summaryText(ctx.deps.reminders.summary()), { reply_markup: adminKeyboard() });
});

composer.callbackQuery(reminderAdmin.match, async (ctx) => {
  const data = reminderAdmin.unpack(ctx.callbackQuery.data);
  if (!isAdmin(ctx) || !data) {
    await ctx.answerCallbackQuery({ text: '这个按钮只对管理员有效。' });
    return;
  }
  await ctx.answerCallbackQuery();
  if (data.action === 'csv') return sendCsv(ctx);
  await ctx.reply(data.action === 'dry' ? '正在演练今天的提醒…' : '开始发送今天的提醒，发完告诉您。');
  void runPass(ctx, { dryRun: data.action === 'dry' });
});

export { composer as remindersManagerFeature };
