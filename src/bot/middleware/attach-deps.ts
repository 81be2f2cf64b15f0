import type { MiddlewareFn } from 'grammy';
import type { BotContext, BotDeps, DialogAccess } from '../context.js';

const DEFAULT_DIALOG_TTL_MINUTES = 30;

function dialogFor(ctx: BotContext, deps: BotDeps): DialogAccess {
  const chatId = ctx.chat?.id;
  return {
    get() {
      if (chatId === undefined) return undefined;
      const dialog = deps.chats.get(chatId)?.dialog;
      // An abandoned conversation expires, so an old half-finished complaint doesn't swallow a new question.
      if (!dialog || Date.parse(dialog.expiresAt) < deps.clock().getTime()) return undefined;
      return dialog;
    },
    async set(feature, step, data = {}, ttlMinutes = DEFAULT_DIALOG_TTL_MINUTES) {
      if (chatId === undefined) return;
      const expiresAt = new Date(deps.clock().getTime() + ttlMinutes * 60_000).toISOString();
      deps.chats.set(chatId, (s) => {
        s.dialog = { feature, step, data, expiresAt };
      });
      // The step is acknowledged right after this: it must survive a crash, or the next message
      // would be read in the wrong dialog (a question taken as a 差评 reason).
      await deps.chats.flush();
    },
    async clear() {
      if (chatId === undefined || !deps.chats.get(chatId)?.dialog) return;
      deps.chats.set(chatId, (s) => {
        delete s.dialog;
      });
      await deps.chats.flush();
    },
  };
}

/** Puts the dependencies, a per-update child logger and the dialog accessor on the context. */
export function attachDeps(deps: BotDeps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.deps = deps;
    ctx.log = deps.logger.child({ updateId: ctx.update.update_id, chatId: ctx.chat?.id });
    ctx.dialog = dialogFor(ctx, deps);
    if (!deps.shared) return next();
    // Another instance may have handled this chat's last update: read its state first, and commit
    // this update's changes before Telegram hears it was handled.
    // Awaited only when there is something to wait for (see SharedState).
    const loading = deps.shared.beforeUpdate(ctx.chat?.id);
    if (loading) await loading;
    try {
      await next();
    } finally {
      const committing = deps.shared.afterUpdate(ctx.chat?.id, ctx.claimedUpdateId);
      ctx.claimedUpdateId = undefined;
      if (committing) await committing;
    }
  };
}
