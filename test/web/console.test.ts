import type { Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/create-bot.js';
import { localBotInfo } from '../../src/bot/bot-info.js';
import { WEB_ID_MIN } from '../../src/ratings/channel.js';
import { ADMIN, cookieFrom, createMemoryLogger, createWebTest, type WebTest } from './helpers.js';

let t: WebTest | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Sends a private message to a bot over the test's deps and returns the texts it replied. */
async function sendAs(test: WebTest, from: { id: number; name: string }, text: string): Promise<string[]> {
  const texts: string[] = [];
  const bot = createBot(test.deps, {
    botInfo: localBotInfo('minzheng_console_test'),
    transformers: [
      async (_prev, method, payload) => {
        if (method === 'sendMessage') texts.push(String((payload as { text?: string }).text));
        return { ok: true, result: { message_id: 1, date: 0, chat: { id: from.id, type: 'private' } } } as never;
      },
    ],
  });
  await bot.handleUpdate({
    update_id: 1,
    message: {
      message_id: 1, date: 0, chat: { id: from.id, type: 'private', first_name: from.name },
      from: { id: from.id, is_bot: false, first_name: from.name }, text, entities: [{ type: 'bot_command', offset: 0, length: text.length }],
    },
  } as Update);
  return texts;
}

async function signIn(test: WebTest): Promise<string> {
  const [reply] = await sendAs(test, ADMIN, '/console');
  const url = /http:\/\/localhost:8080(\/console\/login\?t=\S+)/.exec(reply ?? '')?.[1];
  if (!url) throw new Error(`no link in ${reply}`);
  const res = await test.request(url);
  expect(res.status).toBe(303);
  return cookieFrom(res);
}

const csrfOf = (page: string): string => /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

/** Three rated answers (非常满意, 满意, 非常不满意) and one complaint with a phone number in it. */
async function seed(test: WebTest): Promise<void> {
  const r = test.deps.ratings;
  for (const [level, chatId] of [[5, 1001], [4, WEB_ID_MIN + 7], [1, 1002]] as const) {
    const { id } = await r.recordAnswer({ chatId, userId: chatId, intent: 'marriage.reissue-certificate', kind: 'card', question: '结婚证丢了' });
    await r.rate({ answerId: id, userId: chatId, level });
  }
  await r.openComplaint({ chatId: WEB_ID_MIN + 9, userId: WEB_ID_MIN + 9, text: '窗口态度差，我的电话13812345678，请回电' });
}

describe('the managers console', () => {
  it('gives an admin a one-time link by /console and nobody else', async () => {
    t = await createWebTest();
    const [reply] = await sendAs(t, ADMIN, '/console');
    expect(reply).toMatch(/只能用一次/);
    const citizen = await sendAs(t, { id: 1001, name: '张三' }, '/console');
    expect(citizen.join('\n')).not.toContain('/console/login');
  });

  it('opens an HttpOnly, SameSite=Strict, expiring session from the link, once', async () => {
    const { logger, lines } = createMemoryLogger();
    t = await createWebTest({ logger });
    const [reply] = await sendAs(t, ADMIN, '/console');
    const path = /(\/console\/login\?t=\S+)/.exec(reply ?? '')?.[1] ?? '';
    const first = await t.request(path);
    expect(first.status).toBe(303);
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Max-Age=28800/);
    const again = await t.request(path);
    expect(again.status).toBe(403);
    expect(await again.text()).toContain('用过');
    const altered = await t.request(path.replace(/t=(.)/, (_m, ch: string) => `t=${ch === 'e' ? 'f' : 'e'}`));
    expect(altered.status).toBe(403);
    const refusals = lines.filter((l) => l.msg === 'console sign-in link refused').map((l) => l.reason);
    expect(refusals).toEqual(['used', 'altered']);
  });

  it('refuses a link after ten minutes', async () => {
    let now = new Date('2026-09-15T02:00:00Z');
    t = await createWebTest({ now: () => now });
    const [reply] = await sendAs(t, ADMIN, '/console');
    const path = /(\/console\/login\?t=\S+)/.exec(reply ?? '')?.[1] ?? '';
    now = new Date(now.getTime() + 10 * 60_000 + 1000);
    const res = await t.request(path);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('过期');
  });

  it('shows nothing without a session', async () => {
    t = await createWebTest();
    const res = await t.request('/console/');
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('/console');
  });

  it('shows the figures the seeded ratings imply, and masks personal data', async () => {
    t = await createWebTest();
    await seed(t);
    const cookie = await signIn(t);
    const record = await (await t.request('/console/', { cookie })).text();
    expect(record).toMatch(/满意率<\/dt><dd>66\.7%/);
    expect(record).toMatch(/差评<\/dt><dd>1</);
    expect(record).toMatch(/投诉<\/dt><dd>1</);
    expect(record).toContain('id="trend-data"');
    const channels = await (await t.request('/console/channels', { cookie })).text();
    expect(channels).toMatch(/<td>网页<\/td><td>1<\/td><td>1<\/td><td>100\.0%<\/td><td>0<\/td><td>1<\/td><td>1<\/td>/);
    const cases = await (await t.request('/console/cases?status=all', { cookie })).text();
    expect(cases).toContain('/console/cases/2');
    const complaint = await (await t.request('/console/cases/2', { cookie })).text();
    expect(complaint).toContain('138****5678');
    expect(complaint).not.toContain('13812345678');
  });

  it('sorts items on any column and serves every table as CSV', async () => {
    t = await createWebTest();
    await seed(t);
    const cookie = await signIn(t);
    const items = await (await t.request('/console/items?sort=0&dir=asc', { cookie })).text();
    expect(items).toContain('aria-sort="ascending"');
    expect(items).toContain('补领婚姻登记证');
    const csv = await t.request('/console/csv/items/items?sort=4', { cookie });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('"事项","咨询量","评价数","满意率","差评"');
    for (const path of ['/console/csv/record/levels', '/console/csv/record/trend', '/console/csv/cases/cases?status=all', '/console/csv/unanswered/gaps', '/console/csv/reminders/reminders', '/console/csv/channels/channels']) {
      expect((await t.request(path, { cookie })).status, path).toBe(200);
    }
  });

  it('moves a case on with the same steps as the chat, and tells the web citizen when closed', async () => {
    t = await createWebTest();
    await seed(t);
    const cookie = await signIn(t);
    const page = await (await t.request('/console/cases/2', { cookie })).text();
    const csrf = csrfOf(page);
    const post = (body: Record<string, string>) =>
      t?.request('/console/cases/2', { method: 'POST', cookie, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() });
    expect((await post({ action: 'take' }))?.status).toBe(403);
    expect((await post({ action: 'take', csrf }))?.status).toBe(303);
    const early = await post({ action: 'closed', csrf, note: '想直接办结' });
    expect(decodeURIComponent(early?.headers.get('location') ?? '')).toContain('不能直接办结');
    for (const [action, note] of [['contacted', '已电话联系当事人'], ['rectified', '已提醒窗口注意服务态度'], ['closed', '已核实并整改，感谢监督']]) {
      expect((await post({ action: action ?? '', csrf, note: note ?? '' }))?.status).toBe(303);
    }
    const c = t.deps.ratings.getCase(2);
    expect(c?.status).toBe('closed');
    expect(c?.assignee?.name).toBe(ADMIN.name);
    const notice = (await t.web.bridge.history(WEB_ID_MIN + 9)).messages.at(-1);
    expect(notice?.html).toContain('已核实并整改');
    expect(notice?.buttons.flat().some((b) => b.data?.startsWith('rr:2:'))).toBe(true);
  });
});
