import { escapeHtml } from '../bot/render/html.js';

/** A button as the browser shows it: `data` goes back in a press, `url` opens a link. */
export interface WebButton {
  text: string;
  data?: string;
  url?: string;
}

/**
 * One message in a web conversation, as /api/v1 returns it. `html` is the bot's Telegram-HTML subset
 * (b, i, u, s, a, code, pre, blockquote); the browser renders it through an allowlist, never as-is.
 */
export interface WebMessage {
  id: number;
  from: 'bot' | 'user';
  html: string;
  buttons: WebButton[][];
  document?: { name: string; url: string };
  /** Set when the bot deleted the message. */
  deleted?: boolean;
  /** Change counter: a client asks for what changed after the last one it saw. */
  rev: number;
}

/** What grammY hands the API for the calls a conversation makes (only the fields we read). */
export interface BotPayload {
  chat_id?: number | string;
  message_id?: number;
  callback_query_id?: string;
  text?: string;
  caption?: string;
  parse_mode?: string;
  show_alert?: boolean;
  reply_markup?: { inline_keyboard?: RawButton[][] };
  document?: unknown;
}

export interface RawButton {
  text: string;
  callback_data?: string;
  url?: string;
}

/** Telegram-HTML for a text sent with or without parse_mode (plain text is escaped). */
export function messageHtml(text: string, parseMode: string | undefined): string {
  return parseMode === 'HTML' ? text : escapeHtml(text);
}

/** The inline keyboard as web buttons; keyboards of other kinds (force_reply) have none. */
export function webButtons(markup: BotPayload['reply_markup']): WebButton[][] {
  const rows = markup?.inline_keyboard ?? [];
  return rows
    .map((row) =>
      row.flatMap((b): WebButton[] => {
        if (typeof b.callback_data === 'string') return [{ text: b.text, data: b.callback_data }];
        if (typeof b.url === 'string' && /^(https?:|tel:|mailto:)/i.test(b.url)) return [{ text: b.text, url: b.url }];
        return [];
      }),
    )
    .filter((row) => row.length > 0);
}

/** True when `data` is the callback data of a button on the message: presses of anything else are forged. */
export function hasButton(message: Pick<WebMessage, 'buttons'>, data: string): boolean {
  return message.buttons.some((row) => row.some((b) => b.data === data));
}
