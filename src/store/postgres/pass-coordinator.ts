import pg from 'pg';
import PgBoss from 'pg-boss';
import { chinaDate } from '../../calendar/work-calendar.js';
import type { Logger } from '../../logger.js';
import type { ReminderRules } from '../../reminders/rules.js';
import type { ReminderSchedule, ReminderService } from '../../reminders/service.js';
import type { Clock } from '../../reminders/types.js';

export const PASS_QUEUE = 'reminder-pass';

export interface SharedScheduleDeps {
  url: string;
  service: ReminderService;
  rules: ReminderRules;
  logger: Logger;
  clock?: Clock;
  /**
   * How long a pass may hold its job before pg-boss counts its instance as dead and hands the job to
   * another one (which finishes the pass: the ledger skips what was already sent).
   */
  passTimeoutSeconds: number;
  /** How often idle instances look for a pass to run. */
  pollSeconds?: number;
}

/** Serialises queue setup between instances starting at once (any constant works; this spells "mzbq"). */
const QUEUE_SETUP_LOCK = 0x6d7a6271;

/**
 * Runs `setup` while holding a session advisory lock on a connection of its own: pg-boss's
 * createQueue, run by three instances starting together on a fresh database, deadlocked one of them
 * ("deadlock detected") and that instance exited.
 */
async function oneAtATime(url: string, setup: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'minzheng-bot-jobs-setup' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [QUEUE_SETUP_LOCK]);
    await setup();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [QUEUE_SETUP_LOCK]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

/** The 5-field cron pg-boss takes for a daily HH:MM. */
export function dailyCron(sendTime: string): string {
  const [hh, mm] = sendTime.split(':').map(Number);
  return `${mm} ${hh} * * *`;
}

/**
 * The reminder schedule for several instances, on pg-boss in the same database. Every instance
 * registers the same cron (in the rules' time zone) and works the queue; pg-boss creates one job per
 * slot and hands it to one instance (queue policy `singleton`: never two passes at once). A day's
 * pass whose date is already in reminder_runs is not run again, so a catch-up job sent by several
 * instances starting together runs once. If the instance running a pass dies, its job expires after
 * `passTimeoutSeconds` and is retried elsewhere.
 */
export async function startSharedReminderSchedule(deps: SharedScheduleDeps): Promise<ReminderSchedule> {
  const clock = deps.clock ?? (() => new Date());
  const log = deps.logger.child({ feature: 'reminders', scheduler: 'pg-boss' });
  const timeout = Math.max(5, deps.passTimeoutSeconds);
  const boss = new PgBoss({
    connectionString: deps.url,
    max: 3,
    application_name: 'minzheng-bot-jobs',
    // Expired jobs are found by maintenance: run it often enough that a dead pass is taken over soon.
    maintenanceIntervalSeconds: Math.min(60, Math.max(1, Math.floor(timeout / 2))),
    cronMonitorIntervalSeconds: 30,
  });
  boss.on('error', (err: unknown) => log.error({ err }, 'job queue error'));
  const queue = { name: PASS_QUEUE, policy: 'singleton' as const, retryLimit: 20, retryDelay: 1, expireInSeconds: timeout };
  await oneAtATime(deps.url, async () => {
    await boss.start();
    await boss.createQueue(PASS_QUEUE, queue);
    await boss.updateQueue(PASS_QUEUE, queue);
    await boss.schedule(PASS_QUEUE, dailyCron(deps.rules.sendTime), { reason: 'cron' }, { tz: deps.rules.timezone });
  });

  const ranOn = async (date: string): Promise<boolean> => {
    const { rows } = await boss.getDb().executeSql('SELECT 1 FROM reminder_runs WHERE date = $1', [date]);
    return rows.length > 0;
  };
  const runDay = async (date: string, reason: string): Promise<void> => {
    if (await ranOn(date)) {
      log.info({ date, reason }, 'reminder pass already done today; skipped');
      return;
    }
    const report = await deps.service.runPass({ date });
    log.info({ reason, date, sent: report.sent, skipped: report.skipped }, 'scheduled reminder pass');
  };

  await boss.work<{ date?: string; reason?: string }>(PASS_QUEUE, { pollingIntervalSeconds: deps.pollSeconds ?? 2 }, async (jobs) => {
    for (const job of jobs) await runDay(job.data.date ?? chinaDate(clock()), job.data.reason ?? 'cron');
  });

  // pg-boss's cron does not catch up after downtime either: if today's send time has passed and
  // today's pass has not run, queue one now (one per day, whichever instance starts first).
  const now = clock();
  const today = chinaDate(now);
  const chinaHhmm = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  if (chinaHhmm >= deps.rules.sendTime && !(await ranOn(today))) {
    await boss.send(PASS_QUEUE, { date: today, reason: 'catch-up' }, { singletonKey: `catch-up-${today}` });
  }

  return {
    ready: Promise.resolve(),
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
