import { LeanComposer } from '../lean-composer.js';
import type { BotContext } from '../context.js';
import { HELP_TEXT } from '../reply/system-replies.js';
import { categoryKeyboard } from './browse.js';

const composer = new LeanComposer<BotContext>();

composer.command('start', async (ctx) => {
  await ctx.dialog.clear();
  const hall = ctx.deps.catalog.current().hall;
  await ctx.reply(`您好，欢迎来到${hall.name}在线咨询！\n\n${HELP_TEXT}`, { reply_markup: categoryKeyboard(ctx) });
});

composer.command('help', async (ctx) => {
  await ctx.reply(HELP_TEXT, { reply_markup: categoryKeyboard(ctx) });
});

composer.command('cancel', async (ctx) => {
  await ctx.dialog.clear();
  await ctx.reply('好的，已取消。有什么需要随时问我。');
});

export { composer as startFeature };
