import { randomBytes } from 'node:crypto';
import { InputFile } from 'grammy';
import { escapeHtml } from '../bot/render/html.js';
import { messageHtml, webButtons, type BotPayload, type WebMessage } from './messages.js';
import type { Toast, WebSessionStore } from './sessions.js';

export const WEB_USER_NAME = '网页用户';
const CHANGES = new Set(['editMessageText', 'editMessageReplyMarkup', 'deleteMessage']);

/**
 * Turns one Bot API call for a web chat into a change of that web session (a new, edited or deleted
 * message, a toast, a downloadable document) and answers it the way Telegram would, so the bot's
 * features cannot tell a web chat from a Telegram one.
 */
export function createCallApplier(opts: { store: WebSessionStore; clock: () => Date; maxDocumentBytes: number }) {
  const { store } = opts;
  const telegramMessage = (chatId: number, id: number, text: string) => ({
    message_id: id,
    date: Math.floor(opts.clock().getTime() / 1000),
    chat: { id: chatId, type: 'private', first_name: WEB_USER_NAME },
    text,
  });

  async function documentBytes(doc: unknown): Promise<Uint8Array | undefined> {
    if (!(doc instanceof InputFile)) return undefined;
    const raw = await doc.toRaw();
    if (raw instanceof Uint8Array) return raw.byteLength <= opts.maxDocumentBytes ? raw : undefined;
    const parts: Uint8Array[] = [];
    let size = 0;
    for await (const part of raw as AsyncIterable<Uint8Array>) {
      size += part.byteLength;
      if (size > opts.maxDocumentBytes) return undefined;
      parts.push(part);
    }
    return Buffer.concat(parts);
  }

  async function sendDocument(chatId: number, p: BotPayload): Promise<unknown> {
    const id = await store.nextMessageId(chatId);
    const bytes = await documentBytes(p.document);
    const name = p.document instanceof InputFile ? (p.document.filename ?? '附件') : '附件';
    const caption = messageHtml(p.caption ?? '', p.parse_mode);
    const docId = randomBytes(9).toString('base64url');
    if (!bytes || !(await store.addDocument(chatId, docId, { name, bytes }))) {
      await store.put(chatId, { id, from: 'bot', html: `${caption}\n（文件 ${escapeHtml(name)} 无法在网页上提供）`.trim(), buttons: [] });
    } else {
      await store.put(chatId, { id, from: 'bot', html: caption, buttons: webButtons(p.reply_markup), document: { name, url: `api/v1/documents/${docId}` } });
    }
    return { ...telegramMessage(chatId, id, ''), document: { file_id: 'web', file_unique_id: 'web' } };
  }

  /**
   * Applies one call to the conversation `chatId` (toasts go to `toasts`, shown with the reply of
   * the request that caused them); returns the `result` Telegram would have sent back.
   */
  return async function apply(chatId: number, toasts: Toast[], method: string, p: BotPayload): Promise<unknown> {
    // Only edits and deletions read the message they change (one round trip fewer for a send).
    const existing = p.message_id === undefined || !CHANGES.has(method) ? undefined : await store.message(chatId, p.message_id);
    switch (method) {
      case 'sendMessage': {
        const id = await store.nextMessageId(chatId);
        await store.put(chatId, { id, from: 'bot', html: messageHtml(p.text ?? '', p.parse_mode), buttons: webButtons(p.reply_markup) });
        return telegramMessage(chatId, id, p.text ?? '');
      }
      case 'editMessageText':
        // As on Telegram, an edit without reply_markup removes the buttons.
        if (!existing) return true;
        await store.put(chatId, { ...withoutRev(existing), html: messageHtml(p.text ?? '', p.parse_mode), buttons: webButtons(p.reply_markup) });
        return telegramMessage(chatId, existing.id, p.text ?? '');
      case 'editMessageReplyMarkup':
        if (existing) await store.put(chatId, { ...withoutRev(existing), buttons: webButtons(p.reply_markup) });
        return true;
      case 'deleteMessage':
        if (existing) await store.put(chatId, { ...withoutRev(existing), html: '', buttons: [], deleted: true });
        return true;
      case 'answerCallbackQuery':
        if (p.text) toasts.push({ text: p.text, alert: p.show_alert === true });
        return true;
      case 'sendDocument':
        return sendDocument(chatId, p);
      default:
        // sendChatAction, setMyCommands …: nothing to show on a page.
        return true;
    }
  };
}

const withoutRev = ({ rev: _rev, ...message }: WebMessage): Omit<WebMessage, 'rev'> => message;
