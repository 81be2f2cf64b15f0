import { hostname } from 'node:os';
import type { BotDeps } from '../../bot/context.js';
import type { AppOptions } from '../../app.js';
import type { WorkCalendar } from '../../calendar/work-calendar.js';
import type { Catalog } from '../../catalog/types.js';
import { join } from 'node:path';
import { combineSharedState } from '../shared-state.js';
import type { WebStores } from '../../web/create-web.js';
import { createChangeFeed } from './change-feed.js';
import { createPgChecklistStore } from './checklist-store.js';
import { createPgSignInStore } from './console-sign-in.js';
import { createPgChatStore } from './chat-store.js';
import { startInstanceBeat } from './instance-beat.js';
import { openDatabase, openStatementPool } from './pool.js';
import { createPgRatingService } from './rating-service.js';
import { createPgReminderService } from './reminder-service.js';
import { createPgUnansweredLog } from './unanswered-log.js';
import { createUpdateGuard, type UpdateGuard } from './update-guard.js';
import { createPgWebIdAllocator } from './web-ids.js';
import { createPgRateLimiters } from './web-rate-limit.js';
import { createPgWebSessionStore } from './web-sessions.js';
import { createWriteBatch } from './write-batch.js';

export type PostgresStoresOptions = AppOptions & { clock: () => Date; calendar: WorkCalendar; catalog: Catalog };

/** This process's name in the reminder ledger: host and pid, enough to tell instances apart in a log. */
export const INSTANCE_ID = `${hostname()}:${process.pid}`;

/**
 * Every store the bot uses, over one PostgreSQL pool (migrated on open), plus the hooks that keep
 * an instance's view current for each update.
 * @throws DatabaseError when the database cannot be reached or migrated.
 */
export async function createPostgresStores(options: PostgresStoresOptions): Promise<{
  deps: Pick<BotDeps, 'chats' | 'unanswered' | 'ratings' | 'reminders' | 'checklists' | 'shared'>;
  /** The webhook guard over the same pool; its claim also reads the chat's state for the chat store. */
  updates: UpdateGuard;
  /** The web channel's ids, conversations, rate limits and console sign-ins, shared by every instance. */
  web: WebStores;
  close: () => Promise<void>;
}> {
  const { config, logger, clock, calendar, catalog } = options;
  const pool = await openDatabase(config.DATABASE_URL ?? '', { max: 11 });
  // The claim and the commit of every update: one of each runs at a time, plus a retried claim or a mark.
  const hot = openStatementPool(config.DATABASE_URL ?? '', { max: 3 });
  const changes = await createChangeFeed(pool);
  // Alive for the other instances: while it beats, nobody takes over an update it is handling.
  const beat = await startInstanceBeat(pool, INSTANCE_ID);
  // One commit per update for everything it writes outside a transaction of its own (ratings and
  // cases keep theirs): chat state, the answer record, unanswered questions, the handled mark.
  const batch = createWriteBatch(hot, { onChatError: (err, chatId) => logger.error({ err, chatId }, 'chat state not saved; will retry') });
  const chats = createPgChatStore(pool, { clock, batch });
  const ratings = await createPgRatingService({
    pool, logger: logger.child({ module: 'ratings' }), calendar, clock,
    caseDueWorkingDays: config.CASE_DUE_WORKING_DAYS, changeWindowMinutes: config.RATING_CHANGE_MINUTES, changes, batch,
  });
  const reminders = await createPgReminderService({
    pool, logger: logger.child({ module: 'reminders' }), catalog, calendar, clock,
    rulesFile: join(config.CATALOG_DIR, 'reminder-rules.yaml'), sender: options.sender, instanceId: INSTANCE_ID, changes,
  });
  return {
    deps: {
      chats,
      unanswered: createPgUnansweredLog(pool, { batch, onError: (err) => logger.error({ err }, 'unanswered question not logged; answering anyway') }),
      ratings, reminders, checklists: createPgChecklistStore(pool), shared: combineSharedState([chats, ratings, reminders]),
    },
    updates: createUpdateGuard(hot, { instanceId: INSTANCE_ID, chats }),
    web: {
      ids: createPgWebIdAllocator(pool), signIn: createPgSignInStore(pool),
      sessions: createPgWebSessionStore(pool, { now: () => clock().getTime() }), rateLimiters: createPgRateLimiters(pool),
    },
    close: async () => {
      await beat.stop();
      await batch.close();
      await changes.close();
      await hot.end();
      await pool.end();
    },
  };
}
