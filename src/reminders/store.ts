import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { StoreCorruptError } from '../errors.js';
import { openJsonFile, type JsonFileStore } from '../store/json-file.js';
import { ORG_KINDS } from './types.js';

/**
 * Where one (organisation, year, deadline) stands. Only the latest stage is kept: stages only move
 * forward, so "latest stage reached" is enough to never send an earlier or the same stage again.
 * - pending: only in files from older versions, which marked a whole chunk before sending it; read as
 *   unconfirmed. "About to send" now lives in the per-message ledger (send-ledger.ts).
 * - sent: Telegram accepted it.
 * - unconfirmed: in flight at a crash, or its connection dropped after the request left: it may have
 *   been delivered, so it counts as sent and is never resent (see service-impl.ts).
 * - failed / blocked: not delivered; the stage may be tried again while it is still current.
 */
const ProgressSchema = z
  .object({
    offset: z.number().int(),
    status: z.enum(['pending', 'sent', 'unconfirmed', 'failed', 'blocked']),
    at: z.string(),
  })
  .strict();

const SubscriptionSchema = z
  .object({
    chatId: z.number().int(),
    code: z.string().length(18),
    name: z.string().min(1),
    kind: z.enum(ORG_KINDS),
    createdAt: z.string(),
    /** Set when Telegram answered 403: the chat blocked the bot. Cleared when the chat talks again. */
    pausedAt: z.string().optional(),
    /** Year → when 已提交 was pressed. */
    submitted: z.record(z.string(), z.string()).default({}),
    /** `${year}/${deadlineId}` → progress of that deadline's reminders. */
    progress: z.record(z.string(), ProgressSchema).default({}),
  })
  .strict();

const ReminderDataSchema = z
  .object({
    version: z.literal(1),
    lastRun: z.object({ date: z.string(), at: z.string() }).strict().optional(),
    subscriptions: z.array(SubscriptionSchema),
  })
  .strict();

export type Progress = z.infer<typeof ProgressSchema>;
export type Subscription = z.infer<typeof SubscriptionSchema>;
export type ReminderData = z.infer<typeof ReminderDataSchema>;
export type ReminderStore = JsonFileStore<ReminderData>;

/** The file name inside DATA_DIR. */
export const REMINDER_STORE_FILE = 'reminders.json';

/** The key of a subscription: one chat follows one organisation once. */
export function subscriptionKey(chatId: number, code: string): string {
  return `${chatId}:${code}`;
}

/** The key of a deadline's progress inside a subscription. */
export function progressKey(year: number, deadlineId: string): string {
  return `${year}/${deadlineId}`;
}

/**
 * Opens DATA_DIR/reminders.json (created empty when missing).
 * @throws StoreCorruptError when the file exists but is unreadable or invalid; it is left untouched.
 */
export function openReminderStore(dataDir: string): Promise<ReminderStore> {
  return openJsonFile(join(dataDir, REMINDER_STORE_FILE), {
    schema: ReminderDataSchema,
    version: 1,
    defaults: () => ({ version: 1, subscriptions: [] }),
  });
}

/**
 * Reads DATA_DIR/reminders.json without opening it for writing, taking no lock and creating nothing:
 * for a dry run beside the running bot (its writes replace the file whole, so a read sees one version).
 * A missing file reads as no subscriptions.
 * @throws StoreCorruptError when the file exists but is unreadable or invalid.
 */
export async function readReminderData(dataDir: string): Promise<ReminderData> {
  const file = join(dataDir, REMINDER_STORE_FILE);
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, subscriptions: [] };
    throw new StoreCorruptError(file, `无法读取：${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new StoreCorruptError(file, `不是有效的 JSON：${(error as Error).message}`, { cause: error });
  }
  const parsed = ReminderDataSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoreCorruptError(file, `字段 ${issue?.path.join('.') ?? '?'} 不符合格式：${issue?.message ?? ''}`);
  }
  return parsed.data;
}
