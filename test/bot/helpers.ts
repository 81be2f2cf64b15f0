import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bot, Middleware } from 'grammy';
import type { Update } from 'grammy/types';
import { localBotInfo } from '../../src/bot/bot-info.js';
import { createAppDeps } from '../../src/app.js';
import type { BotContext, BotDeps } from '../../src/bot/context.js';
import { createBot } from '../../src/bot/create-bot.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import type { ReminderMessage, ReminderSender } from '../../src/reminders/service.js';

export const BOT_INFO = localBotInfo('minzheng_test_bot', 42);

export const USER = { id: 1001, is_bot: false, first_name: '张三' };
export const OTHER_USER = { id: 1002, is_bot: false, first_name: '李四' };
export const ADMIN = { id: 9001, is_bot: false, first_name: '王科长' };
export const MANAGER_CHAT_ID = -100500;

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

export interface TestBot {
  bot: Bot<BotContext>;
  deps: BotDeps;
  calls: ApiCall[];
  sent: { chatId: number; message: ReminderMessage }[];
  dataDir: string;
  /** A private text message from `from` (default USER); commands get a bot_command entity. */
  send(text: string, from?: typeof USER): Promise<ApiCall[]>;
  /**
   * Presses a button: a callback query on message `messageId` (default: the last bot message), whose
   * text Telegram sends along as `messageText` (default empty).
   */
  press(data: string, from?: typeof USER, messageId?: number, messageText?: string): Promise<ApiCall[]>;
  update(update: Omit<Update, 'update_id'>): Promise<ApiCall[]>;
  /** All texts sent with sendMessage since the start, or in `calls`. */
  texts(calls?: ApiCall[]): string[];
  /** Callback data of every inline button in `calls`. */
  buttons(calls?: ApiCall[]): { text: string; data: string }[];
  close(): Promise<void>;
}

/**
 * A real Bot over real domain services (shipped catalog and intents, a temp DATA_DIR), with every API
 * call captured and answered in-process like Telegram would.
 */
export async function createTestBot(
  options: { env?: Record<string, string>; now?: () => Date; before?: (deps: BotDeps) => Middleware<BotContext>[] } = {},
): Promise<TestBot> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mz-bot-'));
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    ADMIN_IDS: String(ADMIN.id),
    MANAGER_CHAT_ID: String(MANAGER_CHAT_ID),
    ...options.env,
  });
  const sent: TestBot['sent'] = [];
  const sender: ReminderSender = {
    async send(chatId, message) {
      sent.push({ chatId, message });
      return { status: 'ok', messageId: sent.length };
    },
  };
  const deps = await createAppDeps({
    config,
    logger: createSilentLogger(),
    sender,
    ...(options.now ? { clock: options.now } : {}),
  });
  const calls: ApiCall[] = [];
  let messageId = 500;
  let lastBotMessage = 0;
  const bot = createBot(deps, {
    botInfo: BOT_INFO,
    ...(options.before ? { before: options.before(deps) } : {}),
    transformers: [
      async (_prev, method, payload) => {
        calls.push({ method, payload: payload as Record<string, unknown> });
        const p = payload as { chat_id?: number; text?: string };
        if (method === 'sendMessage' || method === 'sendDocument') {
          lastBotMessage = ++messageId;
          const result = { message_id: lastBotMessage, date: 0, chat: { id: p.chat_id, type: 'private' }, text: p.text };
          return { ok: true, result } as never;
        }
        return { ok: true, result: true } as never;
      },
    ],
  });
  let updateId = 1;
  const chat = (from: typeof USER) => ({ id: from.id, type: 'private' as const, first_name: from.first_name });
  const run = async (update: Omit<Update, 'update_id'>): Promise<ApiCall[]> => {
    const before = calls.length;
    await bot.handleUpdate({ update_id: updateId++, ...update } as Update);
    return calls.slice(before);
  };
  const collectButtons = (list: ApiCall[]) =>
    list.flatMap((c) => {
      const markup = c.payload.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined;
      return (markup?.inline_keyboard ?? []).flat().flatMap((b) => (b.callback_data ? [{ text: b.text, data: b.callback_data }] : []));
    });
  return {
    bot,
    deps,
    calls,
    sent,
    dataDir,
    send(text, from = USER) {
      const command = /^\/\w+/.exec(text)?.[0];
      return run({
        message: {
          message_id: ++messageId,
          date: Math.floor(Date.now() / 1000),
          chat: chat(from),
          from,
          text,
          ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}),
        },
      } as Omit<Update, 'update_id'>);
    },
    press(data, from = USER, onMessage = lastBotMessage, messageText = '') {
      return run({
        callback_query: {
          id: `cb${updateId}`,
          from,
          chat_instance: 'test',
          data,
          message: { message_id: onMessage, date: 0, chat: chat(from), text: messageText },
        },
      } as Omit<Update, 'update_id'>);
    },
    update: run,
    texts: (list = calls) => list.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text)),
    buttons: (list = calls) => collectButtons(list),
    async close() {
      deps.catalog.close();
      await deps.chats.flush();
      await deps.ratings.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
