import { createPassRunner } from '../../reminders/pass-runner.js';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { chinaDate } from '../../calendar/work-calendar.js';
import { checklistLines, composeReminder } from '../../reminders/message.js';
import { planPass, type PlannedReminder } from '../../reminders/plan.js';
import { loadReminderRules } from '../../reminders/rules.js';
import { createSendQueue } from '../../reminders/send-queue.js';
import { MAX_SUBSCRIPTIONS_PER_CHAT } from '../../reminders/service-impl.js';
import type { PassReport, ReminderService, ReminderServiceDeps, RunPassOptions, SubscriptionView } from '../../reminders/service.js';
import { progressKey, type Subscription } from '../../reminders/store.js';
import type { ReminderMessage, ReminderSender } from '../../reminders/types.js';
import { submissionFor, submittedResult, subscriptionsCsv, summarise, viewOf } from '../../reminders/views.js';
import { pendingOf, type SharedState } from '../shared-state.js';
import type { ChangeFeed } from './change-feed.js';
import { DEAD_AFTER, startPassBeat } from './pass-beat.js';
import { createSubscriptionMirror, rowToSubscription, SUBSCRIPTION_COLUMNS, type SubscriptionRow } from './subscription-mirror.js';

export type PgReminderServiceDeps = Omit<ReminderServiceDeps, 'dataDir'> & {
  pool: pg.Pool;
  /** Names this instance in the ledger's claimed_by column (for operators reading it after a crash). */
  instanceId?: string;
  changes?: ChangeFeed;
};

/**
 * The reminder service over PostgreSQL, for several instances. Each reminder is claimed in the
 * ledger (one row per chat, organisation, year, deadline and stage: the primary key) immediately
 * before its send and marked sent right after, and a pass sends one message at a time, so two
 * instances never both send one and a `kill -9` leaves exactly the one message then on its way as
 * `pending`. The rule for it: the next pass sees that the instance holding it stopped beating
 * (reminder_passes) and marks it `unconfirmed`: it may have reached the person, so it is never sent
 * again (a duplicate is worse than one missed stage, and the next stage follows); it is logged with
 * the chat, organisation and instance, for staff to check.
 */
