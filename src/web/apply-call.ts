import { randomBytes } from 'node:crypto';
import { InputFile } from 'grammy';
import { escapeHtml } from '../bot/render/html.js';
import { messageHtml, webButtons, type BotPayload } from './messages.js';
import type { SessionRegistry, WebSession } from './sessions.js';

export const WEB_USER_NAME = '网页用户';

/**
 * Turns one Bot API call for a web chat into a change of that web session (a new, edited or deleted
 * message, a toast, a downloadable document) and answers it the way Telegram would, so the bot's
 * features cannot tell a web chat from a Telegram one.
 */
export function createCallApplier(opts: { registry: SessionRegistry; clock: () => Date; maxDocumentBytes: number }) {
  const { registry } = opts;
  const telegramMessage = (s: WebSession, id: number, text: string) => ({
    message_id: id,
    date: Math.floor(opts.clock().getTime() / 1000),
    chat: { id: s.chatId, type: 'private', first_name: WEB_USER_NAME },
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

  async function sendDocument(s: WebSession, p: BotPayload): Promise<unknown> {
    const id = s.nextMessageId++;
    const bytes = await documentBytes(p.document);
    const name = p.document instanceof InputFile ? (p.document.filename ?? '附件') : '附件';
    const caption = messageHtml(p.caption ?? '', p.parse_mode);
    if (!bytes) {
      registry.put(s, { id, from: 'bot', html: `${caption}\n（文件 ${escapeHtml(name)} 无法在网页上提供）`.trim(), buttons: [] });
    } else {
      const docId = randomBytes(9).toString('base64url');
      registry.addDocument(s, docId, { name, bytes });
      registry.put(s, { id, from: 'bot', html: caption, buttons: webButtons(p.reply_markup), document: { name, url: `api/v1/documents/${docId}` } });
    }
    return { ...telegramMessage(s, id, ''), document: { file_id: 'web', file_unique_id: 'web' } };
  }

  /** Applies one call to session `s`; returns the `result` Telegram would have sent back. */
  return async function apply(s: WebSession, method: string, p: BotPayload): Promise<unknown> {
    const existing = p.message_id === undefined ? undefined : s.messages.get(p.message_id);
    switch (method) {
      case 'sendMessage': {
        const id = s.nextMessageId++;
        registry.put(s, { id, from: 'bot', html: messageHtml(p.text ?? '', p.parse_mode), buttons: webButtons(p.reply_markup) });
        return telegramMessage(s, id, p.text ?? '');
      }
      case 'editMessageText':
        // As on Telegram, an edit without reply_markup removes the buttons.
        if (!existing) return true;
        registry.put(s, { ...existing, html: messageHtml(p.text ?? '', p.parse_mode), buttons: webButtons(p.reply_markup) });
        return telegramMessage(s, existing.id, p.text ?? '');
      case 'editMessageReplyMarkup':
        if (existing) registry.put(s, { ...existing, buttons: webButtons(p.reply_markup) });
        return true;
      case 'deleteMessage':
        if (existing) registry.put(s, { ...existing, html: '', buttons: [], deleted: true });
        return true;
      case 'answerCallbackQuery':
        if (p.text) s.toasts.push({ text: p.text, alert: p.show_alert === true });
        return true;
      case 'sendDocument':
        return sendDocument(s, p);
      default:
        // sendChatAction, setMyCommands …: nothing to show on a page.
        return true;
    }
  };
}
