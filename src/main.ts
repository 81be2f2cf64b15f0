import { join } from 'node:path';
import { sequentialize } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import { closeAppDeps, createAppDeps, sharedStorageOf } from './app.js';
import { botApiTransformers } from './bot/api-transformers.js';
import { localBotInfo } from './bot/bot-info.js';
import type { BotContext, BotDeps } from './bot/context.js';
import { createBot } from './bot/create-bot.js';
import { createApiSender } from './bot/reminder-sender.js';
import { runTelegram, type TelegramHandle } from './bot/run-telegram.js';
import { telegramProblem } from './bot/telegram-problem.js';
import { httpHost, loadConfig, type Config } from './config.js';
import { AppError } from './errors.js';
import { createHttpApp } from './http/app.js';
import { startHttpServer, type RunningServer } from './http/server.js';
import { createLogger, type Logger } from './logger.js';
import { channelOfChat } from './ratings/channel.js';
import { startReminderSchedule, type ReminderSchedule, type ReminderSender } from './reminders/service.js';
import { acquireDataDirLock } from './store/data-dir-lock.js';
import { startSharedInstance, type SharedInstance } from './store/postgres/instance.js';
import { runTerminalChat } from './terminal/terminal-chat.js';
import { terminalSender } from './terminal/terminal-sender.js';
import { createWebChannel } from './web/create-web.js';

type WebChannel = Awaited<ReturnType<typeof createWebChannel>>;

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
  // Reminders to a web chat go through the web bridge, the rest to Telegram (or the terminal).
  let send: ReminderSender = { send: async () => ({ status: 'failed', description: 'bot not started' }) };
  let web: WebChannel | undefined;
  const sender: ReminderSender = {
    send: (chatId, message) => (web && channelOfChat(chatId) === 'web' ? web.bridge.deliver(chatId, message) : send.send(chatId, message)),
  };
  let deps: BotDeps | undefined;
  let schedule: ReminderSchedule | undefined;
  let shared: SharedInstance | undefined;
  let server: RunningServer | undefined;
  const shutdown = async (): Promise<void> => {
    await server?.close();
    await schedule?.stop();
    await shared?.close();
    if (deps) await closeAppDeps(deps);
    await lock.release();
  };

  let handle: TelegramHandle;
  try {
    deps = await createAppDeps({ config, logger, sender, watchCatalog: true });
    // STORAGE=postgres: several instances share the database; pg-boss coordinates the reminder pass.
    if (config.STORAGE === 'postgres') shared = await startSharedInstance(config, deps, logger);
    // One HTTP server: /healthz, the Telegram webhook, the web chat and the managers' console. The
    // web channel forwards managers' notices to Telegram chats once the Telegram bot exists.
    const telegram: { bot?: Bot<BotContext> } = {};
    if (config.WEB_ENABLED) {
      const stores = sharedStorageOf(deps)?.web;
      web = await createWebChannel({ deps, botInfo: localBotInfo('minzheng_web_bot'), ...(stores ? { stores } : {}), ...(terminal ? {} : forwarding(telegram)) });
    }
    const http = createHttpApp({ logger: logger.child({ module: 'http' }), ...(web ? { mount: web.mount } : {}) });
    try {
      server = await startHttpServer(http.app, { host: httpHost(config), port: config.HTTP_PORT });
      logger.info({ url: server.url }, 'http server listening');
    } catch (error) {
      // Locally a taken port must not stop the terminal chat; with Telegram the health check needs it.
      if (!terminal) throw error;
      process.stdout.write(`（网页服务未启动：端口 ${config.HTTP_PORT} ${(error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? '已被占用' : '无法监听'}，可设 HTTP_PORT 换一个）\n`);
    }

    if (terminal) {
      send = terminalSender((text) => process.stdout.write(text));
      schedule = await startSchedule(config, deps, logger, shared);
      http.markReady();
      if (server && web) {
        const local = server.url.replace('127.0.0.1', 'localhost');
        process.stdout.write(`网页咨询：${local}/chat  （管理员在这里发 /console 可获得管理台登录链接）\n`);
      }
      // Ctrl+C ends the chat like Ctrl+D: the lock is released and the process exits on its own. The
      // listener stays for the whole run because `npm start` forwards the terminal's SIGINT a second time.
      const ended = new AbortController();
      const end = (): void => ended.abort();
      process.on('SIGINT', end);
      process.on('SIGTERM', end);
      await runTerminalChat(
        deps,
        { input: process.stdin, output: process.stdout, signal: ended.signal },
        web ? { transformers: [web.bridge.routeWebChats] } : {},
      );
      await shutdown();
      return;
    }
    const bot = createBot(deps, {
      token: config.BOT_TOKEN,
      ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
      transformers: [
        ...botApiTransformers(logger, { conflictGiveUpMs: config.POLLING_CONFLICT_GIVE_UP_SECONDS * 1000 }),
        ...(web ? [web.bridge.routeWebChats] : []),
      ],
      before: [...(shared ? [shared.guard] : []), sequentialize((ctx) => ctx.chat?.id.toString())],
    });
    telegram.bot = bot;
    send = createApiSender(bot.api);
    handle = await runTelegram(bot, config, logger, http);
    // Started once reminders have a way out, so a catch-up pass never "sends" into the void.
    schedule = await startSchedule(config, deps, logger, shared);
    http.markReady();
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

/** How the web channel reaches Telegram chats (a manager's notice to a Telegram citizen, and back). */
function forwarding(telegram: { bot?: Bot<BotContext> }) {
  return {
    forward: (method: string, payload: Record<string, unknown>) =>
      (telegram.bot?.api.raw as unknown as Record<string, (p: unknown) => Promise<unknown>>)[method]?.(payload) ?? Promise.resolve(true),
    notifyTelegram: async (chatId: number, text: string, buttons: { text: string; callback_data: string }[][]) =>
      void (await telegram.bot?.api.sendMessage(chatId, text, { reply_markup: { inline_keyboard: buttons } })),
  };
}

async function startSchedule(config: Config, deps: BotDeps, logger: Logger, shared?: SharedInstance): Promise<ReminderSchedule | undefined> {
  if (!config.REMINDERS_ENABLED) return undefined;
  return shared ? shared.startSchedule() : startReminderSchedule({ service: deps.reminders, rules: deps.reminders.rules, logger });
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
