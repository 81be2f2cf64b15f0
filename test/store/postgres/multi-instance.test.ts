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

/** How long after the victim's exit a request it had already written may still be recorded. */
const KILL_GRACE_MS = 2_000;

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
  it('answers each webhook update and sends each reminder once, but for what the killed instance had on its way', { timeout: 300_000 }, async () => {
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
          // Each instance calls the API under its own prefix, so every message can be traced to its sender.
          BOT_TOKEN: '4242:multi-instance-test', TELEGRAM_API_ROOT: `${api.url}/p${port}`, WEBHOOK_URL: `http://127.0.0.1:${proxyPort}`,
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
      // Dead when the OS says so (kill() only sends the signal); a request it finished writing before
      // that may still be read by the emulator a moment later on a busy machine: a short grace.
      const exited = victim ? new Promise((resolve) => victim.child.once('exit', resolve)) : Promise.resolve();
      victim?.child.kill('SIGKILL');
      await exited;
      return { victim, at: Date.now() + KILL_GRACE_MS };
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
    // On failure, say which instances were still up and what they last logged.
    const states = (): string =>
      children.map((c) => `instance ${c.port} (pid ${c.pid}): exit ${String(c.child.exitCode ?? c.child.signalCode)}\n${c.log.join('').slice(-3000)}`).join('\n');
    expect(statuses.filter((s) => s !== 200), states()).toEqual([]);
    const elapsed = Date.now() - started;
    const { victim, at: killedAt } = await killer;
    expect(victim).toBeDefined();
    const victimVia = `/p${victim?.port ?? 0}`;

    // The day's pass completes on another instance.
    const run = await waitFor('the pass to complete', async () => {
      const { rows } = await admin.query<{ date: string; instance: string }>('SELECT date, instance FROM reminder_runs');
      return rows[0];
    }, 90_000);
    expect(run.date).toBe('2026-03-24');
    expect(Number(run.instance.split(':').pop())).not.toBe(victim?.pid);

    // Updates: none lost, and each answered exactly once, except those whose answer the killed
    // instance had already sent when it died, before it could record the update as handled (the
    // irreducible window: an answer on its way or just sent). Those were delivered again by the proxy,
    // as Telegram does, and answered once more by another instance — twice, never more, never zero.
    const counts = ids.map((id) => api.messagesTo(100_000 + id).length);
    // How many messages one answer takes (the same question each time): what most people got.
    const once = [...new Set(counts)].sort((a, b) => counts.filter((n) => n === b).length - counts.filter((n) => n === a).length)[0] ?? 0;
    expect(once).toBeGreaterThan(0);
    const doubled: number[] = [];
    for (const id of ids) {
      const replies = api.messagesTo(100_000 + id);
      if (replies.length === once) continue;
      // Who sent what when, to tell a slow survivor's double from a late record of the victim's answer.
      const trace = `chat ${100_000 + id}: ${replies.map((r) => `${r.via}@${r.at - killedAt}ms`).join(', ')} (victim ${victimVia}, times after the kill grace)`;
      expect(replies.length, trace).toBe(2 * once);
      // The first answer came from the killed instance before the kill, the second from a survivor.
      expect(replies.slice(0, once).every((r) => r.via === victimVia && r.at <= killedAt), trace).toBe(true);
      expect(replies.slice(once).every((r) => r.via !== victimVia), trace).toBe(true);
      doubled.push(id);
    }
    // Only updates the killed instance held when it died can be among them.
    const inFlightAtKill = new Set(proxy.interrupted.map((b) => (JSON.parse(b.toString('utf8')) as { update_id: number }).update_id));
    expect(doubled.filter((id) => !inFlightAtKill.has(id))).toEqual([]);
    const handled = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM processed_updates WHERE done AND update_id >= 10');
    expect(handled.rows[0]?.n).toBe(UPDATES);
    expect(api.messagesTo(100_001)).toHaveLength(0);
    // The killed instance may die before the first update; the other two share the load.
    expect(proxy.served.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);

    // Reminders: one message is on its way at a time, so the kill leaves at most that one in doubt. The
    // pass that took over saw that its instance stopped beating and settled it as `unconfirmed` (never
    // sent again); every other reminder was delivered exactly once, and none is left pending.
    const received = Array.from({ length: REMINDERS }, (_, i) => api.messagesTo(900_001 + i).length);
    expect(Math.max(...received)).toBe(1);
    const ledger = (await admin.query<{ chat_id: number; status: string; claimed_by: string }>('SELECT chat_id, status, claimed_by FROM reminder_ledger')).rows;
    const count = (s: string): number => ledger.filter((r) => r.status === s).length;
    expect(count('sent') + count('unconfirmed')).toBe(REMINDERS);
    expect(count('pending')).toBe(0);
    expect(count('unconfirmed')).toBeLessThanOrEqual(1);
    for (const r of ledger) {
      if (r.status === 'sent') expect(api.messagesTo(r.chat_id), `reminder to ${r.chat_id}`).toHaveLength(1);
      else expect(Number(r.claimed_by.split(':').pop()), `in doubt: ${r.chat_id}`).toBe(victim?.pid);
    }
    const fromVictim = api.calls.filter((c) => c.via === victimVia && c.method === 'sendMessage' && Number(c.payload.chat_id) > 900_000);
    expect(fromVictim.every((c) => c.at <= killedAt)).toBe(true);
    console.log(`multi-instance: ${deliveries.length} deliveries in ${elapsed} ms, served ${proxy.served.join('/')}, redelivered ${redeliveries}, answered twice ${doubled.length} (in flight at the kill ${inFlightAtKill.size}), reminders sent ${count('sent')}, in doubt ${count('unconfirmed')}, received ${received.filter((n) => n === 1).length}`);
  });
});
