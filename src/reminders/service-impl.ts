import { createPassRunner } from './pass-runner.js';
import { chinaDate } from '../calendar/work-calendar.js';
import { composeReminder, checklistLines } from './message.js';
import { planPass, type PlannedReminder } from './plan.js';
import { loadReminderRules } from './rules.js';
import { createSendQueue, type SendResult } from './send-queue.js';
import type { PassReport, ReminderService, ReminderServiceDeps, RunPassOptions, SubscriptionView } from './service.js';
import { foldInterruptedPass } from './crash-recovery.js';
import { openSendLedger, type LedgerStatus } from './send-ledger.js';
import { openReminderStore, progressKey, subscriptionKey, type ReminderData, type Subscription } from './store.js';
import { submissionFor, submittedResult, subscriptionsCsv, summarise, viewOf } from './views.js';

/** One chat may follow this many organisations (an agency handling many is the realistic maximum). */
export const MAX_SUBSCRIPTIONS_PER_CHAT = 20;

export { inQuietHours } from './pass-runner.js';

/**
 * The reminder service. Crash safety of a pass (see send-ledger.ts):
 * 1. Right before each message is sent, a `pending` line for it alone is fsync'ed to the ledger; its
 *    outcome follows as another line. reminders.json takes the outcomes of each chunk of messages.
 * 2. At the start of a pass, the ledger left by an interrupted one is folded into reminders.json: a
 *    `pending` without an outcome became `unconfirmed`: Telegram may have delivered it and we cannot
 *    ask, so it is NOT resent (a duplicate is visible to the organisation). A reminder with no line
 *    never left, and is planned again. A kill therefore costs at most the one message in flight per
 *    chat (the queue never has two in flight for one chat).
 * 3. A network error after the request left is `unconfirmed` too, never retried.
 */
