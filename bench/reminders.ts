import { createWriteStream } from 'node:fs';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkCalendar } from '../src/calendar/work-calendar.js';
import { createSilentLogger } from '../src/logger.js';
import { creditCheckChar } from '../src/reminders/credit-code.js';
import { planPass } from '../src/reminders/plan.js';
import { loadReminderRules } from '../src/reminders/rules.js';
import { createSendQueue } from '../src/reminders/send-queue.js';
import { createReminderService } from '../src/reminders/service.js';
import { REMINDER_STORE_FILE, type Subscription } from '../src/reminders/store.js';
import { ORG_KINDS } from '../src/reminders/types.js';
import { createFakeTelegram } from '../test/reminders/fake-telegram.js';
import { fakeCatalog } from '../test/reminders/helpers.js';
import { heapMb, printTable, rssMb } from './table.js';

const RULES = 'data/reminder-rules.yaml';
const PLAN_DAY = '2026-03-24';

function subscriptions(n: number): Subscription[] {
  return Array.from({ length: n }, (_, i) => subscription(i));
}

function subscription(i: number): Subscription {
  const kind = ORG_KINDS[i % 3] ?? '社会团体';
  const body = `5${(i % 3) + 1}330000MJ${String(i).padStart(7, '0')}`;
  return {
    chatId: 10_000 + i,
    code: body + creditCheckChar(body),
    name: `第${i}号社会组织`,
    kind,
    createdAt: '2026-01-01T00:00:00.000Z',
    // A tenth already submitted and a third already reminded 14 days before: realistic mixed state.
    submitted: (i % 10 === 0 ? { '2026': '2026-03-01T00:00:00.000Z' } : {}) as Record<string, string>,
    progress: i % 3 === 0 ? { '2026/supervisor': { offset: -14, status: 'sent', at: '2026-03-17T01:00:00.000Z' } } : {},
  };
}

/**
 * Writes the store file a thousand subscriptions at a time, so that the bench never holds the whole
 * fixture (100,000 objects and their JSON) and the RSS after it is the service's own.
 */
async function writeStoreInChunks(file: string, n: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (text: string): Promise<void> => new Promise((done, fail) => out.write(text, (e) => (e ? fail(e) : done())));
  await write('{"version":1,"subscriptions":[');
  for (let from = 0; from < n; from += 1000) {
    const chunk = Array.from({ length: Math.min(1000, n - from) }, (_, i) => JSON.stringify(subscription(from + i)));
    await write((from > 0 ? ',' : '') + chunk.join(','));
  }
  await write(']}');
  await new Promise<void>((done, fail) => out.end((e?: Error | null) => (e ? fail(e) : done())));
}

async function benchPlanning(): Promise<Record<string, string | number>[]> {
  const rules = await loadReminderRules(RULES);
  const calendar = createWorkCalendar();
  const rows: Record<string, string | number>[] = [];
  {
    const subs = subscriptions(100_000);
    planPass(subs.slice(0, 1000), rules, calendar, PLAN_DAY); // warm-up
    const t0 = performance.now();
    const planned = planPass(subs, rules, calendar, PLAN_DAY);
    const ms = performance.now() - t0;
    rows.push({ case: 'planPass in memory', organisations: subs.length, planned: planned.length, ms: ms.toFixed(1), 'RSS MB': rssMb(), target: '< 1000 ms, < 200 MB' });
  }
  return rows;
}

/**
 * The same through the service: open the lowdb file from disk, then a dry-run pass. Its own bench
 * section (a fresh process): after the in-memory case the heap keeps its high-water mark, and the
 * process RSS then said more about that case than about this one.
 */
