import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeAppDeps, createAppDeps, sharedStorageOf } from '../src/app.js';
import type { BotDeps } from '../src/bot/context.js';
import { localBotInfo } from '../src/bot/bot-info.js';
import { loadConfig } from '../src/config.js';
import { createHttpApp } from '../src/http/app.js';
import { startHttpServer } from '../src/http/server.js';
import { createSilentLogger } from '../src/logger.js';
import { createWebChannel } from '../src/web/create-web.js';
import { percentile } from './table.js';

/**
 * The web chat driven over loopback HTTP, shared by the web section and the PostgreSQL one: 32
 * sessions, each a client that posts its next question as soon as the last answer came back
 * (cookie, CSRF token, JSON).
 */

export const QUESTIONS = ['结婚登记要带什么', '协议离婚需要准备哪些材料', '我妈八十五岁了，高龄津贴怎么申请', '家里困难想申请低保，要去哪里办', '办变更要啥材料', '社会组织年报什么时候截止', '残疾人护理补贴每个月有多少钱', '你好'];
export const SESSIONS = 32;

export interface Run {
  requests: number;
  seconds: number;
  latenciesUs: number[];
  errors: number;
}

export function row(path: string, run: Run): Record<string, string | number> {
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

/** SESSIONS clients, each calling `worker` with its next request number until `ms` have passed. */
export async function drive(worker: (i: number) => Promise<boolean>, ms: number): Promise<Run> {
  const latenciesUs: number[] = [];
  let errors = 0;
  let n = 0;
  const t0 = performance.now();
  const deadline = t0 + ms;
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

/** Adds one run's counts to a running total (for alternating rounds). */
export function addRun(total: Run, run: Run): void {
  total.requests += run.requests;
  total.seconds += run.seconds;
  total.errors += run.errors;
  total.latenciesUs.push(...run.latenciesUs);
}

export interface WebChat {
  deps: BotDeps;
  /** Posts question `i` from session `i % SESSIONS`; true when answered with 2xx. */
  post(i: number): Promise<boolean>;
  /** Sessions the bridge holds in memory. */
  held(): number;
  close(): Promise<void>;
}

/**
 * A web channel on loopback HTTP over the app's stores (`env` picks them: STORAGE, DATABASE_URL),
 * its limits raised so the bench measures the path, not the flood guards, and SESSIONS sessions open.
 */
export async function openWebChat(env: Record<string, string> = {}): Promise<WebChat> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mz-bench-web-'));
  const config = loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, WEB_SECRET: 'bench-secret-bench-secret-bench-secret-00',
    WEB_RATE_LIMIT_PER_SESSION: '100000', WEB_RATE_LIMIT_PER_IP: '1000000', RATE_LIMIT_PER_MINUTE: '100000', ...env,
  });
  const deps = await createAppDeps({ config, logger: createSilentLogger(), sender: { send: async () => ({ status: 'ok' }) } });
  // As main.ts wires it: with PostgreSQL the conversations, ids and rate limits are the shared ones.
  const stores = sharedStorageOf(deps)?.web;
  const web = await createWebChannel({ deps, botInfo: localBotInfo('minzheng_bench_web'), ...(stores ? { stores } : {}) });
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
  return {
    deps,
    async post(i) {
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
    },
    held: () => web.bridge.sessions,
    async close() {
      await server.close();
      await closeAppDeps(deps);
      await rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}
