import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WEB_ID_MIN, channelOfChat } from '../../src/ratings/channel.js';
import type { WebButton, WebMessage } from '../../src/web/messages.js';
import { cookieFrom, createWebTest, type WebTest } from './helpers.js';

interface Reply {
  messages: WebMessage[];
  toasts: { text: string; alert: boolean }[];
  rev: number;
  csrfToken?: string;
  error?: { code: string; message: string };
}

let t: WebTest;
beforeEach(async () => {
  t = await createWebTest();
});
afterEach(async () => {
  await t.close();
});

/** A browser-like client: keeps the cookie, the CSRF token and the revision. */
async function client(test: WebTest) {
  const res = await test.request('/api/v1/session');
  const cookie = cookieFrom(res);
  const session = (await res.json()) as Reply;
  let rev = session.rev;
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Reply }> => {
    const r = await test.request(path, {
      method: 'POST', cookie,
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken ?? '', ...headers },
      body: JSON.stringify(body),
    });
    const json = (await r.json()) as Reply;
    if (r.ok) rev = json.rev;
    return { status: r.status, body: json };
  };
  return {
    cookie, session,
    say: (text: string) => post('/api/v1/messages', { text, since: rev }),
    press: (messageId: number, data: string) => post('/api/v1/presses', { messageId, data, since: rev }),
    post,
  };
}

const buttons = (messages: WebMessage[]): (WebButton & { messageId: number })[] =>
  messages.flatMap((m) => m.buttons.flat().map((b) => ({ ...b, messageId: m.id })));

