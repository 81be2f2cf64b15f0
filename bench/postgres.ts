import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sequentialize } from '@grammyjs/runner';
import type { Transformer } from 'grammy';
import type { Update } from 'grammy/types';
import pg from 'pg';
import { closeAppDeps, createAppDeps } from '../src/app.js';
import { localBotInfo } from '../src/bot/bot-info.js';
import { createBot } from '../src/bot/create-bot.js';
import { createWorkCalendar } from '../src/calendar/work-calendar.js';
import { loadConfig } from '../src/config.js';
import { createSilentLogger } from '../src/logger.js';
import { openDatabase } from '../src/store/postgres/pool.js';
import { createPgRatingService } from '../src/store/postgres/rating-service.js';
import { startSharedInstance } from '../src/store/postgres/instance.js';
import { startPostgresCluster } from '../test/support/postgres-cluster.js';
import { webChatRates } from './postgres-web.js';
import { percentile, printTable } from './table.js';

/**
 * PostgreSQL beside lowdb on one instance: updates/s and latency through the whole bot (the
 * PostgreSQL run includes what webhook mode adds: the update_id claim and the shared rate limit,
 * wired as main.ts does),
 * and the cost of one rating write with 1,000 and 1,000,000 ratings stored. The server is a
 * throwaway local cluster (fsync off, as in the tests) unless BENCH_DATABASE_URL names one.
 */

const QUESTIONS = ['结婚登记要带什么', '家里困难想申请低保，要去哪里办', '残疾人护理补贴每个月有多少钱', '社会团体换法定代表人要交哪些材料', '民非单位注销流程', '你好'];
const USERS = 2_000;
/** Per store and in-flight level, split into alternating rounds. */
const RUN_MS = 4_000;
const ROUNDS = 8;
const BOT_INFO = localBotInfo('minzheng_bench_bot', 42);

function update(i: number): Update {
  const id = 100_000 + (i % USERS);
  return {
    update_id: i + 1,
    message: { message_id: i + 1, date: 0, chat: { id, type: 'private', first_name: '群众' }, from: { id, is_bot: false, first_name: '群众' }, text: QUESTIONS[i % QUESTIONS.length] },
  } as Update;
}

const inProcess: Transformer = async (_prev, method, payload) => {
  if (method === 'sendMessage') {
    const p = payload as { chat_id?: number; text?: string };
    return { ok: true, result: { message_id: 1, date: 0, chat: { id: p.chat_id, type: 'private' }, text: p.text } } as never;
  }
  return { ok: true, result: true } as never;
};

async function drive(handle: (u: Update) => Promise<void>, start: number, inFlight: number, ms: number): Promise<{ updates: number; seconds: number; lat: number[] }> {
  let next = start;
  const lat: number[] = [];
  const t0 = performance.now();
  const deadline = t0 + ms;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (performance.now() < deadline) {
      const s = performance.now();
      await handle(update(next++));
      lat.push((performance.now() - s) * 1000);
    }
  }));
  return { updates: lat.length, seconds: (performance.now() - t0) / 1000, lat };
}

interface BenchBot { handle: (u: Update) => Promise<void>; next: number; close: () => Promise<void> }

