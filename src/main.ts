import { join } from 'node:path';
import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { closeAppDeps, createAppDeps } from './app.js';
import { createBot } from './bot/create-bot.js';
import { createApiSender } from './bot/reminder-sender.js';
import { runTelegram } from './bot/run-telegram.js';
import { httpHost, loadConfig } from './config.js';
import { createHttpApp } from './http/app.js';
import { startHttpServer, type RunningServer } from './http/server.js';
import { channelOfChat } from './ratings/channel.js';
import { createWebChannel } from './web/create-web.js';
import { localBotInfo } from './bot/bot-info.js';
import type { Bot } from 'grammy';
import type { BotContext } from './bot/context.js';
import { AppError } from './errors.js';
import { createLogger } from './logger.js';
import { startReminderSchedule, type ReminderSender } from './reminders/service.js';
import { acquireDataDirLock } from './store/data-dir-lock.js';
import { runTerminalChat } from './terminal/terminal-chat.js';
import { terminalSender } from './terminal/terminal-sender.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const terminal = config.BOT_TOKEN === undefined;
  const logger = createLogger(config, terminal ? { file: join(config.DATA_DIR, 'bot.log') } : {});
  const lock = await acquireDataDirLock(config.DATA_DIR);

  // The sender needs the bot's API and the bot needs the deps: bind the sender once the bot exists.
  let send: ReminderSender = { send: async () => ({ status: 'failed', description: 'bot not started' }) };
  let web: Awaited<ReturnType<typeof createWebChannel>> | undefined;
  const sender: ReminderSender = {
    send: (chatId, message) => (web && channelOfChat(chatId) === 'web' ? web.bridge.deliver(chatId, message) : send.send(chatId, message)),
  };
  const deps = await createAppDeps({ config, logger, sender, watchCatalog: true });

  // One HTTP server: /healthz, the Telegram webhook, the web chat and the managers' console.
  // Set once the Telegram bot exists; the web channel forwards managers' notices through it.
  const telegram: { bot?: Bot<BotContext> } = {};
  if (config.WEB_ENABLED) {
    web = await createWebChannel({
      deps,
      botInfo: localBotInfo('minzheng_web_bot'),
      ...(terminal
        ? {}
        : {
            forward: (method: string, payload: Record<string, unknown>) =>
              (telegram.bot?.api.raw as unknown as Record<string, (p: unknown) => Promise<unknown>>)[method]?.(payload) ?? Promise.resolve(true),
            notifyTelegram: async (chatId: number, text: string, buttons: { text: string; callback_data: string }[][]) =>
              void (await telegram.bot?.api.sendMessage(chatId, text, { reply_markup: { inline_keyboard: buttons } })),
          }),
    });
  }
  const http = createHttpApp({ logger: logger.child({ module: 'http' }), ...(web ? { mount: web.mount } : {}) });
  let server: RunningServer | undefined;
  try {
    server = await startHttpServer(http.app, { host: httpHost(config), port: config.HTTP_PORT });
    logger.info({ url: server.url }, 'http server listening');
  } catch (error) {
    // Locally a taken port must not stop the terminal chat; with Telegram the health check needs it.
    if (!terminal) throw error;
    process.stdout.write(`（网页服务未启动：端口 ${config.HTTP_PORT} ${(error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? '已被占用' : '无法监听'}，可设 HTTP_PORT 换一个）\n`);
  }
  const schedule = config.REMINDERS_ENABLED
    ? startReminderSchedule({ service: deps.reminders, rules: deps.reminders.rules, logger })
    : undefined;

  const shutdown = async (): Promise<void> => {
    await server?.close();
    await schedule?.stop();
    await closeAppDeps(deps);
    await lock.release();
  };

  if (terminal) {
    send = terminalSender((text) => process.stdout.write(text));
    if (server && web) {
      const local = server.url.replace('127.0.0.1', 'localhost');
      process.stdout.write(`网页咨询：${local}/chat  （管理员在这里发 /console 可获得管理台登录链接）\n`);
    }
    await runTerminalChat(deps, { input: process.stdin, output: process.stdout }, web ? { transformers: [web.bridge.routeWebChats] } : {});
    await shutdown();
    return;
  }

  const bot = createBot(deps, {
    token: config.BOT_TOKEN,
    ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
    transformers: [autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }), ...(web ? [web.bridge.routeWebChats] : [])],
    before: [sequentialize((ctx) => ctx.chat?.id.toString())],
  });
  telegram.bot = bot;
  send = createApiSender(bot.api);
  const handle = await runTelegram(bot, config, logger, http);
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
