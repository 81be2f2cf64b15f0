import type { MiddlewareFn } from 'grammy';
import type { BotContext, BotDeps } from '../../bot/context.js';
import { sharedGuard } from '../../bot/middleware/shared-guard.js';
import { prepareQuestion } from '../../bot/reply/prepared-question.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { ReminderSchedule } from '../../reminders/service.js';
import { sharedStorageOf } from '../../app.js';
import { DatabaseError } from './pool.js';
import { startSharedReminderSchedule } from './pass-coordinator.js';
import { INSTANCE_ID } from './stores.js';

/**
 * What one of several instances adds when state is in PostgreSQL: the duplicate-delivery and shared
 * rate-limit guard in front of the bot, and the pg-boss reminder schedule.
 */
export interface SharedInstance {
  guard: MiddlewareFn<BotContext>;
  /** Joins the pg-boss reminder schedule; call once reminders can be sent. */
  startSchedule(): Promise<ReminderSchedule>;
  close(): Promise<void>;
}

export async function startSharedInstance(config: Config, deps: BotDeps, logger: Logger): Promise<SharedInstance> {
  const url = config.DATABASE_URL ?? '';
  const updates = sharedStorageOf(deps)?.updates;
  if (!updates) throw new DatabaseError('共享实例需要 PostgreSQL 存储：请设置 STORAGE=postgres 和 DATABASE_URL。');
  const prune = setInterval(() => {
    updates.prune().catch((err: unknown) => logger.warn({ err }, 'pruning update bookkeeping failed'));
  }, 3_600_000).unref();
  logger.info({ instance: INSTANCE_ID }, 'shared instance: PostgreSQL state, pg-boss reminder schedule');
  return {
    // The question's match and reply are worked out while its claim travels to the database.
    guard: sharedGuard(updates, { perMinute: config.RATE_LIMIT_PER_MINUTE, logger, prepare: prepareQuestion(deps) }),
    startSchedule: () =>
      startSharedReminderSchedule({
        url, service: deps.reminders, rules: deps.reminders.rules, logger, clock: deps.clock,
        passTimeoutSeconds: config.REMINDER_PASS_TIMEOUT_SECONDS,
      }),
    async close() {
      clearInterval(prune);
    },
  };
}