describe('the web chat API', () => {
  it('starts an anonymous session with an HttpOnly cookie holding a web-range id, and greets', async () => {
    const res = await t.request('/api/v1/session');
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const id = Number(/mz_chat=(\d+)\./.exec(setCookie)?.[1]);
    expect(id).toBeGreaterThanOrEqual(WEB_ID_MIN);
    expect(channelOfChat(id)).toBe('web');
    const body = (await res.json()) as Reply;
    expect(body.csrfToken).toBeTruthy();
    expect(body.messages[0]?.html).toContain('欢迎');
  });

  it('answers a question with the same card as Telegram, buttons included', async () => {
    const c = await client(t);
    const { status, body } = await c.say('结婚登记要带什么');
    expect(status).toBe(200);
    const card = body.messages.find((m) => m.from === 'bot');
    expect(card?.html).toContain('<b>结婚登记</b>');
    expect(buttons(body.messages).some((b) => b.text === '非常不满意')).toBe(true);
  });

  it('asks back, takes the pick, records a 差评 with two ticked reasons as a web case', async () => {
    const c = await client(t);
    const asked = await c.say('办变更要啥材料');
    const pick = buttons(asked.body.messages).find((b) => b.data?.startsWith('pick:'));
    expect(pick).toBeDefined();
    const card = await c.press(pick?.messageId ?? 0, pick?.data ?? '');
    expect(card.status).toBe(200);
    const bad = buttons(card.body.messages).find((b) => b.text === '不满意');
    const rated = await c.press(bad?.messageId ?? 0, bad?.data ?? '');
    expect(rated.body.toasts[0]?.text).toContain('已记录');
    const reasons = buttons(rated.body.messages).filter((b) => b.data?.startsWith('rsn:'));
    const [first, second] = reasons;
    await c.press(first?.messageId ?? 0, first?.data ?? '');
    const ticked = await c.press(second?.messageId ?? 0, second?.data ?? '');
    expect(buttons(ticked.body.messages).filter((b) => b.text.startsWith('☑'))).toHaveLength(2);
    const submit = buttons(ticked.body.messages).find((b) => b.text === '提交');
    const done = await c.press(submit?.messageId ?? 0, submit?.data ?? '');
    expect(done.body.messages.at(-1)?.html).toContain('工作人员会在');
    const [kase] = t.deps.ratings.openCases();
    expect(kase?.channel).toBe('web');
    expect(kase?.reasons).toHaveLength(2);
  });

  it('records unanswered questions from the web with their channel', async () => {
    const c = await client(t);
    await c.say('公积金怎么提取');
    const entries = [];
    for await (const e of t.deps.unanswered.entries()) entries.push(e);
    expect(entries.at(-1)).toMatchObject({ kind: 'out-of-scope', channel: 'web' });
  });

  it('refuses a post without the CSRF token, from another origin, or not in JSON', async () => {
    const c = await client(t);
    expect((await c.post('/api/v1/messages', { text: '你好' }, { 'x-csrf-token': 'forged' })).body.error?.code).toBe('bad_csrf');
    const cross = await c.post('/api/v1/messages', { text: '你好' }, { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect(cross.body.error?.code).toBe('bad_origin');
    const form = await t.request('/api/v1/messages', {
      method: 'POST', cookie: c.cookie, headers: { 'content-type': 'text/plain', 'x-csrf-token': c.session.csrfToken ?? '' }, body: 'text=hi',
    });
    expect(form.status).toBe(415);
  });

  it('refuses forged button data and a forged or missing session', async () => {
    const c = await client(t);
    const forged = await c.press(c.session.messages[0]?.id ?? 1, 'rt:abcdefghijk:1');
    expect(forged.status).toBe(400);
    expect(forged.body.error?.code).toBe('stale_button');
    const noSession = await t.request('/api/v1/messages?since=0');
    expect(noSession.status).toBe(401);
    const tampered = await t.request('/api/v1/messages?since=0', { cookie: c.cookie.replace(/\.(.)/, (_m, ch: string) => `.${ch === 'A' ? 'B' : 'A'}`) });
    expect(tampered.status).toBe(401);
  });

  it('answers bad input with a clear JSON error and never a stack trace', async () => {
    const c = await client(t);
    const empty = await c.post('/api/v1/messages', { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error?.message).toBe('请输入要咨询的内容。');
    const extra = await c.post('/api/v1/messages', { text: 'hi', admin: true });
    expect(extra.body.error?.code).toBe('invalid');
    const notJson = await t.request('/api/v1/messages', {
      method: 'POST', cookie: c.cookie, headers: { 'content-type': 'application/json', 'x-csrf-token': c.session.csrfToken ?? '' }, body: '{"text":',
    });
    expect(((await notJson.json()) as Reply).error?.code).toBe('bad_json');
    const huge = await c.post('/api/v1/messages', { text: '啊'.repeat(3000) });
    expect(huge.status).toBe(413);
    const unknown = await t.request('/api/v1/nothing', { cookie: c.cookie });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).not.toMatch(/at .*\.ts:\d+/);
  });

  it('limits posts per session per minute', async () => {
    await t.close();
    t = await createWebTest({ env: { WEB_RATE_LIMIT_PER_SESSION: '3' } });
    const c = await client(t);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await c.say('你好')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('limits requests per IP, sessions included', async () => {
    await t.close();
    t = await createWebTest({ env: { WEB_RATE_LIMIT_PER_IP: '2' } });
    expect((await t.request('/api/v1/session')).status).toBe(200);
    expect((await t.request('/api/v1/session')).status).toBe(200);
    const third = await t.request('/api/v1/session');
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBeTruthy();
  });

  it('serves pages with a strict CSP, the chat page frameable only where configured', async () => {
    const page = await t.request('/chat');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const api = await t.request('/api/v1/openapi.json');
    expect(((await api.json()) as { openapi: string }).openapi).toBe('3.1.0');
    expect((await t.request('/healthz')).status).toBe(200);
  });

  it('delivers a closing notice from outside the conversation into the web session', async () => {
    const c = await client(t);
    const chatId = Number(/mz_chat=(\d+)/.exec(c.cookie)?.[1]);
    await t.web.bridge.deliver(chatId, { text: '您好！您反映的问题已处理完毕', buttons: [[{ text: '满意', data: 'rr:1:4' }]] });
    const res = await t.request(`/api/v1/messages?since=${c.session.rev}`, { cookie: c.cookie });
    const body = (await res.json()) as Reply;
    expect(body.messages.map((m) => m.html)).toContain('您好！您反映的问题已处理完毕');
  });
});
