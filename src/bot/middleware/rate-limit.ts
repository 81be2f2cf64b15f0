import { limit } from '@grammyjs/ratelimiter';
import type { MiddlewareFn } from 'grammy';
import type { BotContext } from '../context.js';

/**
 * Per-user flood guard: past `perMinute` updates a minute, updates are dropped, with one polite note
 * per window rather than one per dropped message.
 */
export function rateLimit(perMinute: number): MiddlewareFn<BotContext> {
  const warned = new Map<number, number>();
  return limit<BotContext, never>({
    timeFrame: 60_000,
    limit: perMinute,
    keyGenerator: (ctx) => ctx.from?.id.toString(),
    onLimitExceeded: async (ctx) => {
      const userId = ctx.from?.id;
      if (userId === undefined) return;
      const now = Date.now();
      if ((warned.get(userId) ?? 0) > now - 60_000) return;
      warned.set(userId, now);
      ctx.log.warn({ userId }, 'rate limited');
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: '操作太频繁了，请稍等一分钟。' });
      else await ctx.reply('您发得有点快，请稍等一分钟再继续，我会一条条认真回复。');
    },
  });
}
