import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Config } from '../config.js';
import { jsonError } from '../http/app.js';
import { clientIp } from '../http/client-ip.js';
import { localRateLimiters, type RateLimiterFactory } from '../http/rate-limit.js';
import { contentSecurityPolicy, frameAncestors } from '../http/security.js';
import type { Logger } from '../logger.js';
import { channelOfChat } from '../ratings/channel.js';
import { WebInputError, type WebBridge } from './bridge.js';
import type { WebIdAllocator } from './session-ids.js';
import type { Signer } from './signing.js';

const COOKIE = 'mz_chat';
const MAX_TEXT = 1000;

const MessageBody = z.strictObject({
  text: z.string().trim().min(1, '请输入要咨询的内容。').max(MAX_TEXT, `一次最多 ${MAX_TEXT} 个字，请分几句发送。`),
  since: z.number().int().min(0).optional(),
});
const PressBody = z.strictObject({
  messageId: z.number().int().positive(),
  data: z.string().min(1).max(64),
  since: z.number().int().min(0).optional(),
});

export interface ChatRouteDeps {
  config: Config;
  logger: Logger;
  bridge: WebBridge;
  ids: WebIdAllocator;
  signer: Signer;
  chatPage: string;
  openapi: string;
  /** Where the per-IP and per-session counts live; without, in this process's memory. */
  rateLimiters?: RateLimiterFactory;
}

type Env = { Variables: { chatId: number } };

/**
 * The citizen's web chat: the page and the JSON API under /api/v1 (see web/openapi.json). The
 * session is an HttpOnly cookie holding a signed synthetic chat id; posts need the CSRF token the
 * session call returned, a JSON body under 4 kB, and stay within the per-session and per-IP limits.
 */
