import type { MiddlewareFn } from 'grammy';
import type { Logger } from '../../logger.js';
import type { UpdateGuard } from '../../store/postgres/update-guard.js';
import type { BotContext } from '../context.js';

/**
 * For several instances behind a load balancer: a redelivered update (same update_id, e.g. after a
 * timeout) is handled once across all of them, and the per-user limit counts every instance's
 * updates. Runs before everything else, so a duplicate touches no state and sends nothing.
 */
export interface SharedGuardOptions {
  perMinute: number;
  logger: Logger;
  now?: () => number;
  /**
   * Work that has no effect (it only writes `ctx.prepared`), run while the claim travels to the
   * database: the question's match and reply (prepareQuestion). A refused update discards it.
   */
  prepare?: (ctx: BotContext) => void;
}

export function sharedGuard(guard: UpdateGuard, options: SharedGuardOptions): MiddlewareFn<BotContext> {
  const now = options.now ?? Date.now;
  return async (ctx, next) => {
    const updateId = ctx.update.update_id;
    // A duplicate being handled elsewhere: wait for it to finish (then skip) or for its claim to go
    // stale (its instance died: then handle it here), so the update is neither doubled nor lost.
    const giveUp = Date.now() + guard.takeoverMs + 1_500;
    const userId = ctx.from?.id;
    let { claim, hits, prime } = await claimPreparing(guard, ctx, userId, now(), options);
    while (claim === 'busy' && Date.now() < giveUp) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      claim = await guard.claim(updateId);
      prime = undefined;
      if (claim === 'claimed' && userId !== undefined) hits = await guard.hit(userId, now());
    }
    if (claim !== 'claimed') {
      options.logger.info({ updateId, claim }, 'duplicate delivery ignored');
      return;
    }
    if (hits > options.perMinute) {
      // One polite note per minute, on the first update over the limit; the rest are dropped quietly.
      if (hits === options.perMinute + 1) {
        options.logger.warn({ userId }, 'rate limited (shared)');
        if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: '操作太频繁了，请稍等一分钟。' }).catch(() => undefined);
        else if (ctx.chat) await ctx.reply('您发得有点快，请稍等一分钟再继续，我会一条条认真回复。').catch(() => undefined);
      }
      await guard.done(updateId);
      return;
    }
    // The chat's state came with the claim: the store uses it instead of reading the row again.
    prime?.();
    // The shared store records the update as handled in the commit of its changes (one round trip)
    // and clears this; otherwise it is marked here.
    ctx.claimedUpdateId = updateId;
    await next();
    if (ctx.claimedUpdateId === undefined) return;
    // Not awaited: Telegram redelivers only an update it got no 200 for, and a duplicate arriving
    // before this commits waits (busy) until it does.
    guard.done(updateId).catch((err: unknown) => options.logger.warn({ err, updateId }, 'could not mark update done'));
  };
}

/** The first claim of an update; with `prepare`, that work is done once the claim is on its way. */
async function claimPreparing(guard: UpdateGuard, ctx: BotContext, userId: number | undefined, nowMs: number, options: SharedGuardOptions): ReturnType<UpdateGuard['claimAndHit']> {
  const { prepare } = options;
  if (!prepare) return guard.claimAndHit(ctx.update.update_id, userId, nowMs, ctx.chat?.id);
  let sent: () => void = () => undefined;
  const onSent = new Promise<void>((resolve) => (sent = resolve));
  const claim = guard.claimAndHit(ctx.update.update_id, userId, nowMs, ctx.chat?.id, sent);
  // A claim that fails before it is sent settles this wait too.
  await Promise.race([onSent, claim.then(() => undefined, () => undefined)]);
  try {
    prepare(ctx);
  } catch (err) {
    // Only a head start: the question feature works it out again.
    ctx.prepared = undefined;
    options.logger.warn({ err, updateId: ctx.update.update_id }, 'could not prepare the reply ahead of the claim');
  }
  return claim;
}
