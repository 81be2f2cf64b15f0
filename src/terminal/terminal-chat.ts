import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Transformer } from 'grammy';
import type { Update } from 'grammy/types';
import { localBotInfo } from '../bot/bot-info.js';
import { createBot } from '../bot/create-bot.js';
import type { BotDeps } from '../bot/context.js';
import { MANAGER_COMMANDS } from '../bot/manager-commands.js';
import { terminalApi, type TerminalScreen } from './terminal-api.js';

export const TERMINAL_BOT_INFO = localBotInfo('minzheng_local_bot');

/** The user id of the person typing in the terminal chat: put it in ADMIN_IDS to use manager commands. */
export const TERMINAL_USER_ID = 10_000;

const USER = { id: TERMINAL_USER_ID, is_bot: false, first_name: '本地用户' };

export interface TerminalIo {
  input: Readable;
  output: Writable;
  /** Ends the chat as end of input does (Ctrl+C): the current update finishes, then it says goodbye. */
  signal?: AbortSignal;
}

/** The hint for a manager command typed by someone not in ADMIN_IDS; Telegram users never see it. */
function adminHint(command: string): string {
  return (
    `/${command} 是管理员命令。本地终端里您的用户 ID 是 ${TERMINAL_USER_ID}，按 Ctrl+D 退出后用\n` +
    `   ADMIN_IDS=${TERMINAL_USER_ID} npm start\n` +
    '重新启动，就能以管理员身份使用 /stats、/cases、/export、/reminders 等命令（也可以写进 .env 的 ADMIN_IDS）。'
  );
}

/**
 * The same bot as on Telegram, talking in the terminal: each line typed becomes a message update, the
 * number of a button of the latest message presses it, and replies are printed as text. Resolves at
 * end of input or when `io.signal` aborts.
 */
export async function runTerminalChat(
  deps: BotDeps,
  io: TerminalIo,
  /** Further API transformers: the web bridge routes replies meant for web chats (a case closed here). */
  options: { transformers?: Transformer[] } = {},
): Promise<void> {
  const screen: TerminalScreen = {
    print: (text) => io.output.write(`\n🤖 ${text.replace(/\n/g, '\n   ')}\n`),
  };
  const chat = { id: USER.id, first_name: USER.first_name };
  const filesDir = join(deps.config.DATA_DIR, 'exports');
  const bot = createBot(deps, { botInfo: TERMINAL_BOT_INFO, transformers: [terminalApi(screen, chat, { filesDir }), ...(options.transformers ?? [])] });
  const isAdmin = deps.config.ADMIN_IDS.includes(USER.id);
  let updateId = 1;
  let messageId = 1_000_000;
  const date = (): number => Math.floor(deps.clock().getTime() / 1000);

  io.output.write(
    `民政服务助手（本地终端模式${isAdmin ? '，管理员' : ''}）。直接输入问题；输入按钮前的数字即可点按钮；Ctrl+D 或 Ctrl+C 退出。\n`,
  );
  await bot.handleUpdate(messageUpdate('/start'));

  function messageUpdate(text: string): Update {
    const command = /^\/\w+/.exec(text)?.[0];
    return {
      update_id: updateId++,
      message: {
        message_id: messageId++,
        date: date(),
        chat: { ...chat, type: 'private' },
        from: USER,
        text,
        ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}),
      },
    } as Update;
  }

  /** A press of button `n` of the latest message with buttons, or undefined when there is no such button. */
  function pressUpdate(line: string): Update | undefined {
    const current = screen.current;
    if (!current || !/^\d+$/.test(line)) return undefined;
    const data = current.data[Number(line) - 1];
    if (data === undefined) return undefined;
    return {
      update_id: updateId++,
      callback_query: {
        id: String(updateId),
        from: USER,
        chat_instance: 'terminal',
        data,
        message: {
          message_id: current.messageId,
          date: date(),
          chat: { ...chat, type: 'private' },
          text: current.text,
          reply_markup: { inline_keyboard: current.keyboard },
        },
      },
    } as Update;
  }

  const lines = createInterface({ input: io.input, terminal: false });
  const stop = (): void => lines.close();
  if (io.signal?.aborted) stop();
  io.signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const raw of lines) {
      const line = raw.trim();
      if (!line) continue;
      const command = /^\/(\w+)/.exec(line)?.[1]?.toLowerCase();
      if (!isAdmin && command !== undefined && (MANAGER_COMMANDS as readonly string[]).includes(command)) {
        screen.print(adminHint(command));
        continue;
      }
      await bot.handleUpdate(pressUpdate(line) ?? messageUpdate(line));
    }
  } finally {
    io.signal?.removeEventListener('abort', stop);
  }
  io.output.write('\n再见！\n');
}
