import cron from 'node-cron';
import { chinaDate } from '../calendar/work-calendar.js';
import type { Logger } from '../logger.js';
import type { ReminderRules } from './rules.js';
import type { ReminderService } from './service.js';
import type { Clock } from './types.js';

export interface ReminderSchedule {
  /** Settles when the start-up catch-up pass (if any) has finished; never rejects. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

export interface ReminderScheduleDeps {
  service: ReminderService;
  rules: ReminderRules;
  logger: Logger;
  clock?: Clock;
}

/** The cron expression for a daily HH:MM. */
export function cronExpression(sendTime: string): string {
  const [hh, mm] = sendTime.split(':').map(Number);
  return `0 ${mm} ${hh} * * *`;
}

/**
 * Runs the reminder pass every day at the rules' send time in their time zone (node-cron with
 * `noOverlap`, so a slow pass is never run twice at once). node-cron does not catch up after
 * downtime, so on start, if today's pass has not run and the send time has passed, it runs once now;
 * the pass itself picks only the stage current today, so the catch-up never floods.
 */
export function startReminderSchedule(deps: ReminderScheduleDeps): ReminderSchedule {
  const clock = deps.clock ?? (() => new Date());
  const log = deps.logger.child({ feature: 'reminders' });
  const run = async (reason: string): Promise<void> => {
    try {
      const report = await deps.service.runPass();
      log.info({ reason, date: report.date, sent: report.sent, skipped: report.skipped }, 'scheduled reminder pass');
    } catch (error) {
      log.error({ err: error, reason }, 'reminder pass failed; the next run tries again');
    }
  };
  const task = cron.schedule(cronExpression(deps.rules.sendTime), () => run('cron'), {
    name: 'reminder-pass',
    timezone: deps.rules.timezone,
    noOverlap: true,
  });
  const now = clock();
  const today = chinaDate(now);
  const chinaHhmm = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  const last = deps.service.lastRunDate();
  const missed = (last === undefined || last < today) && chinaHhmm >= deps.rules.sendTime;
  const ready = missed ? run('catch-up') : Promise.resolve();
  return {
    ready,
    async stop() {
      await task.stop();
      await task.destroy();
      await ready;
    },
  };
}
