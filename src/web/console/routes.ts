import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { BotDeps } from '../../bot/context.js';
import { closingNotice } from '../../bot/features/manager.js';
import { AppError } from '../../errors.js';
import { clientIp } from '../../http/client-ip.js';
import type { CaseStep } from '../../ratings/case-ops.js';
import { toCsv } from '../../ratings/csv.js';
import { caseDetailPage } from './case-page.js';
import { consoleViews } from './views.js';
import type { ConsoleLinks } from './links.js';
import { page } from './layout.js';
import type { ConsoleSession, ConsoleSessions } from './sessions.js';
import { SESSION_HOURS } from './sessions.js';

const COOKIE = 'mz_console';

export interface ConsoleDeps {
  deps: BotDeps;
  links: ConsoleLinks;
  sessions: ConsoleSessions;
  /** Tells the person of a closed case (their chat: web or Telegram). */
  notify(chatId: number, text: string, buttons: { text: string; callback_data: string }[][]): Promise<void>;
  secureCookies: boolean;
}

type Env = { Variables: { session: ConsoleSession } };

/**
 * The managers' console under /console: sign-in by a one-time link from /console in the bot, then a
 * session cookie (HttpOnly, SameSite=Strict, 8 hours). Posts carry the session's CSRF token.
 */
export function mountConsole(app: Hono, cd: ConsoleDeps): void {
  const { deps } = cd;
  const log = deps.logger.child({ module: 'console' });
  const con = app as unknown as Hono<Env>;

  app.get('/console/login', async (c) => {
    const result = await cd.links.redeem(c.req.query('t') ?? '');
    if (!result.ok) {
      log.warn({ reason: result.reason, ip: clientIp(c, deps.config.WEB_TRUST_PROXY) }, 'console sign-in link refused');
      const why = { expired: '链接已过期', used: '链接已经用过了', altered: '链接不完整或被改动过', malformed: '链接不完整', unknown: '链接已失效（服务重启过）' }[result.reason];
      return c.html(html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>无法登录</title><link rel="stylesheet" href="/assets/console.css"></head>
<body><main id="main"><h1>无法登录</h1><p>${why}。登录链接 10 分钟内有效，只能用一次。</p><p>请在机器人里重新发送 <code>/console</code> 获取新链接。</p></main></body></html>`, 403);
    }
    const { id } = await cd.sessions.open(result.admin);
    setCookie(c, COOKIE, id, { httpOnly: true, sameSite: 'Strict', secure: cd.secureCookies, path: '/console', maxAge: SESSION_HOURS * 3600 });
    log.info({ adminId: result.admin.id }, 'console sign-in');
    return c.redirect('/console/', 303);
  });

  con.use('/console/*', bodyLimit({ maxSize: 16_384 }));
  con.use('/console/*', async (c, next) => {
    const session = await cd.sessions.get(getCookie(c, COOKIE));
    if (!session) {
      return c.html(html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>请先登录</title><link rel="stylesheet" href="/assets/console.css"></head>
<body><main id="main"><h1>请先登录</h1><p>请在机器人里发送 <code>/console</code>，点收到的链接登录（仅限管理员）。</p></main></body></html>`, 401);
    }
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody();
      const origin = c.req.header('origin');
      if (form.csrf !== session.csrf || (origin !== undefined && hostOf(origin) !== c.req.header('host'))) {
        log.warn({ adminId: session.admin.id }, 'console post without a valid CSRF token refused');
        return c.text('页面已过期，请返回刷新后再试。', 403);
      }
    }
    c.set('session', session);
    return next();
  });
  app.get('/console', (c, next) => (c.req.path === '/console' ? c.redirect('/console/') : next()));

  const views = consoleViews(deps);

  for (const [name, build] of Object.entries(views)) {
    con.get(`/console/${name}`, async (c) => {
      const view = await build(c);
      const query = new URL(c.req.url).search;
      const csv = (table: string): string => `/console/csv/${name || 'record'}/${table}${query}`;
      return c.html(page({ title: view.title, path: `/console/${name}`, admin: c.get('session').admin.name, csrf: c.get('session').csrf, body: view.body(csv) }));
    });
    con.get(`/console/csv/${name || 'record'}/:table`, async (c) => {
      const view = await build(c);
      const t = view.tables.find((x) => x.name === c.req.param('table'));
      if (!t) return c.text('没有这个表。', 404);
      c.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${t.caption.replace(/[（(].*$/, '')}-${t.name}.csv`)}`);
      return c.body(toCsv([t.headers, ...t.rows]), 200, { 'content-type': 'text/csv; charset=utf-8' });
    });
  }

  con.get('/console/cases/:id', (c) => {
    const found = deps.ratings.getCase(Number(c.req.param('id')));
    if (!found) return c.text('没有这个案件。', 404);
    const s = c.get('session');
    return c.html(page({ title: `案件 #${found.id}`, path: '/console/cases', admin: s.admin.name, csrf: s.csrf, body: caseDetailPage(deps, found, s.csrf, c.req.query('error')) }));
  });

  con.post('/console/cases/:id', async (c) => {
    const id = Number(c.req.param('id'));
    const form = await c.req.parseBody();
    const admin = c.get('session').admin;
    const action = String(form.action ?? '');
    try {
      if (action === 'take') await deps.ratings.takeCase(id, admin);
      else if (action === 'contacted' || action === 'rectified' || action === 'closed') {
        const updated = await deps.ratings.advanceCase(id, action as CaseStep, admin, String(form.note ?? '').slice(0, 2000));
        if (action === 'closed') {
          const notice = closingNotice(updated);
          await cd.notify(updated.chatId, notice.text, notice.keyboard.inline_keyboard as { text: string; callback_data: string }[][]).catch((err: unknown) =>
            log.warn({ err, caseId: id }, 'could not send the closing notice'),
          );
        }
      } else return c.text('未知操作。', 400);
      log.info({ caseId: id, action, adminId: admin.id }, 'case moved on from the console');
      return c.redirect(`/console/cases/${id}`, 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return c.redirect(`/console/cases/${id}?error=${encodeURIComponent(error.message)}`, 303);
    }
  });

  con.post('/console/logout', async (c) => {
    await cd.sessions.close(getCookie(c, COOKIE));
    deleteCookie(c, COOKIE, { path: '/console' });
    return c.html(html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>已退出</title><link rel="stylesheet" href="/assets/console.css"></head><body><main id="main"><h1>已退出管理台</h1></main></body></html>`);
  });
}

/** The host of an Origin header, or undefined for `null` and anything unparsable (then refused). */
function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
