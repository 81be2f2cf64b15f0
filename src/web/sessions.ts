import type { WebMessage } from './messages.js';

export interface WebDocument {
  name: string;
  bytes: Uint8Array;
}

export interface Toast {
  text: string;
  alert: boolean;
}

/** What the server holds of one web conversation (its state proper lives in the bot's chat store). */
export interface WebSession {
  readonly chatId: number;
  messages: Map<number, WebMessage>;
  rev: number;
  nextMessageId: number;
  toasts: Toast[];
  /** Updates of one session run one after another, as the runner's sequentialize does for Telegram. */
  queue: Promise<unknown>;
}

export interface SessionLimits {
  /** Conversations kept in memory; the least recently used is dropped first (its history only). */
  maxSessions: number;
  /** Messages kept per conversation, for reloading the page. */
  maxMessages: number;
  /** Documents kept for download, across all sessions (each at most the bridge's maxDocumentBytes). */
  maxDocuments: number;
}

/** Worst case about 1 000 × 40 × 4 kB of card HTML plus 40 documents of ≤ 1 MB: bounded, whatever the traffic. */
export const DEFAULT_LIMITS: SessionLimits = { maxSessions: 1_000, maxMessages: 40, maxDocuments: 40 };

/** A bounded, least-recently-used registry of web conversations. */
export function createSessionRegistry(limits: SessionLimits = DEFAULT_LIMITS) {
  const sessions = new Map<number, WebSession>();
  const documents = new Map<string, { chatId: number; doc: WebDocument }>();
  return {
    get(chatId: number): WebSession {
      let s = sessions.get(chatId);
      if (s) sessions.delete(chatId);
      s ??= { chatId, messages: new Map(), rev: 0, nextMessageId: 1, toasts: [], queue: Promise.resolve() };
      sessions.set(chatId, s);
      if (sessions.size > limits.maxSessions) sessions.delete(sessions.keys().next().value as number);
      return s;
    },
    /** Stores a new or changed message under the next revision, dropping the oldest beyond the limit. */
    put(s: WebSession, message: Omit<WebMessage, 'rev'>): WebMessage {
      const stored = { ...message, rev: ++s.rev };
      s.messages.delete(message.id);
      s.messages.set(message.id, stored);
      while (s.messages.size > limits.maxMessages) s.messages.delete(s.messages.keys().next().value as number);
      return stored;
    },
    addDocument(s: WebSession, id: string, doc: WebDocument): void {
      documents.set(id, { chatId: s.chatId, doc });
      while (documents.size > limits.maxDocuments) documents.delete(documents.keys().next().value as string);
    },
    /** A document, only for the session it was sent to. */
    document(chatId: number, id: string): WebDocument | undefined {
      const entry = documents.get(id);
      return entry?.chatId === chatId ? entry.doc : undefined;
    },
    get size(): number {
      return sessions.size;
    },
  };
}

export type SessionRegistry = ReturnType<typeof createSessionRegistry>;
