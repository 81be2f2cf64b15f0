import { Composer, InputFile } from 'grammy';
import { chinaDate } from '../../calendar/work-calendar.js';
import type { RunPassOptions } from '../../reminders/service.js';
import type { BotContext } from '../context.js';
import { isAdmin } from '../filters/admin.js';
import { adminKeyboard, reminderAdmin } from '../keyboards/reminders.js';
import { passText, summaryText } from './reminders-text.js';

const composer = new Composer<BotContext>();

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

composer.command('reminders', async (ctx, next) => {
  if (!isAdmin(ctx)) return next();
  // `/reminders run [YYYY-MM-DD] [force]`, `/reminders dry [YYYY-MM-DD]`, `/reminders csv`.
  const [sub, ...rest] = ctx.match.trim().split(/\s+/);
  if (sub === 'csv') return sendCsv(ctx);
  if (sub === 'dry' || sub === 'run') {
    const date = rest.find((w) => /^\d{4}-\d{2}-\d{2}$/.test(w));
    const day = date ? `${date} 的` : '今天的';
    await ctx.reply(sub === 'dry' ? `正在演练${day}提醒…` : `开始发送${day}提醒，发完告诉您。`);
    void runPass(ctx, { dryRun: sub === 'dry', ignoreQuietHours: rest.includes('force'), ...(date ? { date } : {}) });
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