export function mountChat(app: Hono, deps: ChatRouteDeps): void {
  const { config, bridge, signer } = deps;
  const api = app as unknown as Hono<Env>;
  const secure = config.WEB_PUBLIC_URL?.startsWith('https://') ?? false;
  // Behind a proxy under a path (https://portal/minzheng-bot/), the browser sees the API there.
  const cookiePath = `${config.WEB_PUBLIC_URL ? new URL(config.WEB_PUBLIC_URL).pathname.replace(/\/+$/, '') : ''}/api/v1`;
  const limiters = deps.rateLimiters ?? localRateLimiters;
  const perIp = limiters('web-ip', config.WEB_RATE_LIMIT_PER_IP);
  const perSession = limiters('web-session', config.WEB_RATE_LIMIT_PER_SESSION);
  const log = deps.logger.child({ module: 'web-chat' });

  const chatPageCsp = contentSecurityPolicy(frameAncestors(config.WEB_FRAME_ANCESTORS));
  app.get('/', (c) => c.redirect('/chat'));
  app.get('/chat', (c) => {
    c.header('content-security-policy', chatPageCsp);
    return c.html(deps.chatPage);
  });

  // How a portal page embeds the widget: one script tag (also the browser tests' host page).
  const demoCsp = contentSecurityPolicy("'none'", ["frame-src 'self'"]);
  app.get('/chat/demo', (c) =>
    c.html(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>嵌入示例</title></head><body><main><h1>政务服务网（嵌入示例）</h1>
<p>门户页面只需加一行：<code>&lt;script src="/assets/widget.js" defer&gt;&lt;/script&gt;</code></p></main>
<script src="/assets/widget.js" defer></script></body></html>`, 200, { 'content-security-policy': demoCsp }),
  );

  const sessionOf = (c: Context): number | undefined => {
    const m = /^(\d{16})\.([A-Za-z0-9_-]{43})$/.exec(getCookie(c, COOKIE) ?? '');
    if (!m) return undefined;
    const id = Number(m[1]);
    return channelOfChat(id) === 'web' && signer.verify('chat-session', String(id), m[2] ?? '') ? id : undefined;
  };
  const csrfOf = (chatId: number): string => signer.sign('chat-csrf', String(chatId));

  app.get('/api/v1/openapi.json', (c) => c.body(deps.openapi, 200, { 'content-type': 'application/json; charset=utf-8' }));

  api.use('/api/v1/*', bodyLimit({ maxSize: 4096, onError: (c) => jsonError(c, 413, 'too_large', '内容太长了，请分几次发送。') }));
  api.use('/api/v1/*', async (c, next) => {
    const ip = clientIp(c, config.WEB_TRUST_PROXY);
    const taken = await perIp.take(ip);
    if (!taken.allowed) {
      c.header('retry-after', String(taken.retryAfter));
      return jsonError(c, 429, 'rate_limited', '访问太频繁了，请稍等一会儿再试。');
    }
    return next();
  });

  api.get('/api/v1/session', async (c) => {
    let chatId = sessionOf(c);
    if (chatId === undefined) {
      chatId = await deps.ids.next();
      setCookie(c, COOKIE, `${chatId}.${signer.sign('chat-session', String(chatId))}`, {
        httpOnly: true, sameSite: 'Lax', secure, path: cookiePath, maxAge: 30 * 24 * 3600,
      });
      log.info({ chatId }, 'web session started');
    }
    // A new session, or one whose history is gone (expired, or dropped from memory): greet as /start does.
    const history = await bridge.history(chatId);
    const reply = history.rev > 0 ? history : await bridge.say(chatId, '/start', 0, false);
    return c.json({ csrfToken: csrfOf(chatId), ...reply });
  });

  // Everything below needs a session; posts also the CSRF token, JSON, and a same-origin Origin.
  api.use('/api/v1/*', async (c, next) => {
    const chatId = sessionOf(c);
    if (chatId === undefined) return jsonError(c, 401, 'no_session', '会话已过期，请刷新页面。');
    c.set('chatId', chatId);
    if (c.req.method === 'GET') return next();
    const taken = await perSession.take(String(chatId));
    if (!taken.allowed) {
      c.header('retry-after', String(taken.retryAfter));
      return jsonError(c, 429, 'rate_limited', '您发得有点快，请稍等一会儿再试。');
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && !sameOrigin(origin, c, config.WEB_PUBLIC_URL)) {
      log.warn({ origin }, 'cross-origin post refused');
      return jsonError(c, 403, 'bad_origin', '请求来源不符，请从咨询页面操作。');
    }
    if (c.req.header('x-csrf-token') !== csrfOf(chatId)) return jsonError(c, 403, 'bad_csrf', '页面已过期，请刷新后再试。');
    if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) return jsonError(c, 415, 'not_json', '请以 JSON 格式提交。');
    return next();
  });

  const readBody = async <T>(c: Context, schema: z.ZodType<T>): Promise<T | Response> => {
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      return jsonError(c, 400, 'bad_json', '提交的内容不是有效的 JSON。');
    }
    const parsed = schema.safeParse(json);
    return parsed.success ? parsed.data : jsonError(c, 400, 'invalid', parsed.error.issues[0]?.message ?? '提交的内容有误。');
  };

  api.post('/api/v1/messages', async (c) => {
    const body = await readBody(c, MessageBody);
    if (body instanceof Response) return body;
    return c.json(await bridge.say(c.get('chatId'), body.text, body.since ?? 0));
  });

  api.post('/api/v1/presses', async (c) => {
    const body = await readBody(c, PressBody);
    if (body instanceof Response) return body;
    try {
      return c.json(await bridge.press(c.get('chatId'), body.messageId, body.data, body.since ?? 0));
    } catch (error) {
      if (error instanceof WebInputError) return jsonError(c, 400, 'stale_button', error.message);
      throw error;
    }
  });

  api.get('/api/v1/messages', async (c) => {
    const since = Number(c.req.query('since') ?? '0');
    if (!Number.isSafeInteger(since) || since < 0) return jsonError(c, 400, 'invalid', 'since 应为非负整数。');
    return c.json(await bridge.history(c.get('chatId'), since));
  });

  api.get('/api/v1/documents/:id', async (c) => {
    const doc = await bridge.document(c.get('chatId'), c.req.param('id'));
    if (!doc) return jsonError(c, 404, 'not_found', '文件已过期，请重新生成。');
    c.header('content-type', doc.name.endsWith('.pdf') ? 'application/pdf' : doc.name.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/octet-stream');
    c.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.name)}`);
    return c.body(new Uint8Array(doc.bytes));
  });
}

/** The Origin of a post must be this server (as the browser reached it) or the configured public URL. */
function sameOrigin(origin: string, c: Context, publicUrl: string | undefined): boolean {
  try {
    const o = new URL(origin);
    if (publicUrl && o.origin === new URL(publicUrl).origin) return true;
    return o.host === c.req.header('host');
  } catch {
    return false;
  }
}
