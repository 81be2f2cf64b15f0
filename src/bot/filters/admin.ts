import type { BotContext } from '../context.js';

/**
 * True for the managers listed in ADMIN_IDS. Anyone else is logged (an attempt at a manager command)
 * and should get the ordinary bot.
 */
export function isAdmin(ctx: BotContext): boolean {
  const userId = ctx.from?.id;
  const ok = userId !== undefined && ctx.deps.config.ADMIN_IDS.includes(userId);
  if (!ok) ctx.log.warn({ userId, command: ctx.message?.text?.split(' ')[0] }, 'manager command refused');
  return ok;
}
