import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Update } from 'grammy/types';
import { closeAppDeps, createAppDeps } from '../src/app.js';
import { localBotInfo } from '../src/bot/bot-info.js';
import { createBot } from '../src/bot/create-bot.js';
import { loadConfig } from '../src/config.js';
import { createHttpApp } from '../src/http/app.js';
import { startHttpServer } from '../src/http/server.js';
import { createSilentLogger } from '../src/logger.js';
import { createWebChannel } from '../src/web/create-web.js';
import { percentile, printTable, rssMb } from './table.js';

/**
 * The web chat over loopback HTTP: 32 sessions, each a client that posts its next question as soon as
 * the last answer came back (cookie, CSRF token, JSON), against the Telegram path (the same questions
 * through `handleUpdate` in-process, 32 in flight). Bounded: 2.5 s per run, loopback only.
 */

const QUESTIONS = ['结婚登记要带什么', '协议离婚需要准备哪些材料', '我妈八十五岁了，高龄津贴怎么申请', '家里困难想申请低保，要去哪里办', '办变更要啥材料', '社会组织年报什么时候截止', '残疾人护理补贴每个月有多少钱', '你好'];
const SESSIONS = 32;
const RUN_MS = 2_500;

interface Run {
  requests: number;
  seconds: number;
  latenciesUs: number[];
  errors: number;
}

function row(path: string, run: Run): Record<string, string | number> {
  return {
    path,
    sessions: SESSIONS,
    requests: run.requests,
    'req/s': Math.round(run.requests / run.seconds),
    'p50 ms': (percentile(run.latenciesUs, 50) / 1000).toFixed(1),
    'p99 ms': (percentile(run.latenciesUs, 99) / 1000).toFixed(1),
    errors: run.errors,
  };
}

async function drive(worker: (i: number) => Promise<boolean>): Promise<Run> {
  const latenciesUs: number[] = [];
  let errors = 0;
  let n = 0;
  const t0 = performance.now();
  const deadline = t0 + RUN_MS;
  await Promise.all(
    Array.from({ length: SESSIONS }, async (_x, s) => {
      for (let i = s; performance.now() < deadline; i += SESSIONS) {
        const start = performance.now();
        const ok = await worker(i);
        latenciesUs.push((performance.now() - start) * 1000);
        if (!ok) errors++;
        n++;
      }
    }),
  );
  return { requests: n, seconds: (performance.now() - t0) / 1000, latenciesUs, errors };
}

export async function benchWeb(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mz-bench-web-'));
  try {
    // Limits raised so the bench measures the path, not the flood guards.
    const config = loadConfig({
      NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, WEB_SECRET: 'bench-secret-bench-secret-bench-secret-00',
      WEB_RATE_LIMIT_PER_SESSION: '100000', WEB_RATE_LIMIT_PER_IP: '1000000', RATE_LIMIT_PER_MINUTE: '100000',
    });
    const deps = await createAppDeps({ config, logger: createSilentLogger(), sender: { send: async () => ({ status: 'ok' }) } });
    const web = await createWebChannel({ deps, botInfo: localBotInfo('minzheng_bench_web') });
    const http = createHttpApp({ logger: createSilentLogger(), mount: web.mount });
    const server = await startHttpServer(http.app, { host: '127.0.0.1', port: 0 });

    const sessions = await Promise.all(
      Array.from({ length: SESSIONS }, async () => {
        const res = await fetch(`${server.url}/api/v1/session`);
        const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        const { csrfToken, rev } = (await res.json()) as { csrfToken: string; rev: number };
        return { cookie, csrfToken, rev };
      }),
    );
    const webRun = await drive(async (i) => {
      const s = sessions[i % SESSIONS];
      if (!s) return false;
      const res = await fetch(`${server.url}/api/v1/messages`, {
        method: 'POST',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ text: QUESTIONS[i % QUESTIONS.length], since: s.rev }),
      });
      const body = (await res.json()) as { rev?: number };
      if (typeof body.rev === 'number') s.rev = body.rev;
      return res.ok;
    });

    // Baseline: a bare Hono echo on the same loopback with the same client, so the HTTP cost is visible.
    const { Hono } = await import('hono');
    const echoApp = new Hono();
    echoApp.post('/echo', async (c) => c.json(await c.req.json()));
    const echo = await startHttpServer(echoApp, { host: '127.0.0.1', port: 0 });
    const echoRun = await drive(async (i) => {
      const res = await fetch(`${echo.url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: QUESTIONS[i % QUESTIONS.length] }) });
      await res.text();
      return res.ok;
    });
    await echo.close();

    let messageId = 1;
    const tg = createBot(deps, {
      botInfo: localBotInfo('minzheng_bench_tg'),
      transformers: [async (_p, method, payload) => ({ ok: true, result: method === 'sendMessage' ? { message_id: ++messageId, date: 0, chat: { id: (payload as { chat_id: number }).chat_id, type: 'private' } } : true }) as never],
    });
    let updateId = 1;
    const tgRun = await drive(async (i) => {
      const id = 500_000 + (i % SESSIONS);
      const update = {
        update_id: updateId++,
        message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id, type: 'private', first_name: '群众' }, from: { id, is_bot: false, first_name: '群众' }, text: QUESTIONS[i % QUESTIONS.length] },
      } as Update;
      await tg.handleUpdate(update);
      return true;
    });
    printTable(
      `Web chat vs Telegram path: ${SESSIONS} concurrent sessions, ${QUESTIONS.length} questions, loopback HTTP (figures under load from other processes are indicative)`,
      [
        row('bare HTTP echo (Hono, same client)', echoRun),
        row('web: POST /api/v1/messages over loopback HTTP', webRun),
        row('telegram: handleUpdate in-process (no network)', tgRun),
      ],
    );
    console.log(`Web sessions held: ${web.bridge.sessions}; RSS after the web bench: ${rssMb()} MB`);
    await server.close();
    await closeAppDeps(deps);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
