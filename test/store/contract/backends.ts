import { afterEach, describe } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import type { ChecklistStore } from '../../../src/answers/checklist.js';
import { createChecklistStore } from '../../../src/answers/checklist-store.js';
import { createWorkCalendar } from '../../../src/calendar/work-calendar.js';
import { createSilentLogger } from '../../../src/logger.js';
import { createRatingService, type RatingService } from '../../../src/ratings/service.js';
import { createReminderService, type ReminderService } from '../../../src/reminders/service.js';
import { REMINDER_STORE_FILE } from '../../../src/reminders/store.js';
import type { ReminderSender } from '../../../src/reminders/types.js';
import { createChatStore, type ChatStore } from '../../../src/store/chat-store.js';
import { createPgChatStore } from '../../../src/store/postgres/chat-store.js';
import { createPgChecklistStore } from '../../../src/store/postgres/checklist-store.js';
import { createPgSignInStore } from '../../../src/store/postgres/console-sign-in.js';
import { createPgWebIdAllocator } from '../../../src/store/postgres/web-ids.js';
import { createPgRateLimiters } from '../../../src/store/postgres/web-rate-limit.js';
import { createPgWebSessionStore } from '../../../src/store/postgres/web-sessions.js';
import { localRateLimiters, type RateLimiterFactory } from '../../../src/http/rate-limit.js';
import { createMemorySessionStore, type SessionLimits, type WebSessionStore } from '../../../src/web/sessions.js';
import { openDatabase } from '../../../src/store/postgres/pool.js';
import { createPgRatingService } from '../../../src/store/postgres/rating-service.js';
import { createPgReminderService } from '../../../src/store/postgres/reminder-service.js';
import { createPgUnansweredLog } from '../../../src/store/postgres/unanswered-log.js';
import { createUnansweredLog, type UnansweredLog } from '../../../src/store/unanswered-log.js';
import { createMemorySignInStore, type ConsoleSignInStore } from '../../../src/web/console/sign-in-store.js';
import { openWebIdAllocator, type WebIdAllocator } from '../../../src/web/session-ids.js';
import { fakeCatalog, RULES_FILE } from '../../reminders/helpers.js';
import { createTestDatabase, hasPostgres } from '../../support/postgres.js';

export interface ReminderClock {
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
}

/** One store location (a temp data dir, or a fresh database); open stores on it as often as needed. */
export interface StoreLocation {
  chats(clock?: () => Date): Promise<ChatStore>;
  unanswered(): Promise<UnansweredLog>;
  ratings(clock: () => Date, window?: number): Promise<RatingService>;
  reminders(sender: ReminderSender, clock: ReminderClock): Promise<ReminderService>;
  /**
   * Overwrites a subscription's stored 已提交 records as they are, behind the stores' backs: to plant
   * records in an older version's format. Open the reminder service again afterwards.
   */
  writeSubmitted(chatId: number, code: string, submitted: Record<string, string>): Promise<void>;
  checklists(): Promise<ChecklistStore>;
  webIds(): Promise<WebIdAllocator>;
  /** The console's sign-in state (in memory for lowdb: one process, gone at restart). */
  signIn(): Promise<ConsoleSignInStore>;
  /** The web chat's conversations (in memory for lowdb). */
  webSessions(options?: Partial<SessionLimits> & { now?: () => number }): Promise<WebSessionStore>;
  /** The web routes' rate limiters (in memory for lowdb). */
  webRateLimiters(): Promise<RateLimiterFactory>;
  /** Closes what the stores hold open (the pools); the data stays. */
  close(): Promise<void>;
}

export interface Backend {
  name: 'lowdb' | 'postgres';
  skip: boolean;
  fresh(): Promise<StoreLocation>;
}

const common = { logger: createSilentLogger(), calendar: createWorkCalendar(), caseDueWorkingDays: 5 };
const reminderCommon = { logger: createSilentLogger(), catalog: fakeCatalog(), calendar: createWorkCalendar(), rulesFile: RULES_FILE, ratePerSecond: 1000 };

