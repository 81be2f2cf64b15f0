import type pg from 'pg';
import type { ChangeFlag } from './change-feed.js';
import type { Subscription } from '../../reminders/store.js';
import { subscriptionKey } from '../../reminders/store.js';
import type { OrgKind } from '../../reminders/types.js';

export interface SubscriptionRow {
  chat_id: number;
  code: string;
  name: string;
  kind: OrgKind;
  created_at: string;
  paused_at: string | null;
  submitted: Record<string, string>;
  removed: boolean;
}

/** A row as the domain's Subscription; `progress` is filled from the ledger only when a pass plans. */
export function rowToSubscription(r: SubscriptionRow): Subscription {
  return {
    chatId: r.chat_id, code: r.code, name: r.name, kind: r.kind, createdAt: r.created_at,
    ...(r.paused_at === null ? {} : { pausedAt: r.paused_at }), submitted: r.submitted, progress: {},
  };
}

export interface SubscriptionMirror {
  get(chatId: number, code: string): Subscription | undefined;
  ofChat(chatId: number): Subscription[];
  all(): Subscription[];
  apply(row: SubscriptionRow): void;
  /** Fetches subscriptions changed since the last refresh (by any instance); undefined when none changed. */
  refresh(): Promise<void> | undefined;
}

export const SUBSCRIPTION_COLUMNS = 'chat_id, code, name, kind, created_at, paused_at, submitted, removed';

/**
 * This instance's copy of the subscriptions table, for the reminder service's synchronous views.
 * Unsubscribing marks a row removed (never deletes it) so other instances learn of it on refresh.
 */
export function createSubscriptionMirror(pool: pg.Pool, changed?: ChangeFlag): SubscriptionMirror {
  const subs = new Map<string, Subscription>();
  const byChat = new Map<number, Map<string, Subscription>>();
  let seen: string | undefined;
  let refreshing: Promise<void> | undefined;
  const apply = (row: SubscriptionRow): void => {
    const key = subscriptionKey(row.chat_id, row.code);
    const chat = byChat.get(row.chat_id) ?? new Map<string, Subscription>();
    if (row.removed) {
      subs.delete(key);
      chat.delete(row.code);
    } else {
      const sub = rowToSubscription(row);
      subs.set(key, sub);
      chat.set(row.code, sub);
    }
    if (chat.size === 0) byChat.delete(row.chat_id);
    else byChat.set(row.chat_id, chat);
  };
  const load = async (): Promise<void> => {
    const { rows } = await pool.query<SubscriptionRow & { seen: string }>(
      seen === undefined
        ? `SELECT ${SUBSCRIPTION_COLUMNS}, updated_at::text AS seen FROM subscriptions ORDER BY updated_at`
        : `SELECT ${SUBSCRIPTION_COLUMNS}, updated_at::text AS seen FROM subscriptions
           WHERE updated_at > $1::timestamptz - interval '5 seconds' ORDER BY updated_at`,
      seen === undefined ? [] : [seen],
    );
    for (const row of rows) apply(row);
    const last = rows.at(-1);
    if (last) seen = last.seen;
  };
  return {
    get: (chatId, code) => subs.get(subscriptionKey(chatId, code)),
    ofChat: (chatId) => [...(byChat.get(chatId)?.values() ?? [])],
    all: () => [...subs.values()],
    apply,
    refresh() {
      // With a change feed, read only when some instance changed the table since the last read.
      if (changed && !changed.take()) return refreshing;
      refreshing ??= load().finally(() => (refreshing = undefined));
      return refreshing;
    },
  };
}
