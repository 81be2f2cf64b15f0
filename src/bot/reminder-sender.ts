import { Api, GrammyError, HttpError } from 'grammy';
import type { ReminderMessage, ReminderSender, SendOutcome } from '../reminders/types.js';
import { requestNeverLeft } from './network-errors.js';

/** 400 answers that mean the chat is gone for good: handled like a block, not retried. */
const GONE = /chat not found|user is deactivated|bot was kicked|have no rights to send/i;

/** Turns any error from `api.sendMessage` into the reminder domain's outcome. */
export function classifySendError(error: unknown): SendOutcome {
  if (error instanceof GrammyError) {
    if (error.error_code === 429) return { status: 'retry-after', seconds: error.parameters.retry_after ?? 1 };
    if (error.error_code === 403 || (error.error_code === 400 && GONE.test(error.description))) {
      return { status: 'blocked', description: error.description };
    }
    // 5xx from Telegram is transient, like a network error.
    if (error.error_code >= 500) return { status: 'network-error', description: error.description };
    return { status: 'failed', description: error.description };
  }
  // A request that never left is safe to send again; one that may have reached Telegram is not.
  const description = error instanceof Error ? error.message : String(error);
  if (error instanceof HttpError && requestNeverLeft(error)) return { status: 'network-error', description };
  return { status: 'unconfirmed', description };
}

/**
 * The reminder sender over grammY's `Api`. Works with `bot.api` inside the bot and with a bare
 * `new Api(token, { apiRoot })` in the CLI. Use an `Api` without the auto-retry transformer, or 429s
 * are waited out inside grammY and the queue cannot count them (it still works, only less visibly).
 */
export function createApiReminderSender(api: Api): ReminderSender {
  return {
    async send(chatId: number, message: ReminderMessage): Promise<SendOutcome> {
      try {
        const sent = await api.sendMessage(chatId, message.text, {
          link_preview_options: { is_disabled: true },
          reply_markup: {
            inline_keyboard: message.buttons.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data }))),
          },
        });
        return { status: 'ok', messageId: sent.message_id };
      } catch (error) {
        return classifySendError(error);
      }
    },
  };
}

/** A sender on a bare Bot API client, for the CLI: no running bot, no polling, no transformers. */
export function createBareApiReminderSender(token: string, apiRoot?: string): ReminderSender {
  return createApiReminderSender(new Api(token, apiRoot ? { apiRoot } : undefined));
}

/** The name main.ts uses. */
export { createApiReminderSender as createApiSender };