async function startBot(storage: 'lowdb' | 'postgres', url: string | undefined, offset: number): Promise<BenchBot> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mz-bench-pg-'));
  // The limiters run, but above the bench's per-user rate: every update is answered on both stores.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, STORAGE: storage, RATE_LIMIT_PER_MINUTE: '1000000', ...(url ? { DATABASE_URL: url } : {}) });
  const deps = await createAppDeps({ config, logger: createSilentLogger(), sender: { send: async () => ({ status: 'ok' }) } });
  // As main.ts wires a webhook instance: the shared guard (PostgreSQL only), then one update per chat at a time.
  const shared = storage === 'postgres' ? await startSharedInstance(config, deps, createSilentLogger()) : undefined;
  const before = [...(shared ? [shared.guard] : []), sequentialize((ctx: { chat?: { id: number } }) => ctx.chat?.id.toString())];
  const bot = createBot(deps, { botInfo: BOT_INFO, transformers: [inProcess], before });
  for (let i = 0; i < 200; i++) await bot.handleUpdate(update(offset + i));
  return {
    handle: (u) => bot.handleUpdate(u),
    next: offset + 200,
    async close() {
      await shared?.close();
      await closeAppDeps(deps);
      await rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

/**
 * Both stores in one process, measured in alternating short rounds: the machine may be shared, and
 * alternating lets a busy spell fall on both alike. Rates are the totals over all rounds.
 */
async function botRates(url: string): Promise<Record<string, string | number>[]> {
  const bots = { lowdb: await startBot('lowdb', undefined, 0), postgres: await startBot('postgres', url, 10_000_000) };
  const rows: Record<string, string | number>[] = [];
  for (const inFlight of [1, 32]) {
    const totals = { lowdb: { updates: 0, seconds: 0, lat: [] as number[] }, postgres: { updates: 0, seconds: 0, lat: [] as number[] } };
    for (let round = 0; round < ROUNDS; round++) {
      for (const storage of ['lowdb', 'postgres'] as const) {
        const bot = bots[storage];
        const r = await drive(bot.handle, bot.next, inFlight, RUN_MS / ROUNDS);
        bot.next += r.updates;
        const t = totals[storage];
        t.updates += r.updates;
        t.seconds += r.seconds;
        t.lat.push(...r.lat);
      }
    }
    const lowRate = totals.lowdb.updates / totals.lowdb.seconds;
    for (const storage of ['lowdb', 'postgres'] as const) {
      const t = totals[storage];
      const rate = t.updates / t.seconds;
      rows.push({
        store: storage, 'in flight': inFlight, updates: t.updates, 'updates/s': Math.round(rate),
        'p50 µs': Math.round(percentile(t.lat, 50)), 'p99 µs': Math.round(percentile(t.lat, 99)), 'vs lowdb': `${(rate / lowRate).toFixed(2)}×`,
      });
    }
  }
  await bots.lowdb.close();
  await bots.postgres.close();
  return rows;
}

/** µs per rating write (rate() of a fresh answer) with `stored` ratings already in the table. */
async function ratingWriteCost(url: string, stored: number): Promise<Record<string, string | number>> {
  const pool = await openDatabase(url, { max: 4 });
  await pool.query('TRUNCATE ratings, cases, answers');
  // Old answers and their ratings, written in bulk by the server itself.
  await pool.query(
    `INSERT INTO answers (id, at, chat_id, user_id, intent, kind, question)
     SELECT 'old' || g, 1700000000000 + g, g, g, 'dibao.apply', 'card', '问题' FROM generate_series(1, $1) g`, [stored]);
  await pool.query(
    `INSERT INTO ratings (answer_id, user_id, level, at, first_at, chat_id, intent, kind)
     SELECT 'old' || g, g, 1 + g % 5, 1700000000000 + g, 1700000000000 + g, g, 'dibao.apply', 'card' FROM generate_series(1, $1) g`, [stored]);
  await pool.query('ANALYZE');
  const clock = (): Date => new Date();
  const ratings = await createPgRatingService({ pool, logger: createSilentLogger(), calendar: createWorkCalendar(), clock, caseDueWorkingDays: 5, changeWindowMinutes: 10 });
  const n = 400;
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await ratings.recordAnswer({ chatId: i, userId: i, intent: 'dibao.apply', kind: 'card', question: '低保' })).id);
  const lat: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    // Good levels: measures the rating write itself, not case opening.
    await ratings.rate({ answerId: ids[i] ?? '', userId: i, level: 5 });
    lat.push((performance.now() - s) * 1000);
  }
  await pool.end();
  const mean = lat.reduce((a, b) => a + b, 0) / lat.length;
  return { 'stored ratings': stored.toLocaleString('en'), writes: n, 'mean µs': Math.round(mean), 'p50 µs': Math.round(percentile(lat, 50)), 'p99 µs': Math.round(percentile(lat, 99)) };
}

export async function benchPostgres(): Promise<void> {
  const cluster = process.env.BENCH_DATABASE_URL ? undefined : await startPostgresCluster();
  try {
    const admin = process.env.BENCH_DATABASE_URL ?? cluster?.url ?? '';
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query('DROP DATABASE IF EXISTS mz_bench');
    await client.query('CREATE DATABASE mz_bench');
    await client.end();
    const url = new URL(admin);
    url.pathname = '/mz_bench';
    const rows = await botRates(url.toString());
    printTable('One instance, lowdb vs PostgreSQL (PostgreSQL adds the update_id claim and shared rate limit; target ≥ 0.5× lowdb)', rows);
    printTable('Web chat on one instance over loopback HTTP, lowdb vs PostgreSQL (sessions, messages and rate limits in the database)', await webChatRates(url.toString()));
    const small = await ratingWriteCost(url.toString(), 1_000);
    const large = await ratingWriteCost(url.toString(), 1_000_000);
    const ratio = Number(large['mean µs']) / Number(small['mean µs']);
    printTable(`Rating write cost with stored ratings (target: 1M ≤ 2× 1k; measured ${ratio.toFixed(2)}×)`, [small, large]);
  } finally {
    await cluster?.stop();
  }
}
