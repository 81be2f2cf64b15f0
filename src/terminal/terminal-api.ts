import type { Transformer } from 'grammy';
import { htmlToText, renderButtons, type InlineButton } from './render-text.js';

export interface TerminalScreen {
  /** Callback data of the buttons shown, by number (1-based). */
  buttons: Map<number, string>;
  print(text: string): void;
}

interface Payload {
  text?: string;
  chat_id?: number;
  reply_markup?: { inline_keyboard?: InlineButton[][] };
  document?: { filename?: string };
  caption?: string;
}

/**
 * An API transformer that renders the bot's calls as terminal text instead of sending them, and
 * answers each with what Telegram would return. Buttons are numbered so the person can type the number.
 */
export function terminalApi(screen: TerminalScreen, chat: { id: number; first_name: string }): Transformer {
  let nextMessageId = 1;
  const message = (text: string): Record<string, unknown> => ({
    message_id: nextMessageId++,
    date: Math.floor(Date.now() / 1000),
    chat: { ...chat, type: 'private' },
    text,
  });
  const show = (text: string, payload: Payload): void => {
    const rows = payload.reply_markup?.inline_keyboard ?? [];
    const { lines, data } = renderButtons(rows, screen.buttons.size + 1);
    for (const d of data) screen.buttons.set(screen.buttons.size + 1, d);
    screen.print([htmlToText(text), ...lines].join('\n'));
  };
  return async (_prev, method, rawPayload) => {
    const payload = rawPayload as Payload;
    let result: unknown = true;
    switch (method) {
      case 'sendMessage':
        show(payload.text ?? '', payload);
        result = message(payload.text ?? '');
        break;
      case 'editMessageText':
        show(`（更新）${payload.text ?? ''}`, payload);
        result = message(payload.text ?? '');
        break;
      case 'editMessageReplyMarkup':
        show('（按钮已更新）', payload);
        break;
      case 'answerCallbackQuery':
        if (payload.text) screen.print(`💬 ${payload.text}`);
        break;
      case 'sendDocument':
        screen.print(`📄 已生成文件：${payload.document?.filename ?? '附件'}${payload.caption ? `（${payload.caption}）` : ''}`);
        result = message('');
        break;
      default:
        // setMyCommands, sendChatAction … have no terminal meaning.
        break;
    }
    return { ok: true, result } as Awaited<ReturnType<typeof _prev>>;
  };
}
