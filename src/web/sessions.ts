import type { WebMessage } from './messages.js';

export interface WebDocument {
  name: string;
  bytes: Uint8Array;
}

export interface Toast {
  text: string;
  alert: boolean;
}

/** Messages changed after a revision, and the latest revision of the conversation. */
export interface WebChanges {
  messages: WebMessage[];
  rev: number;
}

/**
 * What the server keeps of each web conversation between requests (its state proper lives in the
 * bot's chat store): the messages the page shows, under revision numbers a poll asks after, and the
 * documents offered for download. In memory for one instance; in PostgreSQL so that a poll on any
 * instance sees what another wrote.
 */
export interface WebSessionStore {
  /** A new message id in the conversation (the person's messages and the bot's share one sequence). */
  nextMessageId(chatId: number): Promise<number>;
  /** Stores a new or changed message under the conversation's next revision; returns it with that revision. */
  put(chatId: number, message: Omit<WebMessage, 'rev'>): Promise<WebMessage>;
  message(chatId: number, id: number): Promise<WebMessage | undefined>;
  /** Messages changed after revision `since` (oldest first); an expired conversation has none and revision 0. */
  changes(chatId: number, since: number): Promise<WebChanges>;
  /** Keeps a document for download by that conversation only; false when it is over the size cap. */
  addDocument(chatId: number, id: string, doc: WebDocument): Promise<boolean>;
  /** A document, only for the conversation it was sent to, until it expires. */
  document(chatId: number, id: string): Promise<WebDocument | undefined>;
  /** Conversations held in this process's memory (0 when they live in the database). */
  readonly held: number;
}

export interface SessionLimits {
  /** Conversations kept in memory; the least recently used is dropped first (its history only). */
  maxSessions: number;
  /** Messages kept per conversation, for reloading the page. */
  maxMessages: number;
  /** Documents kept for download, across all sessions (each at most maxDocumentBytes). */
  maxDocuments: number;
  /** Largest document kept (a printable checklist is a few kB). */
  maxDocumentBytes: number;
  /** A conversation untouched this long is forgotten (the session cookie lives as long). */
  sessionTtlMs: number;
  /** A document can be downloaded this long after it was sent. */
  documentTtlMs: number;
}

/** Worst case about 1 000 × 40 × 4 kB of card HTML plus 40 documents of ≤ 1 MB: bounded, whatever the traffic. */
export const DEFAULT_LIMITS: SessionLimits = {
  maxSessions: 1_000, maxMessages: 40, maxDocuments: 40, maxDocumentBytes: 1_000_000,
  sessionTtlMs: 30 * 24 * 3_600_000, documentTtlMs: 24 * 3_600_000,
};

interface MemorySession {
  messages: Map<number, WebMessage>;
  rev: number;
  nextMessageId: number;
  touched: number;
}

/** The web conversations of one instance, in a bounded least-recently-used map (lowdb mode). */
export function createMemorySessionStore(options: Partial<SessionLimits> & { now?: () => number } = {}): WebSessionStore {
  const limits = { ...DEFAULT_LIMITS, ...options };
  const now = options.now ?? Date.now;
  const sessions = new Map<number, MemorySession>();
  const documents = new Map<string, { chatId: number; doc: WebDocument; expiresAt: number }>();
  /** The session unless expired, moved to the most recently used end (a page that polls is in use). */
  const live = (chatId: number): MemorySession | undefined => {
    const s = sessions.get(chatId);
    if (!s) return undefined;
    sessions.delete(chatId);
    if (now() - s.touched > limits.sessionTtlMs) return undefined;
    sessions.set(chatId, s);
    return s;
  };
  /** The session, created when missing; its expiry starts again. */
  const touch = (chatId: number): MemorySession => {
    let s = live(chatId);
    if (!s) {
      s = { messages: new Map(), rev: 0, nextMessageId: 1, touched: 0 };
      sessions.set(chatId, s);
      if (sessions.size > limits.maxSessions) sessions.delete(sessions.keys().next().value as number);
    }
    s.touched = now();
    return s;
  };
  return {
    nextMessageId: async (chatId) => touch(chatId).nextMessageId++,
    async put(chatId, message) {
      const s = touch(chatId);
      const stored = { ...message, rev: ++s.rev };
      s.messages.delete(message.id);
      s.messages.set(message.id, stored);
      while (s.messages.size > limits.maxMessages) s.messages.delete(s.messages.keys().next().value as number);
      return stored;
    },
    message: async (chatId, id) => live(chatId)?.messages.get(id),
    async changes(chatId, since) {
      const s = live(chatId);
      return { messages: s ? [...s.messages.values()].filter((m) => m.rev > since) : [], rev: s?.rev ?? 0 };
    },
    async addDocument(chatId, id, doc) {
      if (doc.bytes.byteLength > limits.maxDocumentBytes) return false;
      documents.set(id, { chatId, doc, expiresAt: now() + limits.documentTtlMs });
      while (documents.size > limits.maxDocuments) documents.delete(documents.keys().next().value as string);
      return true;
    },
    async document(chatId, id) {
      const entry = documents.get(id);
      return entry?.chatId === chatId && entry.expiresAt > now() ? entry.doc : undefined;
    },
    get held() {
      return sessions.size;
    },
  };
}
