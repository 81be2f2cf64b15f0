/**
 * Where a conversation happens. Telegram ids are at most 52 bits (< 4.6e15); the web channel's
 * synthetic chat/user ids live in [8e15, 9e15), above any Telegram id and below 2^53, so one number
 * says which channel a rating, answer or case came from — the log lines need no extra field.
 */
export type Channel = 'telegram' | 'web';

export const CHANNELS: readonly Channel[] = ['telegram', 'web'];
export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = { telegram: 'Telegram', web: '网页' };

/** First and one-past-last synthetic id of the web channel. */
export const WEB_ID_MIN = 8_000_000_000_000_000;
export const WEB_ID_END = 9_000_000_000_000_000;

/** The channel a chat (or user) id belongs to. */
export function channelOfChat(chatId: number): Channel {
  return chatId >= WEB_ID_MIN && chatId < WEB_ID_END ? 'web' : 'telegram';
}
