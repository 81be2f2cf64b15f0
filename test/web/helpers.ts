import { mkdtemp, rm } from 'node:fs/promises';
import { pino } from 'pino';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeAppDeps, createAppDeps, sharedStorageOf } from '../../src/app.js';
import { localBotInfo } from '../../src/bot/bot-info.js';
import type { BotDeps } from '../../src/bot/context.js';
import { loadConfig } from '../../src/config.js';
import { createHttpApp, type HttpApp } from '../../src/http/app.js';
import { createSilentLogger, type Logger } from '../../src/logger.js';
import { createWebChannel, type WebChannel } from '../../src/web/create-web.js';

export const ADMIN = { id: 9001, name: '王科长' };

export interface WebTest {
  http: HttpApp;
  web: WebChannel;
  deps: BotDeps;
  dataDir: string;
  /** In-process request; `cookie` is sent as the Cookie header. */
  request(path: string, init?: RequestInit & { cookie?: string }): Promise<Response>;
  close(): Promise<void>;
}

/** The real web channel over real domain services (shipped catalog, a temp DATA_DIR). */
export async function createWebTest(
  options: { env?: Record<string, string>; now?: () => Date; dataDir?: string; logger?: Logger } = {},
): Promise<WebTest> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'mz-web-')));
  const config = loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ADMIN_IDS: String(ADMIN.id),
    WEB_SECRET: 'test-secret-test-secret-test-secret-0123', WEB_PUBLIC_URL: 'http://localhost:8080', ...options.env,
  });
  const deps = await createAppDeps({
    config, logger: options.logger ?? createSilentLogger(), sender: { send: async () => ({ status: 'ok' }) }, ...(options.now ? { clock: options.now } : {}),
  });
  // With STORAGE=postgres, the web channel keeps its state in the database, as main.ts wires it.
  const stores = sharedStorageOf(deps)?.web;
  const web = await createWebChannel({ deps, botInfo: localBotInfo('minzheng_web_test'), ...(stores ? { stores } : {}) });
  const http = createHttpApp({ logger: createSilentLogger(), mount: web.mount });
  http.markReady();
  return {
    http, web, deps, dataDir,
    request(path, init = {}) {
      const headers = new Headers(init.headers);
      if (init.cookie) headers.set('cookie', init.cookie);
      headers.set('host', 'localhost:8080');
      return Promise.resolve(http.app.request(`http://localhost:8080${path}`, { ...init, headers }));
    },
    async close() {
      await closeAppDeps(deps);
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The cookie pair (name=value) a response set, for the next request. */
export function cookieFrom(res: Response): string {
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0] ?? '';
}

/** A logger that keeps its lines (parsed JSON), for asserting what was logged. */
export function createMemoryLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}
