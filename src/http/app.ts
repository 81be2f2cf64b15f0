import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from '../logger.js';
import { securityHeaders } from './security.js';

/** Errors as the API shows them: a code for programs, a sentence for people, never a stack trace. */
export function jsonError(c: Context, status: 400 | 401 | 403 | 404 | 405 | 413 | 415 | 429 | 500 | 503, code: string, message: string): Response {
  return c.json({ error: { code, message } }, status);
}

const isApi = (c: Context): boolean => c.req.path.startsWith('/api/');

export interface HttpApp {
  readonly app: Hono;
  /** Where Telegram posts updates in webhook mode (see run-telegram.ts). */
  setTelegramWebhook(path: string, handle: (request: Request) => Promise<Response>): void;
  /** Marks the process as fully started: `/healthz` answers 503 until then. */
  markReady(): void;
}

/**
 * The process's one HTTP app: `/healthz` (503 until `markReady`), the Telegram webhook, and whatever `mount` adds (the web
 * chat and the managers' console). Every answer carries the security headers; unknown paths and
 * failures answer in JSON under /api and as a short Chinese page elsewhere.
 */
export function createHttpApp(opts: { logger: Logger; mount?: (app: Hono) => void }): HttpApp {
  const app = new Hono();
  const webhooks = new Map<string, (request: Request) => Promise<Response>>();
  app.use('*', securityHeaders());
  // Ready only once the whole process has started (webhook set, reminder schedule running): a load
  // balancer must not send updates to an instance that may still fail its start and exit.
  let ready = false;
  app.get('/healthz', (c) => (ready ? c.text('ok') : c.text('starting', 503)));
  app.post('/telegram', bodyLimit({ maxSize: 1_000_000 }), async (c) => {
    const handle = webhooks.get(c.req.path);
    return handle ? handle(c.req.raw) : c.notFound();
  });
  opts.mount?.(app);
  app.notFound((c) => (isApi(c) ? jsonError(c, 404, 'not_found', '没有这个接口，请查看 /api/v1/openapi.json。') : c.text('页面不存在。', 404)));
  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status < 500) {
      return isApi(c) ? jsonError(c, err.status as 400, 'bad_request', err.message || '请求有误。') : c.text(err.message || '请求有误。', err.status);
    }
    opts.logger.error({ err, path: c.req.path }, 'http request failed');
    return isApi(c) ? jsonError(c, 500, 'internal', '服务暂时出了点问题，请稍后再试。') : c.text('服务暂时出了点问题，请稍后再试。', 500);
  });
  return {
    app,
    markReady() {
      ready = true;
    },
    setTelegramWebhook(path, handle) {
      if (path !== '/telegram') throw new Error(`webhook path must be /telegram, got ${path}`);
      webhooks.set(path, handle);
    },
  };
}
