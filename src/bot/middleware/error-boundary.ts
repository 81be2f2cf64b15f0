import { BotError, GrammyError, HttpError } from 'grammy';
import type { BotContext } from '../context.js';
import { requestNeverLeft } from '../network-errors.js';

/**
 * The one error boundary around every feature: logs the error with the update, and tells the person
 * something went wrong instead of leaving them waiting. A 403 (bot blocked) is only logged.
 */
export async function onFeatureError(error: BotError<BotContext>): Promise<void> {
  const ctx = error.ctx;
  const cause = error.error;
  const log = ctx.log ?? ctx.deps?.logger;
  if (cause instanceof GrammyError && cause.error_code === 403) {
    log?.warn({ description: cause.description }, 'chat unreachable (blocked or gone)');
    return;
  }
  if (cause instanceof HttpError && !requestNeverLeft(cause)) {
    // The connection dropped after the request left: Telegram may have delivered the answer, so an
    // apology on top could contradict it (and the network is likely down anyway).
    log?.warn({ err: cause }, 'update interrupted by a dropped connection; not apologising');
    return;
  }
  log?.error({ err: cause, network: cause instanceof HttpError }, 'update failed');
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: '抱歉，系统开了个小差，请稍后再试。' });
    else if (ctx.chat) await ctx.reply('抱歉，系统开了个小差，请稍后再试；急事可以拨打窗口电话或 12345。');
  } catch (replyError) {
    log?.warn({ err: replyError }, 'could not tell the user about the error');
  }
}
