import type { Transformer } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { BotDeps } from '../bot/context.js';
import { createBot } from '../bot/create-bot.js';
import { escapeHtml } from '../bot/render/html.js';
import { channelOfChat } from '../ratings/channel.js';
import type { ReminderMessage, SendOutcome } from '../reminders/service.js';
import { createCallApplier, WEB_USER_NAME } from './apply-call.js';
import { hasButton, type BotPayload, type WebMessage } from './messages.js';
import { createMemorySessionStore, type SessionLimits, type Toast, type WebDocument, type WebSessionStore } from './sessions.js';

/**
 * The web channel's bridge: the same bot as on Telegram (createBot, every feature), fed through
 * `handleUpdate`, with an API transformer that keeps what the bot sends to a web chat in that web
 * session's store instead of sending it. Decisions of what to say stay in the bot's features; this file
 * only translates updates in and Bot API calls out. Calls for other chats (the managers' group) go
 * to `forward` (the real Telegram API) when there is one.
 */

export interface WebReply {
  messages: WebMessage[];
  toasts: Toast[];
  /** The latest revision: ask for changes after it next time. */
  rev: number;
}

/** The press named a button that is not on that message (forged, or the message is gone). */
export class WebInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebInputError';
  }
}

export interface WebBridgeOptions {
  deps: BotDeps;
  botInfo: UserFromGetMe;
  /** Sends a call that is not for a web chat (the managers' group) through the real Bot API. */
  forward?: (method: string, payload: Record<string, unknown>) => Promise<unknown>;
  /** Where conversations are kept; without, in this process's memory (one instance). */
  store?: WebSessionStore;
  /** Bounds of the in-memory store (when no `store` is given). */
  limits?: Partial<SessionLimits>;
  /** Largest document kept for download (a printable checklist is a few kB). */
  maxDocumentBytes?: number;
}

/** What only this process needs of a conversation while it handles its requests. */
interface Running {
  /** Updates of one session run one after another, as the runner's sequentialize does for Telegram. */
  queue: Promise<unknown>;
  toasts: Toast[];
  pending: number;
}

type ApiResult = Awaited<ReturnType<Parameters<Transformer>[0]>>;

