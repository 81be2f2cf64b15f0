import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { StoreCorruptError } from '../../errors.js';
import { readCasesReadOnly } from '../../ratings/case-store.js';
import { answerCodec, ratingCodec } from '../../ratings/codecs.js';
import { latestRatings } from '../../ratings/latest-ratings.js';
import { openLineLog } from '../../ratings/line-log.js';
import type { AnswerRecord, RatingCase, RatingRecord } from '../../ratings/types.js';
import { REMINDER_STORE_FILE, type ReminderData } from '../../reminders/store.js';
import type { ChatState } from '../chat-store.js';
import type { UnansweredEntry } from '../unanswered-log.js';

/** Everything an embedded (lowdb) data directory holds, read without writing a byte to it. */
export interface LowdbSource {
  chats: [number, ChatState][];
  /** 材料清单 ticks: chat, item, ticked material names. */
  checklists: [number, string, string[]][];
  /** The end of the last block of web chat ids handed out (web-sessions.json), if the web chat ran. */
  webIdsReservedUpTo: number | undefined;
  cases: RatingCase[];
  reminders: ReminderData;
  unanswered(): AsyncGenerator<{ key: string; entry: UnansweredEntry }[]>;
  answers(): AsyncGenerator<AnswerRecord[]>;
  /** The final rating of each answer (the log keeps every change; PostgreSQL keeps one row). */
  ratings(): AsyncGenerator<RatingRecord[]>;
}

async function readJson(file: string): Promise<unknown> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StoreCorruptError(file, (error as Error).message, { cause: error });
  }
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new StoreCorruptError(file, `不是有效的 JSON：${(error as Error).message}`, { cause: error });
  }
}

const ChatsShape = z.object({ version: z.literal(1), chats: z.record(z.string(), z.custom<ChatState>((v) => typeof v === 'object' && v !== null)) });
const ChecklistsShape = z.object({ version: z.literal(1), chats: z.record(z.string(), z.record(z.string(), z.array(z.string()))) });
const WebIdsShape = z.object({ version: z.literal(1), reservedUpTo: z.number().int() });
const RemindersShape = z.custom<ReminderData>((v) => typeof v === 'object' && v !== null && Array.isArray((v as ReminderData).subscriptions));

/**
 * Opens a DATA_DIR for copying. Missing files are empty stores.
 * @throws StoreCorruptError when a file exists but cannot be read as its store.
 */
export async function openLowdbSource(dataDir: string, windowMs: number): Promise<LowdbSource> {
  const chatsFile = join(dataDir, 'chats.json');
  const chatsJson = await readJson(chatsFile);
  const chats = chatsJson === undefined ? { version: 1 as const, chats: {} } : ChatsShape.safeParse(chatsJson).data;
  if (!chats) throw new StoreCorruptError(chatsFile, '不是第 1 版的会话文件');
  const remindersFile = join(dataDir, REMINDER_STORE_FILE);
  const remindersJson = await readJson(remindersFile);
  const reminders = remindersJson === undefined ? { version: 1 as const, subscriptions: [] } : RemindersShape.safeParse(remindersJson).data;
  if (!reminders) throw new StoreCorruptError(remindersFile, '不是第 1 版的提醒文件');
  const checklistsFile = join(dataDir, 'checklists.json');
  const checklistsJson = await readJson(checklistsFile);
  const checklists = checklistsJson === undefined ? { version: 1 as const, chats: {} } : ChecklistsShape.safeParse(checklistsJson).data;
  if (!checklists) throw new StoreCorruptError(checklistsFile, '不是第 1 版的材料清单文件');
  const webIdsFile = join(dataDir, 'web-sessions.json');
  const webIdsJson = await readJson(webIdsFile);
  const webIds = webIdsJson === undefined ? undefined : WebIdsShape.safeParse(webIdsJson).data;
  if (webIdsJson !== undefined && !webIds) throw new StoreCorruptError(webIdsFile, '不是第 1 版的网页会话编号文件');
  const answersLog = await openLineLog(join(dataDir, 'answers'), answerCodec);
  const ratingsLog = await openLineLog(join(dataDir, 'ratings'), ratingCodec);
  return {
    chats: Object.entries(chats.chats).map(([id, state]) => [Number(id), state]),
    checklists: Object.entries(checklists.chats).flatMap(([id, items]) => Object.entries(items).map(([item, ticked]): [number, string, string[]] => [Number(id), item, ticked])),
    webIdsReservedUpTo: webIds?.reservedUpTo,
    cases: await readCasesReadOnly(dataDir),
    reminders,
    async *unanswered() {
      const file = join(dataDir, 'unanswered.jsonl');
      const stream = createReadStream(file, { encoding: 'utf8' });
      const opened = await new Promise<boolean>((resolve) => {
        stream.once('open', () => resolve(true));
        stream.once('error', () => resolve(false));
      });
      if (!opened) return;
      let batch: { key: string; entry: UnansweredEntry }[] = [];
      let n = 0;
      for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
        n++;
        if (!line.trim()) continue;
        try {
          batch.push({ key: `unanswered.jsonl:${n}`, entry: JSON.parse(line) as UnansweredEntry });
        } catch {
          continue; // a torn last line from a crash
        }
        if (batch.length >= 1000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
    answers: () => answersLog.read(),
    ratings: () => latestRatings(ratingsLog.read(), windowMs),
  };
}