const lowdb: Backend = {
  name: 'lowdb',
  skip: false,
  async fresh() {
    const dir = await mkdtemp(join(tmpdir(), 'mz-contract-'));
    const open: { close(): Promise<void> }[] = [];
    return {
      async chats(clock) {
        const c = await createChatStore(dir, { writeDelayMs: 5, ...(clock ? { clock } : {}) });
        // Its delayed write must land before the directory is removed.
        open.push({ close: () => c.flush() });
        return c;
      },
      unanswered: () => createUnansweredLog(dir),
      async ratings(clock, window = 10) {
        const s = await createRatingService({ ...common, dataDir: dir, clock, changeWindowMinutes: window });
        open.push(s);
        return s;
      },
      reminders: (sender, clock) => createReminderService({ ...reminderCommon, dataDir: dir, sender, clock: clock.now, sleep: clock.sleep }),
      async writeSubmitted(chatId, code, submitted) {
        const file = join(dir, REMINDER_STORE_FILE);
        const data = JSON.parse(await readFile(file, 'utf8')) as { subscriptions: { chatId: number; code: string; submitted: Record<string, string> }[] };
        for (const sub of data.subscriptions) if (sub.chatId === chatId && sub.code === code) sub.submitted = submitted;
        await writeFile(file, JSON.stringify(data));
      },
      checklists: () => createChecklistStore(dir),
      webIds: () => openWebIdAllocator(dir),
      signIn: async () => createMemorySignInStore(),
      webSessions: async (options) => createMemorySessionStore(options),
      webRateLimiters: async () => localRateLimiters,
      async close() {
        for (const s of open.splice(0)) await s.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: Backend = {
  name: 'postgres',
  skip: !hasPostgres,
  async fresh() {
    const url = await createTestDatabase('contract');
    const pools: pg.Pool[] = [];
    const pool = async (): Promise<pg.Pool> => {
      const p = await openDatabase(url, { max: 4 });
      pools.push(p);
      return p;
    };
    return {
      chats: async (clock) => createPgChatStore(await pool(), clock ? { clock } : {}),
      unanswered: async () => createPgUnansweredLog(await pool()),
      ratings: async (clock, window = 10) => createPgRatingService({ ...common, pool: await pool(), clock, changeWindowMinutes: window }),
      reminders: async (sender, clock) => createPgReminderService({ ...reminderCommon, pool: await pool(), sender, clock: clock.now, sleep: clock.sleep }),
      async writeSubmitted(chatId, code, submitted) {
        const p = await pool();
        await p.query('UPDATE subscriptions SET submitted = $3::jsonb WHERE chat_id = $1 AND code = $2', [chatId, code, JSON.stringify(submitted)]);
      },
      checklists: async () => createPgChecklistStore(await pool()),
      webIds: async () => createPgWebIdAllocator(await pool()),
      signIn: async () => createPgSignInStore(await pool()),
      webSessions: async (options) => createPgWebSessionStore(await pool(), options),
      webRateLimiters: async () => createPgRateLimiters(await pool()),
      async close() {
        await Promise.all(pools.splice(0).map((p) => p.end()));
      },
    };
  },
};

/** Both implementations; contract suites run once per backend (PostgreSQL skips only without the binaries). */
export const BACKENDS: readonly Backend[] = [lowdb, postgres];

/**
 * One contract, run against every backend: `open()` gives a fresh store location, closed again after
 * each test (the data of a postgres location lives in its own database, dropped with it).
 */
export function describeStores(title: string, body: (backend: Backend, open: () => Promise<StoreLocation>) => void): void {
  describe.each(BACKENDS)(`${title} ($name)`, (backend) => {
    let where: StoreLocation | undefined;
    afterEach(async () => {
      await where?.close();
      where = undefined;
    });
    body(backend, async () => (where = await backend.fresh()));
  });
}