export async function createPgReminderService(deps: PgReminderServiceDeps): Promise<ReminderService & SharedState> {
  const { pool } = deps;
  const me = deps.instanceId ?? randomUUID().slice(0, 8);
  const rules = await loadReminderRules(deps.rulesFile);
  const log = deps.logger.child({ feature: 'reminders' });
  const mirror = createSubscriptionMirror(pool, deps.changes?.watch('subscriptions'));
  const runsChanged = deps.changes?.watch('reminder_runs');
  let lastRun: { date: string; at: string } | undefined;
  const refreshLastRun = async (): Promise<void> => {
    const { rows } = await pool.query<{ date: string; at: Date }>('SELECT date, at FROM reminder_runs ORDER BY date DESC LIMIT 1');
    const row = rows[0];
    lastRun = row ? { date: row.date, at: row.at.toISOString() } : undefined;
  };
  await Promise.all([mirror.refresh(), refreshLastRun()]);

  const ratePerSecond = deps.ratePerSecond ?? rules.send.ratePerSecond;
  const today = (): string => chinaDate(deps.clock());
  const nowIso = (): string => deps.clock().toISOString();
  const view = (sub: Subscription): SubscriptionView => viewOf(sub, rules, deps.calendar, today());
  const runner = createPassRunner({ today, clock: deps.clock, quietHours: rules.quietHours, log });

  const checklist = (): string[] => {
    const item = deps.catalog.get(rules.catalogItem);
    if (!item) log.warn({ item: rules.catalogItem }, 'annual-inspection item missing from catalog; reminders go without checklist');
    return item ? checklistLines(item.materials) : [];
  };

  const upsertReturning = async (sql: string, params: unknown[]): Promise<SubscriptionRow[]> => {
    const { rows } = await pool.query<SubscriptionRow>(sql, params);
    for (const row of rows) mirror.apply(row);
    return rows;
  };

  /** Every active subscription, with `progress` holding the furthest stage reached per deadline. */
  async function loadForPass(): Promise<Subscription[]> {
    const subs = (await pool.query<SubscriptionRow>(`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE NOT removed`)).rows.map(rowToSubscription);
    const byKey = new Map(subs.map((s) => [`${s.chatId}:${s.code}`, s]));
    const { rows } = await pool.query<{ chat_id: number; code: string; year: number; deadline_id: string; stage_offset: number; status: 'pending' | 'sent' | 'unconfirmed' | 'failed' | 'blocked'; at: Date }>(
      `SELECT DISTINCT ON (chat_id, code, year, deadline_id) chat_id, code, year, deadline_id, stage_offset, status, at
       FROM reminder_ledger WHERE year >= $1 AND status IN ('pending', 'sent', 'unconfirmed')
       ORDER BY chat_id, code, year, deadline_id, stage_offset DESC`,
      [Number(today().slice(0, 4)) - 1],
    );
    for (const r of rows) {
      const sub = byKey.get(`${r.chat_id}:${r.code}`);
      if (sub) sub.progress[progressKey(r.year, r.deadline_id)] = { offset: r.stage_offset, status: r.status, at: r.at.toISOString() };
    }
    return subs;
  }

  /**
   * Marks as unconfirmed the claims of passes that died: pending, and held by an instance whose pass
   * has not beaten for five seconds (a live pass elsewhere keeps its claims). Returns how many.
   */
  async function resolveCrashLeftovers(): Promise<number> {
    const { rows } = await pool.query<{ chat_id: number; code: string; stage_offset: number; claimed_by: string }>(
      `UPDATE reminder_ledger l SET status = 'unconfirmed', at = clock_timestamp()
       WHERE status = 'pending' AND claimed_by IS DISTINCT FROM $1
         AND NOT EXISTS (SELECT 1 FROM reminder_passes p WHERE p.instance = l.claimed_by AND p.beat_at > clock_timestamp() - ${DEAD_AFTER})
       RETURNING chat_id, code, stage_offset, claimed_by`,
      [me],
    );
    for (const r of rows) {
      log.warn({ chatId: r.chat_id, code: r.code, offset: r.stage_offset, claimedBy: r.claimed_by }, 'reminder on its way when its instance died: may have arrived, not sent again');
    }
    return rows.length;
  }

  const ledgerKey = (r: PlannedReminder): unknown[] => [r.chatId, r.code, r.deadline.year, r.deadline.id, r.offset];

  async function sendPlanned(planned: PlannedReminder[], report: PassReport): Promise<void> {
    const lines = checklist();
    const jobs = new Map<ReminderMessage, PlannedReminder>();
    const claimedElsewhere = new Set<ReminderMessage>();
    // Claim, send, record: per message, so only the sends in flight can be left in doubt by a crash.
    const sender: ReminderSender = {
      async send(chatId, message) {
        const r = jobs.get(message);
        if (!r) return { status: 'failed', description: 'unknown job' };
        const claimed = await pool.query(
          `INSERT INTO reminder_ledger (chat_id, code, year, deadline_id, stage_offset, status, claimed_by)
           VALUES ($1, $2, $3, $4, $5, 'pending', $6)
           ON CONFLICT (chat_id, code, year, deadline_id, stage_offset) DO UPDATE
             SET status = 'pending', at = clock_timestamp(), claimed_by = EXCLUDED.claimed_by
             WHERE reminder_ledger.status IN ('failed', 'blocked')
           RETURNING 1`,
          [...ledgerKey(r), me],
        );
        if (claimed.rowCount !== 1) {
          claimedElsewhere.add(message);
          return { status: 'ok' };
        }
        const outcome = await deps.sender.send(chatId, message);
        if (outcome.status === 'ok') {
          await pool.query(
            `UPDATE reminder_ledger SET status = 'sent', at = clock_timestamp()
             WHERE chat_id = $1 AND code = $2 AND year = $3 AND deadline_id = $4 AND stage_offset = $5`,
            ledgerKey(r),
          );
        }
        return outcome;
      },
    };
    const queue = createSendQueue({
      // One message on the wire at a time: a kill leaves at most that one in doubt.
      sender, ratePerSecond, maxInFlight: 1, perChatIntervalMs: rules.send.perChatIntervalMs, maxAttempts: rules.send.maxAttempts,
      now: () => deps.clock().getTime(), ...(deps.sleep ? { sleep: deps.sleep } : {}),
    });
    const chunkSize = Math.max(1, Math.ceil(ratePerSecond));
    for (let start = 0; start < planned.length; start += chunkSize) {
      const chunk = planned.slice(start, start + chunkSize);
      const messages = chunk.map((r) => {
        const message = composeReminder(r, rules, lines);
        jobs.set(message, r);
        return message;
      });
      const results = await queue.sendAll(chunk.map((r, i) => ({ chatId: r.chatId, message: messages[i] as ReminderMessage })));
      for (const [i, r] of chunk.entries()) {
        const message = messages[i] as ReminderMessage;
        jobs.delete(message);
        if (claimedElsewhere.has(message)) continue;
        const result = results[i];
        const status = result?.status ?? 'failed';
        if (status === 'ok') report.sent++;
        else {
          if (status === 'failed') {
            report.failed++;
            log.error({ code: r.code, reason: result?.description }, 'reminder not delivered; retried at the next pass');
          } else if (status === 'unconfirmed') {
            // The request left but its answer was lost: it may have arrived, so it is never resent.
            report.unconfirmed++;
            log.warn({ chatId: r.chatId, code: r.code, reason: result?.description }, 'reminder sent without an answer: may have arrived, not sent again');
          } else report.blocked++;
          await pool.query(
            `UPDATE reminder_ledger SET status = $6, at = clock_timestamp()
             WHERE chat_id = $1 AND code = $2 AND year = $3 AND deadline_id = $4 AND stage_offset = $5 AND status = 'pending'`,
            [...ledgerKey(r), status],
          );
          if (status === 'blocked') {
            // The chat blocked the bot: pause all its subscriptions instead of knocking every day.
            await upsertReturning(
              `UPDATE subscriptions SET paused_at = COALESCE(paused_at, $2), updated_at = clock_timestamp()
               WHERE chat_id = $1 AND NOT removed RETURNING ${SUBSCRIPTION_COLUMNS}`,
              [r.chatId, nowIso()],
            );
          }
        }
      }
    }
    report.rateLimited = queue.stats.rateLimited;
  }

  const service: ReminderService & SharedState = {
    rules,
    async subscribe({ chatId, code, name, kind }) {
      const existing = mirror.get(chatId, code);
      if (!existing) {
        const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM subscriptions WHERE chat_id = $1 AND NOT removed', [chatId]);
        if ((rows[0]?.n ?? 0) >= MAX_SUBSCRIPTIONS_PER_CHAT) return { status: 'limit', max: MAX_SUBSCRIPTIONS_PER_CHAT };
      }
      const [row] = await upsertReturning(
        `INSERT INTO subscriptions (chat_id, code, name, kind, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (chat_id, code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, paused_at = NULL,
           created_at = CASE WHEN subscriptions.removed THEN EXCLUDED.created_at ELSE subscriptions.created_at END,
           submitted = CASE WHEN subscriptions.removed THEN '{}'::jsonb ELSE subscriptions.submitted END,
           removed = false, updated_at = clock_timestamp()
         RETURNING ${SUBSCRIPTION_COLUMNS}`,
        [chatId, code, name, kind, nowIso()],
      );
      const sub = row && mirror.get(chatId, code);
      if (!sub) throw new Error('subscription vanished after write');
      return { status: existing ? 'updated' : 'created', view: view(sub) };
    },
    async unsubscribe(chatId, code) {
      const rows = await upsertReturning(
        `UPDATE subscriptions SET removed = true, updated_at = clock_timestamp()
         WHERE chat_id = $1 AND NOT removed AND ($2 = 'all' OR code = $2) RETURNING ${SUBSCRIPTION_COLUMNS}`,
        [chatId, code],
      );
      return rows.length;
    },
    list: (chatId) => mirror.ofChat(chatId).map(view),
    find(chatId, code) {
      const sub = mirror.get(chatId, code);
      return sub && view(sub);
    },
    async markSubmitted(chatId, code, ref) {
      const sub = mirror.get(chatId, code);
      const mark = sub && submissionFor(sub, rules, deps.calendar, today(), ref);
      if (!sub || !mark) return undefined;
      // The key names one deadline (`2026/publish`): the column stays jsonb, no schema change.
      await upsertReturning(
        `UPDATE subscriptions SET submitted = CASE WHEN submitted ? $3 THEN submitted ELSE submitted || jsonb_build_object($3::text, $4::text) END,
           updated_at = clock_timestamp()
         WHERE chat_id = $1 AND code = $2 AND NOT removed RETURNING ${SUBSCRIPTION_COLUMNS}`,
        [chatId, code, mark.key, nowIso()],
      );
      const updated = mirror.get(chatId, code);
      return updated && submittedResult(updated, mark.deadline, mark.already, rules, deps.calendar, today());
    },
    async resumeChat(chatId) {
      if (!mirror.ofChat(chatId).some((s) => s.pausedAt !== undefined)) return 0;
      const rows = await upsertReturning(
        `UPDATE subscriptions SET paused_at = NULL, updated_at = clock_timestamp()
         WHERE chat_id = $1 AND NOT removed AND paused_at IS NOT NULL RETURNING ${SUBSCRIPTION_COLUMNS}`,
        [chatId],
      );
      return rows.length;
    },
    checklist,
    runPass: (options: RunPassOptions = {}) =>
      runner(
        options,
        async (report) => {
          if (report.dryRun) {
            report.planned = planPass(await loadForPass(), rules, deps.calendar, report.date);
            return;
          }
          const beat = await startPassBeat(pool, me, report.date);
          try {
            report.unconfirmed = await resolveCrashLeftovers();
            report.planned = planPass(await loadForPass(), rules, deps.calendar, report.date);
            await sendPlanned(report.planned, report);
            // A claim met during the pass whose instance died meanwhile is settled now, not tomorrow.
            report.unconfirmed += await resolveCrashLeftovers();
            await pool.query(
              'INSERT INTO reminder_runs (date, instance) VALUES ($1, $2) ON CONFLICT (date) DO UPDATE SET at = clock_timestamp(), instance = EXCLUDED.instance',
              [report.date, me],
            );
          } finally {
            await beat.stop();
          }
          await refreshLastRun();
        },
        { instance: me },
      ),
    lastRunDate: () => lastRun?.date,
    views: () => mirror.all().map(view),
    summary: () => summarise(mirror.all().map(view), lastRun?.at, today()),
    exportCsv: () => subscriptionsCsv(mirror.all().map(view)),
    beforeUpdate: () =>
      pendingOf([mirror.refresh(), !runsChanged || runsChanged.take() ? refreshLastRun() : undefined], (w) => w),
    afterUpdate: () => undefined,
  };
  return service;
}
