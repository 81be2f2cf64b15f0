import { join } from 'node:path';
import { sequentialize } from '@grammyjs/runner';
import { closeAppDeps, createAppDeps } from './app.js';
import { botApiTransformers } from './bot/api-transformers.js';
import type { BotDeps } from './bot/context.js';
import { createBot } from './bot/create-bot.js';
import { createApiSender } from './bot/reminder-sender.js';
import { runTelegram, type TelegramHandle } from './bot/run-telegram.js';
import { telegramProblem } from './bot/telegram-problem.js';
import { loadConfig, type Config } from './config.js';
import { AppError } from './errors.js';
import { createLogger, type Logger } from './logger.js';
import { startReminderSchedule, type ReminderSender } from './reminders/service.js';
import { acquireDataDirLock } from './store/data-dir-lock.js';
import { runTerminalChat } from './terminal/terminal-chat.js';
import { terminalSender } from './terminal/terminal-sender.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const terminal = config.BOT_TOKEN === undefined;
  const logger = createLogger(config, terminal ? { file: join(config.DATA_DIR, 'bot.log') } : {});
  const lock = await acquireDataDirLock(config.DATA_DIR, {
    onCompromised: (err) => {
      // Someone removed or took over our lock: another process may write DATA_DIR now. Stop at once.
      logger.fatal({ err }, 'data directory lock lost; stopping without writing');
      process.stderr.write(`数据目录 ${config.DATA_DIR} 的锁被移除或被另一个进程接管，本进程立即停止以免写坏数据。\n`);
      process.exit(1);
    },
  });

  // The sender needs the bot's API and the bot needs the deps: bind the sender once the bot exists.
  let send: ReminderSender = { send: async () => ({ status: 'failed', description: 'bot not started' }) };
  const sender: ReminderSender = { send: (chatId, message) => send.send(chatId, message) };
  let deps: BotDeps | undefined;
  let schedule: ReturnType<typeof startReminderSchedule> | undefined;
  const shutdown = async (): Promise<void> => {
    await schedule?.stop();
    if (deps) await closeAppDeps(deps);
    await lock.release();
  };

  let handle: TelegramHandle;
  try {
    deps = await createAppDeps({ config, logger, sender, watchCatalog: true });
    if (terminal) {
      send = terminalSender((text) => process.stdout.write(text));
      schedule = startSchedule(config, deps, logger);
      await runTerminalChat(deps, { input: process.stdin, output: process.stdout });
      await shutdown();
      return;
    }
    const bot = createBot(deps, {
      token: config.BOT_TOKEN,
      ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
      transformers: botApiTransformers(logger, { conflictGiveUpMs: config.POLLING_CONFLICT_GIVE_UP_SECONDS * 1000 }),
      before: [sequentialize((ctx) => ctx.chat?.id.toString())],
    });
    send = createApiSender(bot.api);
    handle = await runTelegram(bot, config, logger);
    schedule = startSchedule(config, deps, logger);
  } catch (error) {
    // A failed start leaves no lock behind: the next start must not wait for it to go stale.
    await shutdown().catch(() => undefined);
    throw error;
  }

  let stopping = false;
  const stop = (reason: string, code = 0): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal: reason }, 'shutting down');
    void handle
      .stop()
      .then(shutdown)
      .then(() => process.exit(code))
      .catch((err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  void handle.failed.then((error) => {
    const problem = telegramProblem(error) ?? String(error);
    logger.fatal({ err: error }, 'polling stopped');
    process.stderr.write(`机器人已停止接收消息：${problem}\n`);
    stop('polling-failed', 1);
  });
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

function startSchedule(config: Config, deps: BotDeps, logger: Logger): ReturnType<typeof startReminderSchedule> | undefined {
  return config.REMINDERS_ENABLED ? startReminderSchedule({ service: deps.reminders, rules: deps.reminders.rules, logger }) : undefined;
}

main().catch((error: unknown) => {
  // Start-up problems (bad config, broken catalog, corrupt store, lock held, token refused) are for a
  // person to fix: say what and how, without a stack trace; anything unforeseen keeps its stack.
  const message =
    error instanceof AppError
      ? error.message
      : (telegramProblem(error) ?? (error instanceof Error ? (error.stack ?? error.message) : String(error)));
  process.stderr.write(`启动失败：${message}\n`);
  process.exit(1);
});
