import { LeanComposer } from '../lean-composer.js';
import { chinaDateTime } from '../../ratings/export-csv.js';
import type { BotContext } from '../context.js';
import { isAdmin } from '../filters/admin.js';

const composer = new LeanComposer<BotContext>();

/**
 * `/console`: a manager gets a one-time sign-in link to the web console (10 minutes, one use). Only
 * in a private chat, so nobody else in a group sees the link; for anyone else the command falls
 * through to the ordinary bot.
 */
composer.command('console', async (ctx, next) => {
  if (!isAdmin(ctx)) return next();
  if (ctx.chat.type !== 'private') return void (await ctx.reply('请私聊我发送 /console，登录链接只发给您本人。'));
  const links = ctx.deps.console;
  if (!links) return void (await ctx.reply('网页管理台没有开启（WEB_ENABLED=false），请联系运维人员。'));
  const { url, expiresAt } = await links.issueLink({ id: ctx.from?.id ?? 0, name: ctx.from?.first_name ?? '管理员' });
  ctx.log.info({ adminId: ctx.from?.id }, 'console sign-in link issued');
  await ctx.reply(
    `管理台登录链接（${chinaDateTime(expiresAt).slice(11)} 前有效，只能用一次，请勿转发）：\n${url}`,
    { link_preview_options: { is_disabled: true } },
  );
});

export { composer as consoleFeature };