export async function createReminderServiceImpl(deps: ReminderServiceDeps): Promise<ReminderService> {
  const rules = await loadReminderRules(deps.rulesFile);
  const store = await openReminderStore(deps.dataDir);
  const ledger = await openSendLedger(deps.dataDir);
  const log = deps.logger.child({ feature: 'reminders' });
  const index = new Map<string, Subscription>();
  const reindex = (data: ReminderData): void => {
    index.clear();
    for (const sub of data.subscriptions) index.set(subscriptionKey(sub.chatId, sub.code), sub);
  };
  reindex(store.data);
  const ratePerSecond = deps.ratePerSecond ?? rules.send.ratePerSecond;
  const queue = createSendQueue({
    sender: deps.sender,
    ratePerSecond,
    perChatIntervalMs: rules.send.perChatIntervalMs,
    maxAttempts: rules.send.maxAttempts,
    now: () => deps.clock().getTime(),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  });
  const today = (): string => chinaDate(deps.clock());
  const nowIso = (): string => deps.clock().toISOString();
  const view = (sub: Subscription): SubscriptionView => viewOf(sub, rules, deps.calendar, today());
  const ofChat = (chatId: number): Subscription[] => store.data.subscriptions.filter((s) => s.chatId === chatId);
  const runner = createPassRunner({ today, clock: deps.clock, quietHours: rules.quietHours, log });

  const checklist = (): string[] => {
    const item = deps.catalog.get(rules.catalogItem);
    if (!item) log.warn({ item: rules.catalogItem }, 'annual-inspection item missing from catalog; reminders go without checklist');
    return item ? checklistLines(item.materials) : [];
  };

  const ledgerKey = (r: PlannedReminder): string =>
    `${subscriptionKey(r.chatId, r.code)}|${progressKey(r.deadline.year, r.deadline.id)}`;

  async function sendPlanned(planned: PlannedReminder[], report: PassReport): Promise<void> {
    const lines = checklist();
    const chunkSize = Math.max(1, Math.ceil(ratePerSecond));
    for (let start = 0; start < planned.length; start += chunkSize) {
      const chunk = planned.slice(start, start + chunkSize);
      const results = await queue.sendAll(
        chunk.map((r) => ({ chatId: r.chatId, message: composeReminder(r, rules, lines) })),
        {
          before: (_job, i) => {
            const r = chunk[i];
            return r ? ledger.append({ key: ledgerKey(r), offset: r.offset, status: 'pending', at: nowIso() }) : Promise.resolve();
          },
          // The outcome line only spares a needless "unconfirmed" after a kill; reminders.json gets it
          // at the end of the chunk anyway.
          after: (_job, i, result) => {
            const r = chunk[i];
            if (!r) return;
            const status: LedgerStatus = result.status === 'ok' ? 'sent' : result.status;
            ledger.append({ key: ledgerKey(r), offset: r.offset, status, at: nowIso() }).catch((err: unknown) => {
              log.warn({ err }, 'reminder ledger: outcome not written');
            });
          },
        },
      );
      await store.update(() => {
        chunk.forEach((r, i) => applyResult(r, results[i], report));
      });
    }
    // Everything is in reminders.json now: the next pass starts with an empty ledger.
    await ledger.clear();
  }

  function record(r: PlannedReminder, status: 'sent' | 'unconfirmed' | 'failed' | 'blocked'): Subscription | undefined {
    const sub = index.get(subscriptionKey(r.chatId, r.code));
    // Unsubscribed while the pass ran: nothing to record.
    if (sub) sub.progress[progressKey(r.deadline.year, r.deadline.id)] = { offset: r.offset, status, at: nowIso() };
    return sub;
  }

  function applyResult(r: PlannedReminder, result: SendResult | undefined, report: PassReport): void {
    const status = result?.status ?? 'failed';
    if (status === 'ok') {
      report.sent++;
      record(r, 'sent');
      return;
    }
    if (status === 'unconfirmed') {
      report.unconfirmed++;
      record(r, 'unconfirmed');
      log.warn({ code: r.code, reason: result?.description }, 'reminder may have been delivered (connection dropped): not resent');
      return;
    }
    if (status === 'failed') {
      report.failed++;
      record(r, 'failed');
      log.error({ code: r.code, reason: result?.description }, 'reminder not delivered; retried at the next pass');
      return;
    }
    report.blocked++;
    record(r, 'blocked');
    // The chat blocked the bot: pause all its subscriptions instead of knocking every day.
    for (const sub of ofChat(r.chatId)) sub.pausedAt ??= nowIso();
  }

  const service: ReminderService = {
    rules,
    async subscribe({ chatId, code, name, kind }) {
      const existing = index.get(subscriptionKey(chatId, code));
      if (!existing && ofChat(chatId).length >= MAX_SUBSCRIPTIONS_PER_CHAT) {
        return { status: 'limit', max: MAX_SUBSCRIPTIONS_PER_CHAT };
      }
      await store.update((data) => {
        if (existing) {
          existing.name = name;
          existing.kind = kind;
          delete existing.pausedAt;
        } else {
          data.subscriptions.push({ chatId, code, name, kind, createdAt: nowIso(), submitted: {}, progress: {} });
        }
        reindex(data);
      });
      const sub = index.get(subscriptionKey(chatId, code));
      if (!sub) throw new Error('subscription vanished after write');
      return { status: existing ? 'updated' : 'created', view: view(sub) };
    },
    async unsubscribe(chatId, code) {
      const gone = ofChat(chatId).filter((s) => code === 'all' || s.code === code).length;
      if (gone === 0) return 0;
      await store.update((data) => {
        data.subscriptions = data.subscriptions.filter((s) => s.chatId !== chatId || (code !== 'all' && s.code !== code));
        reindex(data);
      });
      return gone;
    },
    list: (chatId) => ofChat(chatId).map(view),
    find(chatId, code) {
      const sub = index.get(subscriptionKey(chatId, code));
      return sub && view(sub);
    },
    async markSubmitted(chatId, code, ref) {
      const sub = index.get(subscriptionKey(chatId, code));
      const mark = sub && submissionFor(sub, rules, deps.calendar, today(), ref);
      if (!sub || !mark) return undefined;
      if (!mark.already) {
        await store.update(() => {
          sub.submitted[mark.key] ??= nowIso();
        });
      }
      return submittedResult(sub, mark.deadline, mark.already, rules, deps.calendar, today());
    },
    async resumeChat(chatId) {
      const paused = ofChat(chatId).filter((s) => s.pausedAt !== undefined);
      if (paused.length === 0) return 0;
      await store.update(() => {
        for (const s of paused) delete s.pausedAt;
      });
      return paused.length;
    },
    checklist,
    runPass: (options: RunPassOptions = {}) =>
      runner(options, async (report) => {
        const limitedBefore = queue.stats.rateLimited;
        if (!report.dryRun) report.unconfirmed = await foldInterruptedPass({ store, ledger, index, log, nowIso });
        report.planned = planPass(store.data.subscriptions, rules, deps.calendar, report.date);
        if (!report.dryRun) {
          await sendPlanned(report.planned, report);
          await store.update((data) => {
            data.lastRun = { date: report.date, at: nowIso() };
          });
        }
        report.rateLimited = queue.stats.rateLimited - limitedBefore;
      }),
    lastRunDate: () => store.data.lastRun?.date,
    views: () => store.data.subscriptions.map(view),
    summary: () => summarise(store.data.subscriptions.map(view), store.data.lastRun?.at, today()),
    exportCsv: () => subscriptionsCsv(store.data.subscriptions.map(view)),
  };
  return service;
}
