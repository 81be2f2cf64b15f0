import { run, type RunnerHandle } from '@grammyjs/runner';
import { webhookCallback, type Bot } from 'grammy';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { BotContext } from './context.js';
import { BOT_COMMANDS } from './create-bot.js';

export interface TelegramHandle {
  stop(): Promise<void>;
}

/** The HTTP server (src/http) that takes the webhook's POSTs; it also answers `/healthz`. */
export interface WebhookMount {
  setTelegramWebhook(path: string, handle: (request: Request) => Promise<Response>): void;
}

const WEBHOOK_PATH = '/telegram';

/**
 * Connects the bot to Telegram: long polling through @grammyjs/runner, or a webhook when WEBHOOK_URL
 * is set, mounted on the process's one HTTP server (which answers `/healthz` either way).
 */
export async function runTelegram(bot: Bot<BotContext>, config: Config, logger: Logger, http: WebhookMount): Promise<TelegramHandle> {
  await bot.init();
  // Non-essential: a Bot API server that lacks setMyCommands must not stop the bot.
  await bot.api.setMyCommands(BOT_COMMANDS).catch((err: unknown) => logger.warn({ err }, 'setMyCommands failed; continuing'));

  let runner: RunnerHandle | undefined;
  if (config.WEBHOOK_URL) {
    http.setTelegramWebhook(WEBHOOK_PATH, webhookCallback(bot, 'std/http', config.WEBHOOK_SECRET ? { secretToken: config.WEBHOOK_SECRET } : {}));
    await bot.api.setWebhook(`${config.WEBHOOK_URL.replace(/\/$/, '')}${WEBHOOK_PATH}`, {
      ...(config.WEBHOOK_SECRET ? { secret_token: config.WEBHOOK_SECRET } : {}),
    });
    logger.info({ url: config.WEBHOOK_URL }, 'webhook set');
  } else {
    await bot.api.deleteWebhook().catch((err: unknown) => logger.warn({ err }, 'deleteWebhook failed; continuing'));
    runner = run(bot);
    logger.info({ username: bot.botInfo.username }, 'long polling started');
  }

  return {
    async stop() {
      if (runner?.isRunning()) await runner.stop();
    },
  };
}
