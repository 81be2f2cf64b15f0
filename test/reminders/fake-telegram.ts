import type { ReminderMessage, ReminderSender, SendOutcome } from '../../src/reminders/types.js';

export interface FakeTelegramOptions {
  /** Messages allowed in any sliding 1000 ms window; more get a 429. */
  globalPerSecond: number;
  /** Minimum ms between two messages to one chat; sooner gets a 429. 0 = no per-chat limit. */
  perChatMs?: number;
  /** Simulated round-trip time of each call, in ms (0 = answer in the same tick). */
  latencyMs?: number;
  retryAfterSeconds?: number;
  now?: () => number;
}

/**
 * A Bot API stand-in that enforces rate limits the way Telegram is understood to, answering 429 with
 * `retry_after` when exceeded. It records the time of every accepted message.
 */
export function createFakeTelegram(options: FakeTelegramOptions): ReminderSender & {
  accepted: number[];
  rejected: number;
  messages: { chatId: number; message: ReminderMessage }[];
} {
  const now = options.now ?? Date.now;
  const lastByChat = new Map<number, number>();
  const fake = {
    accepted: [] as number[],
    rejected: 0,
    messages: [] as { chatId: number; message: ReminderMessage }[],
    async send(chatId: number, message: ReminderMessage): Promise<SendOutcome> {
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
      const t = now();
      const accepted = fake.accepted;
      // Count accepted messages in (t - 1000, t]; accepted is sorted because time only moves forward.
      let lo = accepted.length;
      while (lo > 0 && (accepted[lo - 1] ?? 0) > t - 1000) lo--;
      const inWindow = accepted.length - lo;
      const last = lastByChat.get(chatId);
      if (inWindow >= options.globalPerSecond || (options.perChatMs && last !== undefined && t - last < options.perChatMs)) {
        fake.rejected++;
        return { status: 'retry-after', seconds: options.retryAfterSeconds ?? 1 };
      }
      accepted.push(t);
      lastByChat.set(chatId, t);
      fake.messages.push({ chatId, message });
      return { status: 'ok', messageId: accepted.length };
    },
  };
  return fake;
}
