import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../../src/calendar/work-calendar.js';
import { createSilentLogger } from '../../../src/logger.js';
import { openDatabase } from '../../../src/store/postgres/pool.js';
import { createPgReminderService } from '../../../src/store/postgres/reminder-service.js';
import { fakeCatalog, fakeSender, RULES_FILE, socialGroupCode } from '../../reminders/helpers.js';
import { startFakeBotApi } from '../../support/fake-bot-api.js';
import { createTestDatabase, hasPostgres } from '../../support/postgres.js';
import { startRoundRobinProxy, type Proxy } from '../../support/round-robin-proxy.js';

const SECRET = 'multi-instance-secret';
const UPDATES = 1000;
const DUPLICATES = 100;
const REMINDERS = 150;
/** The children live on a day with reminders due (2026-03-24 10:00 China: 7 days before 31 March). */
const SHIFT_MS = Date.parse('2026-03-24T10:00:00+08:00') - Date.now();

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

interface Instance { child: ChildProcess; port: number; pid: number; log: string[] }

const children: Instance[] = [];
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
  for (const f of cleanup.reverse()) await f();
});

function update(id: number, userId: number): string {
  return JSON.stringify({
    update_id: id,
    message: { message_id: id, date: Math.floor(Date.now() / 1000), chat: { id: userId, type: 'private', first_name: '张三' }, from: { id: userId, is_bot: false, first_name: '张三' }, text: '低保怎么申请' },
  });
}

let redeliveries = 0;

/** Delivers an update as Telegram does: an answer other than 2xx is retried a little later. */
async function post(url: string, body: string, secret = SECRET, attempts = 6): Promise<number> {
  for (let i = 1; ; i++) {
    const res = await fetch(`${url}/telegram`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret } });
    await res.arrayBuffer();
    if (res.status === 200 || i >= attempts || res.status === 401) return res.status;
    redeliveries++;
    await sleep(1_000);
  }
}

