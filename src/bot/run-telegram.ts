import { run, type RunnerHandle } from '@grammyjs/runner';
import { webhookCallback, type Bot } from 'grammy';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { BotContext } from './context.js';
import { BOT_COMMANDS } from './create-bot.js';

export interface TelegramHandle {
  stop(): Promise<void>;
  /** Settles with the error if polling stops by itself (a 409 that persists, a revoked token). */
  readonly failed: Promise<unknown>;
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
    // Fetch errors are logged by the polling guard (src/bot/polling-guard.ts), as JSON, not printed raw.
    runner = run(bot, { runner: { silent: true } });
    logger.info({ username: bot.botInfo.username }, 'long polling started');
  }

  // The runner's task rejects on 401/409; unobserved, that rejection would kill the process unclean.
  const task = runner?.task();
  const failed: Promise<unknown> = task ? task.then(() => new Promise<never>(() => undefined), (error: unknown) => error) : new Promise(() => undefined);
  return {
    failed,
    async stop() {
      if (runner?.isRunning()) await runner.stop();
    },
  };
}
