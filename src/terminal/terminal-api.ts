import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { InputFile, type Transformer } from 'grammy';
import { htmlToText, renderButtons, type InlineButton } from './render-text.js';

/** The latest bot message that carries buttons: typing n presses its button n. */
export interface PressableMessage {
  messageId: number;
  text: string;
  keyboard: InlineButton[][];
  /** Callback data of its buttons; button n is `data[n - 1]`. */
  data: string[];
}

export interface TerminalScreen {
  /** The message whose buttons the numbers refer to; undefined when no buttons are showing. */
  current?: PressableMessage;
  print(text: string): void;
}

export interface TerminalApiOptions {
  /** Where documents the bot sends (the managers' CSV exports) are written. */
  filesDir: string;
}

interface Payload {
  text?: string;
  chat_id?: number;
  message_id?: number;
  reply_markup?: { inline_keyboard?: InlineButton[][] };
  document?: unknown;
  caption?: string;
}

/** A file name from the bot, reduced to a plain name inside the target folder. */
function safeFileName(name: string | undefined): string {
  const plain = basename(name ?? '').replace(/[\\/:*?"<>|]|\p{Cc}/gu, '_');
  return plain === '' || plain === '.' || plain === '..' ? `文件-${Date.now()}` : plain;
}

/**
 * An API transformer that renders the bot's calls as terminal text instead of sending them, and
 * answers each with what Telegram would return. The buttons of the latest message are numbered from
 * 1 so the person can type the number; documents are saved under `filesDir` and their path printed.
 */
export function terminalApi(screen: TerminalScreen, chat: { id: number; first_name: string }, options: TerminalApiOptions): Transformer {
  let nextMessageId = 1;
  const message = (messageId: number, text: string): Record<string, unknown> => ({
    message_id: messageId,
    date: Math.floor(Date.now() / 1000),
    chat: { ...chat, type: 'private' },
    text,
  });
  /** Prints a message (new or edited) with its buttons, which become the current ones if it has any. */
  const show = (messageId: number, shown: string, text: string, keyboard: InlineButton[][] | undefined): void => {
    const rows = keyboard ?? [];
    const { lines, data } = renderButtons(rows);
    if (data.length > 0) screen.current = { messageId, text, keyboard: rows, data };
    else if (screen.current?.messageId === messageId) screen.current = undefined;
    if (shown !== '' || lines.length > 0) screen.print([shown, ...lines].filter(Boolean).join('\n'));
  };
  const saveDocument = async (document: unknown, caption: string | undefined): Promise<void> => {
    if (!(document instanceof InputFile)) {
      screen.print(`📄 收到文件${caption ? `（${caption}）` : ''}`);
      return;
    }
    await mkdir(options.filesDir, { recursive: true });
    const path = resolve(join(options.filesDir, safeFileName(document.filename)));
    // toRaw is how grammY itself reads an InputFile's bytes; here they go to disk instead of Telegram.
    await writeFile(path, await document.toRaw());
    screen.print(`📄 已保存文件：${path}${caption ? `\n   ${caption}` : ''}`);
  };
  return async (_prev, method, rawPayload) => {
    const payload = rawPayload as Payload;
    let result: unknown = true;
    switch (method) {
      case 'sendMessage': {
        const id = nextMessageId++;
        show(id, htmlToText(payload.text ?? ''), payload.text ?? '', payload.reply_markup?.inline_keyboard);
        result = message(id, payload.text ?? '');
        break;
      }
      case 'editMessageText': {
        const id = payload.message_id ?? nextMessageId++;
        show(id, `（更新）${htmlToText(payload.text ?? '')}`, payload.text ?? '', payload.reply_markup?.inline_keyboard);
        result = message(id, payload.text ?? '');
        break;
      }
      case 'editMessageReplyMarkup': {
        // Buttons taken away need no words; new buttons are shown, numbered afresh.
        const id = payload.message_id ?? 0;
        const rows = payload.reply_markup?.inline_keyboard ?? [];
        const text = screen.current?.messageId === id ? screen.current.text : '';
        show(id, rows.length > 0 ? '（按钮已更新）' : '', text, rows);
        break;
      }
      case 'answerCallbackQuery':
        if (payload.text) screen.print(`💬 ${payload.text}`);
        break;
      case 'sendDocument':
        await saveDocument(payload.document, payload.caption);
        result = message(nextMessageId++, '');
        break;
      default:
        // setMyCommands, sendChatAction … have no terminal meaning.
        break;
    }
    return { ok: true, result } as Awaited<ReturnType<typeof _prev>>;
  };
}
