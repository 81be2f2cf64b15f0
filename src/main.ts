import { join } from 'node:path';
import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { closeAppDeps, createAppDeps } from './app.js';
import { createBot } from './bot/create-bot.js';
import { createApiSender } from './bot/reminder-sender.js';
import { runTelegram } from './bot/run-telegram.js';
import { loadConfig } from './config.js';
import { AppError } from './errors.js';
import { createLogger } from './logger.js';
import { startReminderSchedule, type ReminderSchedule, type ReminderSender } from './reminders/service.js';
import { acquireDataDirLock } from './store/data-dir-lock.js';
import { startSharedInstance } from './store/postgres/instance.js';
import { runTerminalChat } from './terminal/terminal-chat.js';
import { terminalSender } from './terminal/terminal-sender.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const terminal = config.BOT_TOKEN === undefined;
  const logger = createLogger(config, terminal ? { file: join(config.DATA_DIR, 'bot.log') } : {});
  const lock = await acquireDataDirLock(config.DATA_DIR);

  // The sender needs the bot's API and the bot needs the deps: bind the sender once the bot exists.
  let send: ReminderSender = { send: async () => ({ status: 'failed', description: 'bot not started' }) };
  const sender: ReminderSender = { send: (chatId, message) => send.send(chatId, message) };
  const deps = await createAppDeps({ config, logger, sender, watchCatalog: true });
  // STORAGE=postgres: several instances share the database; pg-boss coordinates the reminder pass.
  const shared = config.STORAGE === 'postgres' ? await startSharedInstance(config, deps, logger) : undefined;
  let schedule: ReminderSchedule | undefined;
  // Started once reminders have a way out, so a catch-up pass never "sends" into the void.
  const startSchedule = async (): Promise<void> => {
    if (!config.REMINDERS_ENABLED) return;
    schedule = shared
      ? await shared.startSchedule()
      : startReminderSchedule({ service: deps.reminders, rules: deps.reminders.rules, logger });
  };

  const shutdown = async (): Promise<void> => {
    await schedule?.stop();
    await shared?.close();
    await closeAppDeps(deps);
    await lock.release();
  };

  if (terminal) {
    send = terminalSender((text) => process.stdout.write(text));
    await startSchedule();
    await runTerminalChat(deps, { input: process.stdin, output: process.stdout });
    await shutdown();
    return;
  }

  const bot = createBot(deps, {
    token: config.BOT_TOKEN,
    ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
    transformers: [autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 })],
    before: [...(shared ? [shared.guard] : []), sequentialize((ctx) => ctx.chat?.id.toString())],
  });
  send = createApiSender(bot.api);
  await startSchedule();
  const handle = await runTelegram(bot, config, logger);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    void handle
      .stop()
      .then(shutdown)
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  // Start-up problems (bad config, broken catalog, corrupt store, lock held) are for a person to fix.
  const message = error instanceof AppError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`启动失败：${message}\n`);
  process.exit(1);
});