export function createWebBridge(options: WebBridgeOptions) {
  const { deps } = options;
  const maxDocumentBytes = options.maxDocumentBytes ?? 1_000_000;
  const store = options.store ?? createMemorySessionStore({ ...options.limits, maxDocumentBytes, now: () => deps.clock().getTime() });
  const running = new Map<number, Running>();
  let updateId = 1;
  let callbackId = 1;
  const log = deps.logger.child({ module: 'web-bridge' });

  const chatOf = (method: string, p: BotPayload): number | undefined => {
    if (method === 'answerCallbackQuery') {
      const m = /^web:(\d+):/.exec(p.callback_query_id ?? '');
      return m ? Number(m[1]) : undefined;
    }
    const id = typeof p.chat_id === 'string' ? Number(p.chat_id) : p.chat_id;
    return typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined;
  };

  const apply = createCallApplier({ store, clock: deps.clock, maxDocumentBytes });

  /** The API transformer: web chats are answered here; others are forwarded or, with no Telegram, logged. */
  const transformer: Transformer = async (prev, method, payload, signal) => {
    const p = payload as BotPayload;
    const chatId = chatOf(method, p);
    if (chatId !== undefined && channelOfChat(chatId) === 'web') {
      // A toast outside a request of this process (none is expected) has no page to show it: dropped.
      return { ok: true, result: await apply(chatId, running.get(chatId)?.toasts ?? [], method, p) } as ApiResult;
    }
    if (options.forward) return { ok: true, result: await options.forward(method, payload as Record<string, unknown>) } as ApiResult;
    if (method === 'getMe') return prev(method, payload, signal);
    log.warn({ method, chatId }, 'no Telegram connection: message for a non-web chat not sent');
    return { ok: true, result: true } as ApiResult;
  };

  const bot = createBot(
    { ...deps, unanswered: { record: (e) => deps.unanswered.record({ ...e, channel: 'web' }), entries: () => deps.unanswered.entries(), flush: () => deps.unanswered.flush() } },
    { botInfo: options.botInfo, transformers: [transformer] },
  );

  /** Runs one update for a session, after any still running for it in this process, and returns what changed. */
  function run(chatId: number, since: number, build: () => Promise<Update | undefined>): Promise<WebReply> {
    let r = running.get(chatId);
    if (!r) running.set(chatId, (r = { queue: Promise.resolve(), toasts: [], pending: 0 }));
    const entry = r;
    entry.pending++;
    const next = entry.queue.then(async (): Promise<WebReply> => {
      entry.toasts = [];
      const update = await build();
      if (update) await bot.handleUpdate(update);
      const toasts = entry.toasts;
      entry.toasts = [];
      const { messages, rev } = await store.changes(chatId, since);
      return { messages, toasts, rev };
    });
    entry.queue = next.catch(() => undefined).finally(() => {
      // Idle sessions hold nothing here: the map stays as small as the requests in flight.
      if (--entry.pending === 0) running.delete(chatId);
    });
    return next;
  }

  const user = (chatId: number) => ({ id: chatId, is_bot: false, first_name: WEB_USER_NAME, language_code: 'zh-hans' });
  const chat = (chatId: number) => ({ id: chatId, type: 'private' as const, first_name: WEB_USER_NAME });
  const date = (): number => Math.floor(deps.clock().getTime() / 1000);

  return {
    /** A message typed by the person (commands such as /start, /menu, /cancel included); `echo` keeps it in the history. */
    say(chatId: number, text: string, since = 0, echo = true): Promise<WebReply> {
      return run(chatId, since, async () => {
        const id = await store.nextMessageId(chatId);
        if (echo) await store.put(chatId, { id, from: 'user', html: escapeHtml(text), buttons: [] });
        const command = /^\/[a-z_]+/i.exec(text)?.[0];
        return {
          update_id: updateId++,
          message: {
            message_id: id, date: date(), chat: chat(chatId), from: user(chatId), text,
            ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}),
          },
        } as Update;
      });
    },
    /**
     * A button pressed under message `messageId`.
     * @throws WebInputError when that message has no such button (forged data, or a message long gone).
     */
    press(chatId: number, messageId: number, data: string, since = 0): Promise<WebReply> {
      return run(chatId, since, async () => {
        const m = await store.message(chatId, messageId);
        if (!m || m.from !== 'bot' || !hasButton(m, data)) throw new WebInputError('这个按钮已失效，请重新提问。');
        const inline_keyboard = m.buttons.map((row) => row.map((b) => (b.data ? { text: b.text, callback_data: b.data } : { text: b.text, url: b.url ?? '' })));
        return {
          update_id: updateId++,
          callback_query: {
            id: `web:${chatId}:${callbackId++}`, from: user(chatId), chat_instance: `web${chatId}`, data,
            message: { message_id: m.id, date: date(), chat: chat(chatId), text: '', reply_markup: { inline_keyboard } },
          },
        } as Update;
      });
    },
    /** Messages changed after revision `since`, e.g. a manager's answer that arrived meanwhile. */
    async history(chatId: number, since = 0): Promise<WebReply> {
      const { messages, rev } = await store.changes(chatId, since);
      return { messages, toasts: [], rev };
    },
    document: (chatId: number, id: string): Promise<WebDocument | undefined> => store.document(chatId, id),
    /**
     * Install on other bots' APIs (the Telegram bot, the terminal chat): what they send to a web chat
     * (a case's closing notice, a reminder) lands in that web session.
     */
    routeWebChats: ((prev, method, payload, signal) => {
      const chatId = chatOf(method, payload as BotPayload);
      return chatId !== undefined && channelOfChat(chatId) === 'web' ? transformer(prev, method, payload, signal) : prev(method, payload, signal);
    }) as Transformer,
    /** A message for a web chat from outside a conversation: a reminder, a case's closing notice. */
    async deliver(chatId: number, message: ReminderMessage): Promise<SendOutcome> {
      const sent = (await apply(chatId, [], 'sendMessage', {
        text: message.text,
        reply_markup: { inline_keyboard: message.buttons.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data }))) },
      })) as { message_id: number };
      return { status: 'ok', messageId: sent.message_id };
    },
    /** Conversations held in this process's memory (0 with PostgreSQL). */
    get sessions(): number {
      return store.held;
    },
  };
}

export type WebBridge = ReturnType<typeof createWebBridge>;
