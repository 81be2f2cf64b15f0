import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Transformer } from 'grammy';
import type { Update } from 'grammy/types';
import { localBotInfo } from '../bot/bot-info.js';
import { createBot } from '../bot/create-bot.js';
import type { BotDeps } from '../bot/context.js';
import { terminalApi, type TerminalScreen } from './terminal-api.js';

export const TERMINAL_BOT_INFO = localBotInfo('minzheng_local_bot');

const USER = { id: 10_000, is_bot: false, first_name: '市民' };

/**
 * The same bot as on Telegram, talking in the terminal: each line typed becomes a message update, a
 * number presses the button shown with it, and replies are printed as text. Resolves at end of input.
 */
export async function runTerminalChat(
  deps: BotDeps,
  io: { input: Readable; output: Writable },
  options: { transformers?: Transformer[] } = {},
): Promise<void> {
  const screen: TerminalScreen = {
    buttons: new Map(),
    print: (text) => io.output.write(`\n🤖 ${text.replace(/\n/g, '\n   ')}\n`),
  };
  const chat = { id: USER.id, first_name: USER.first_name };
  const bot = createBot(deps, { botInfo: TERMINAL_BOT_INFO, transformers: [terminalApi(screen, chat), ...(options.transformers ?? [])] });
  let updateId = 1;
  let messageId = 1_000_000;
  const date = (): number => Math.floor(deps.clock().getTime() / 1000);

  io.output.write('民政服务助手（本地终端模式）。直接输入问题；输入按钮前的数字即可点按钮；Ctrl+D 退出。\n');
  await bot.handleUpdate(commandUpdate('/start'));

  function commandUpdate(text: string): Update {
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

  const lines = createInterface({ input: io.input, terminal: false });
  for await (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const pressed = /^\d{1,3}$/.test(line) ? screen.buttons.get(Number(line)) : undefined;
    const update: Update = pressed
      ? ({
          update_id: updateId++,
          callback_query: {
            id: String(updateId),
            from: USER,
            chat_instance: 'terminal',
            data: pressed,
            message: { message_id: messageId++, date: date(), chat: { ...chat, type: 'private' }, text: '' },
          },
        } as Update)
      : commandUpdate(line);
    await bot.handleUpdate(update);
  }
  io.output.write('\n再见！\n');
}
