import { afterEach, describe, expect, it } from 'vitest';
import type { WebMessage } from '../../../src/web/messages.js';
import { createTestDatabase, hasPostgres } from '../../support/postgres.js';
import { cookieFrom, createWebTest, type WebTest } from '../../web/helpers.js';

interface Reply {
  messages: WebMessage[];
  rev: number;
  csrfToken?: string;
}

const opened: WebTest[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close();
});

async function instance(url: string, env: Record<string, string> = {}): Promise<WebTest> {
  const t = await createWebTest({ env: { STORAGE: 'postgres', DATABASE_URL: url, ...env } });
  opened.push(t);
  return t;
}

/** Posts as the browser does (cookie, CSRF token, JSON) to whichever instance the balancer picked. */
async function post(t: WebTest, cookie: string, csrf: string, path: string, body: unknown): Promise<Response> {
  return t.request(path, { method: 'POST', cookie, headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) });
}

describe.skipIf(!hasPostgres)('two web apps on one PostgreSQL database', () => {
  it('shows a message sent through instance A when polling instance B, and lets B press its buttons', async () => {
    const url = await createTestDatabase('webchat');
    const [a, b] = [await instance(url), await instance(url)];
    const start = await a.request('/api/v1/session');
    const cookie = cookieFrom(start);
    const session = (await start.json()) as Reply;
    const csrf = session.csrfToken ?? '';

    const sent = await post(a, cookie, csrf, '/api/v1/messages', { text: '结婚登记要带什么材料', since: session.rev });
    expect(sent.status).toBe(200);
    const reply = (await sent.json()) as Reply;
    const polled = (await (await b.request(`/api/v1/messages?since=${session.rev}`, { cookie })).json()) as Reply;
    expect(polled.rev).toBe(reply.rev);
    expect(polled.messages.map((m) => m.id)).toEqual(reply.messages.map((m) => m.id));
    expect(polled.messages.some((m) => m.from === 'user' && m.html.includes('结婚登记'))).toBe(true);

    // A reload on B shows the conversation, not a new greeting.
    const reload = (await (await b.request('/api/v1/session', { cookie })).json()) as Reply;
    expect(reload.rev).toBe(reply.rev);

    // A button of the card A sent works when the press reaches B.
    const card = reply.messages.find((m) => m.buttons.flat().some((x) => x.data?.startsWith('rt:')));
    const rate = card?.buttons.flat().find((x) => x.data?.startsWith('rt:'));
    const pressed = await post(b, cookie, csrf, '/api/v1/presses', { messageId: card?.id ?? 0, data: rate?.data ?? '', since: reply.rev });
    expect(pressed.status).toBe(200);
    expect(((await pressed.json()) as Reply).rev).toBeGreaterThan(reply.rev);

    // A closing notice sent by A (as from its console) appears in B's poll.
    const chatId = Number(/mz_chat=(\d+)/.exec(cookie)?.[1]);
    const before = ((await (await b.request('/api/v1/messages?since=0', { cookie })).json()) as Reply).rev;
    await a.web.bridge.deliver(chatId, { text: '您好！您反映的问题已处理完毕', buttons: [] });
    const notice = (await (await b.request(`/api/v1/messages?since=${before}`, { cookie })).json()) as Reply;
    expect(notice.messages.map((m) => m.html)).toEqual(['您好！您反映的问题已处理完毕']);
  });

  it('counts the per-session limit over both instances', async () => {
    const url = await createTestDatabase('webchat');
    const env = { WEB_RATE_LIMIT_PER_SESSION: '3' };
    const [a, b] = [await instance(url, env), await instance(url, env)];
    const start = await a.request('/api/v1/session');
    const cookie = cookieFrom(start);
    const csrf = ((await start.json()) as Reply).csrfToken ?? '';
    // The counts are per clock minute: keep the four posts inside one.
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 3_000) await new Promise((r) => setTimeout(r, left + 50));
    const statuses: number[] = [];
    for (const t of [a, b, a, b]) statuses.push((await post(t, cookie, csrf, '/api/v1/messages', { text: '你好' })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