async function benchStoredPass(): Promise<Record<string, string | number>[]> {
  const calendar = createWorkCalendar();
  const rows: Record<string, string | number>[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'bench-reminders-'));
  try {
    await writeStoreInChunks(join(dir, REMINDER_STORE_FILE), 100_000);
    const before = rssMb();
    const heapBefore = heapMb();
    const t1 = performance.now();
    const service = await createReminderService({
      dataDir: dir,
      logger: createSilentLogger(),
      catalog: fakeCatalog(),
      calendar,
      clock: () => new Date(`${PLAN_DAY}T09:00:00+08:00`),
      rulesFile: RULES,
      sender: { send: () => Promise.resolve({ status: 'ok' }) },
    });
    const openMs = performance.now() - t1;
    const t2 = performance.now();
    const report = await service.runPass({ dryRun: true });
    const passMs = performance.now() - t2;
    rows.push({ case: 'open store (JSON on disk)', organisations: 100_000, planned: '', ms: openMs.toFixed(1), 'RSS MB': `${rssMb()} (was ${before})`, 'heap MB': `${heapMb()} (was ${heapBefore})`, target: '' });
    rows.push({ case: 'service dry-run pass', organisations: 100_000, planned: report.planned.length, ms: passMs.toFixed(1), 'RSS MB': rssMb(), 'heap MB': heapMb(), target: '< 1000 ms, < 200 MB' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

async function benchQueue(limit: number, messages: number, latencyMs: number): Promise<Record<string, string | number>> {
  const api = createFakeTelegram({ globalPerSecond: limit, perChatMs: 1000, latencyMs });
  const queue = createSendQueue({ sender: api, ratePerSecond: limit, perChatIntervalMs: 1000, maxAttempts: 4 });
  const jobs = Array.from({ length: messages }, (_, i) => ({ chatId: i + 1, message: { text: `提醒 ${i}`, buttons: [] } }));
  const t0 = performance.now();
  await queue.sendAll(jobs);
  const wall = (performance.now() - t0) / 1000;
  const first = api.accepted[0] ?? 0;
  const last = api.accepted.at(-1) ?? 0;
  const achieved = (api.accepted.length - 1) / ((last - first) / 1000);
  return {
    case: `send queue, limit ${limit}/s, API latency ${latencyMs} ms`,
    messages,
    'wall s': wall.toFixed(2),
    'achieved /s': achieved.toFixed(1),
    'achieved/limit': (achieved / limit).toFixed(3),
    '429s': api.rejected,
    target: '>= 0.95, 0 × 429',
  };
}

/** The full pass at 1,000/s: pending/sent records written per chunk around the sends. */
async function benchServicePass(limit: number, organisations: number): Promise<Record<string, string | number>> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-reminders-'));
  try {
    const subs = subscriptions(organisations).map((s) => ({ ...s, submitted: {}, progress: {} }));
    await writeFile(join(dir, REMINDER_STORE_FILE), JSON.stringify({ version: 1, subscriptions: subs }));
    const api = createFakeTelegram({ globalPerSecond: limit, perChatMs: 1000, latencyMs: 2 });
    const service = await createReminderService({
      dataDir: dir,
      logger: createSilentLogger(),
      catalog: fakeCatalog(),
      calendar: createWorkCalendar(),
      clock: () => new Date(),
      rulesFile: RULES,
      sender: api,
      ratePerSecond: limit,
    });
    const t0 = performance.now();
    const report = await service.runPass({ date: PLAN_DAY, ignoreQuietHours: true });
    const wall = (performance.now() - t0) / 1000;
    const achieved = report.sent / wall;
    return {
      case: `full pass incl. store writes, limit ${limit}/s`,
      messages: report.sent,
      'wall s': wall.toFixed(2),
      'achieved /s': achieved.toFixed(1),
      'achieved/limit': (achieved / limit).toFixed(3),
      '429s': api.rejected,
      target: 'informational',
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Reminders: planning 100,000 organisations, and the send rate against a rate-limiting fake API. */
export async function benchReminders(): Promise<void> {
  printTable('Reminders — planning a pass in memory', await benchPlanning());
  printTable('Reminders — send rate against a fake Bot API enforcing the limit', [
    await benchQueue(30, 300, 30),
    await benchQueue(1000, 5000, 2),
    await benchServicePass(1000, 3000),
  ]);
}

/** Reminders: a dry-run pass over 100,000 organisations read from the embedded store. */
export async function benchReminderStore(): Promise<void> {
  printTable('Reminders — a dry-run pass over the embedded store', await benchStoredPass());
}

const invokedDirectly = import.meta.url === `file://${process.argv[1] ?? ''}`;
if (invokedDirectly) await benchReminders();
