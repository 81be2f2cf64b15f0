/** Shared shapes of the reminder domain. Nothing here depends on Telegram. */

/** The organisation kinds the rules file knows; the first three follow from a 51/52/53 credit code. */
export const ORG_KINDS = ['社会团体', '民办非企业单位', '基金会', '慈善组织'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** A source of "now" (same shape as BotDeps.clock); injected so tests can fix the day and hour. */
export type Clock = () => Date;

/** One inline button of an outgoing reminder; `data` is at most 64 bytes (Telegram's limit). */
export interface ReminderButton {
  text: string;
  data: string;
}

export interface ReminderMessage {
  text: string;
  buttons: ReminderButton[][];
}

/**
 * What became of one send attempt. `blocked` covers 403 (the user blocked the bot) and a chat that
 * no longer exists; `retry-after` is Telegram's 429; `network-error` is worth retrying with backoff;
 * `unconfirmed` is a network error after the request was sent, never retried (it could duplicate);
 * `failed` is any other permanent API error.
 */
export type SendOutcome =
  | { status: 'ok'; messageId?: number }
  | { status: 'blocked'; description: string }
  | { status: 'retry-after'; seconds: number }
  | { status: 'network-error'; description: string }
  /** The request left but no answer came back (connection dropped): it may have been delivered. */
  | { status: 'unconfirmed'; description: string }
  | { status: 'failed'; description: string };

/** The domain port for sending; src/bot/reminder-sender.ts implements it over grammY's `Api`. */
export interface ReminderSender {
  send(chatId: number, message: ReminderMessage): Promise<SendOutcome>;
}