describe.skipIf(!hasPostgres)('three bot instances on one database behind a proxy', () => {
  it('answers each webhook update once and sends each reminder once, even when the instance sending them is killed', { timeout: 300_000 }, async () => {
    const url = await createTestDatabase('multi');
    // Subscriptions made before the instances start: their catch-up pass has 150 reminders to send.
    const pool = await openDatabase(url, { max: 4 });
    cleanup.push(() => pool.end());
    const seed = await createPgReminderService({
      pool, logger: createSilentLogger(), catalog: fakeCatalog(), calendar: createWorkCalendar(),
      clock: () => new Date(Date.now() + SHIFT_MS), rulesFile: RULES_FILE, sender: fakeSender(),
    });
    for (let n = 1; n <= REMINDERS; n++) await seed.subscribe({ chatId: 900_000 + n, code: socialGroupCode(n), name: `协会${n}`, kind: '社会团体' });

    const api = await startFakeBotApi({ latencyMs: 40 });
    cleanup.push(() => api.close());
    const ports = [await freePort(), await freePort(), await freePort()];
    const proxyPort = await freePort();
    for (const port of ports) {
      const dataDir = await mkdtemp(join(tmpdir(), 'mz-multi-'));
      cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
      const child = spawn(process.execPath, ['--import', './test/support/shift-time.mjs', '--import', 'tsx', 'src/main.ts'], {
        env: {
          ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', MZ_TIME_SHIFT_MS: String(SHIFT_MS),
          BOT_TOKEN: '4242:multi-instance-test', TELEGRAM_API_ROOT: api.url, WEBHOOK_URL: `http://127.0.0.1:${proxyPort}`,
          WEBHOOK_SECRET: SECRET, HTTP_HOST: '127.0.0.1', HTTP_PORT: String(port), DATA_DIR: dataDir,
          STORAGE: 'postgres', DATABASE_URL: url, REMINDER_PASS_TIMEOUT_SECONDS: '12', RATE_LIMIT_PER_MINUTE: '20',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const log: string[] = [];
      child.stdout?.on('data', (d: Buffer) => log.push(d.toString()));
      child.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
      children.push({ child, port, pid: child.pid ?? 0, log });
    }
    for (const c of children) {
      await waitFor(`instance on ${c.port}`, async () => ((await fetch(`http://127.0.0.1:${c.port}/healthz`)).ok ? true : undefined), 120_000)
        .catch((error: unknown) => {
          throw new Error(`${String(error)}\n${c.log.join('')}`);
        });
    }
    const proxy: Proxy = await startRoundRobinProxy(ports);
    cleanup.push(() => proxy.close());

    // Kill the instance that runs the reminder pass once it has sent a few.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    cleanup.push(() => admin.end());
    const killer = (async () => {
      const holder = await waitFor('the pass to start sending', async () => {
        const { rows } = await admin.query<{ claimed_by: string; n: number }>(
          "SELECT claimed_by, count(*)::int AS n FROM reminder_ledger WHERE status = 'sent' GROUP BY claimed_by",
        );
        return rows[0] && rows[0].n >= 20 ? rows[0].claimed_by : undefined;
      }, 60_000);
      const pid = Number(holder.split(':').pop());
      const victim = children.find((c) => c.pid === pid);
      victim?.child.kill('SIGKILL');
      return victim;
    })();

    // A forged delivery (wrong secret) is refused and answered by nobody.
    expect(await post(proxy.url, update(1, 1), 'wrong', 1)).toBe(401);

    // 1,000 updates from 1,000 people, 30 at a time; 100 of them delivered twice at once.
    const ids = Array.from({ length: UPDATES }, (_, i) => i + 10);
    const deliveries = [...ids.map((id) => [id]), ...ids.slice(0, DUPLICATES).map((id) => [id])].sort(() => Math.random() - 0.5);
    const statuses: number[] = [];
    const started = Date.now();
    for (let i = 0; i < deliveries.length; i += 30) {
      statuses.push(...(await Promise.all(deliveries.slice(i, i + 30).map(([id]) => post(proxy.url, update(id ?? 0, 100_000 + (id ?? 0)))))));
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const elapsed = Date.now() - started;
    const victim = await killer;
    expect(victim).toBeDefined();

    // The day's pass completes on another instance.
    const run = await waitFor('the pass to complete', async () => {
      const { rows } = await admin.query<{ date: string; instance: string }>('SELECT date, instance FROM reminder_runs');
      return rows[0];
    }, 90_000);
    expect(run.date).toBe('2026-03-24');
    expect(Number(run.instance.split(':').pop())).not.toBe(victim?.pid);

    // Each person got the same answer exactly once, except an update the killed instance held when it
    // died: it may have answered before dying, and the proxy (as Telegram would) delivered it again —
    // at least once, never lost. Only those few may be answered twice.
    const inFlightAtKill = new Set(proxy.interrupted.map((b) => (JSON.parse(b.toString('utf8')) as { message?: { chat?: { id?: number } } }).message?.chat?.id));
    expect(inFlightAtKill.size).toBeLessThanOrEqual(30);
    const once = api.messagesTo(100_000 + (ids.find((id) => !inFlightAtKill.has(100_000 + id)) ?? 0)).length;
    expect(once).toBeGreaterThan(0);
    for (const id of ids) {
      const n = api.messagesTo(100_000 + id).length;
      if (inFlightAtKill.has(100_000 + id)) expect([once, 2 * once], `chat ${100_000 + id}`).toContain(n);
      else expect(n, `chat ${100_000 + id}`).toBe(once);
    }
    expect(api.messagesTo(100_001)).toHaveLength(0);
    // The killed instance may die before the first update; the other two share the load.
    expect(proxy.served.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);

    // Each reminder went out at most once; the only ones not known to be delivered are the sends
    // that were in flight when the instance died (left `pending`, never resent).
    const received = Array.from({ length: REMINDERS }, (_, i) => api.messagesTo(900_001 + i).length);
    expect(Math.max(...received)).toBe(1);
    const ledger = (await admin.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM reminder_ledger GROUP BY status')).rows;
    const count = (s: string): number => ledger.find((r) => r.status === s)?.n ?? 0;
    expect(count('sent') + count('pending')).toBe(REMINDERS);
    expect(received.filter((n) => n === 1).length).toBeGreaterThanOrEqual(count('sent'));
    expect(count('pending')).toBeLessThanOrEqual(8);
    console.log(`multi-instance: ${deliveries.length} deliveries in ${elapsed} ms, served ${proxy.served.join('/')}, redelivered ${redeliveries}, reminders sent ${count('sent')}, in doubt ${count('pending')}, received ${received.filter((n) => n === 1).length}`);
  });
});
