/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localBotInfo } from '../../src/bot/bot-info.js';
import { createBot } from '../../src/bot/create-bot.js';
import { startHttpServer, type RunningServer } from '../../src/http/server.js';
import { ADMIN, createWebTest, type WebTest } from './helpers.js';

/** Real headless Chromium (Debian's package) against the real server on loopback. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join('test-output', 'web');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let t: WebTest;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH)`);
  await mkdir(SHOTS, { recursive: true });
  t = await createWebTest({ env: { WEB_PUBLIC_URL: 'http://127.0.0.1:1' } });
  // Two earlier ratings (非常满意, 满意) from Telegram: with the citizen's 差评 below, 3 rated, 66.7% satisfied.
  for (const level of [5, 4] as const) {
    const { id } = await t.deps.ratings.recordAnswer({ chatId: 1001, userId: 1001, intent: 'marriage.register', kind: 'card', question: '结婚登记' });
    await t.deps.ratings.rate({ answerId: id, userId: 1001, level });
  }
  server = await startHttpServer(t.http.app, { host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

/** The last bot message's buttons, by visible text. */
const lastBot = (scope: Page | Frame) => scope.locator('li.msg.bot').last();

async function ask(scope: Page | Frame, text: string): Promise<void> {
  const before = await scope.locator('li.msg.bot').count();
  await scope.getByLabel('输入您要咨询的问题').fill(text);
  await scope.getByLabel('输入您要咨询的问题').press('Enter');
  await expect.poll(() => scope.locator('li.msg.bot').count(), { timeout: 15_000 }).toBeGreaterThan(before);
}

describe('in a real browser', () => {
  it('a citizen asks, picks, rates 差评 with two reasons; a manager signs in, sees it and moves the case on', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
    await page.goto(`${server.url}/chat`);
    await expect.poll(() => page.locator('li.msg.bot').first().textContent()).toContain('欢迎');

    await ask(page, '办变更要啥材料');
    const picks = lastBot(page).getByRole('button');
    expect(await picks.count()).toBeGreaterThanOrEqual(2);
    await picks.first().click();
    await expect.poll(() => lastBot(page).textContent(), { timeout: 15_000 }).toContain('带什么');
    const card = page.locator('li.msg.bot', { hasText: '带什么' }).last();
    await page.screenshot({ path: join(SHOTS, '1-card.png'), fullPage: false });

    // The interactive checklist: open it from the card, tick two materials; the message then counts them.
    await card.getByRole('button', { name: /材料清单/ }).click();
    await expect.poll(() => lastBot(page).textContent(), { timeout: 15_000 }).toContain('材料清单');
    const list = () => page.locator('li.msg.bot', { hasText: '材料清单' }).last();
    await list().getByRole('button', { name: /^☐/ }).first().click();
    await expect.poll(() => list().getByRole('button', { name: /^☑/ }).count()).toBe(1);
    await list().getByRole('button', { name: /^☐/ }).first().click();
    await expect.poll(() => list().getByRole('button', { name: /^☑/ }).count()).toBe(2);
    expect(await list().textContent()).toContain('已备好2样');
    await page.screenshot({ path: join(SHOTS, '1b-checklist.png'), fullPage: false });

    // 差评 on the card, with two reasons ticked.
    await card.getByRole('button', { name: '不满意', exact: true }).click();
    await expect.poll(() => lastBot(page).textContent()).toContain('哪里做得不好');
    await lastBot(page).getByRole('button', { name: /材料说明不清/ }).click();
    await expect.poll(() => lastBot(page).getByRole('button', { name: /☑/ }).count()).toBe(1);
    await lastBot(page).getByRole('button', { name: /答复不准确/ }).click();
    await expect.poll(() => page.locator('li.msg.bot').last().getByRole('button', { name: /☑/ }).count()).toBe(2);
    await page.screenshot({ path: join(SHOTS, '2-reasons.png') });
    await lastBot(page).getByRole('button', { name: '提交' }).click();
    await expect.poll(() => lastBot(page).textContent()).toContain('工作人员会在');
    await page.screenshot({ path: join(SHOTS, '3-thanks.png') });

    // Markup that is not the bot's subset never becomes live: no script runs, no image loads, no javascript: link.
    const chatId = Number((await page.context().cookies()).find((c) => c.name === 'mz_chat')?.value.split('.')[0]);
    const text = '<b>粗体</b><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><a href="javascript:window.__pwned=3">链接</a>';
    const unused = (() => Promise.reject(new Error('not for a web chat'))) as never;
    await t.web.bridge.routeWebChats(unused, 'sendMessage', { chat_id: chatId, text, parse_mode: 'HTML' } as never);
    await ask(page, '你好');
    const hostile = page.locator('li.msg.bot', { hasText: '链接' }).last();
    expect(await hostile.locator('b').textContent()).toBe('粗体');
    expect(await hostile.locator('img, script').count()).toBe(0);
    expect(await hostile.locator('a').getAttribute('href')).toBeNull();
    await hostile.locator('a').click();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const [kase] = t.deps.ratings.openCases();
    expect(kase).toMatchObject({ channel: 'web', reasons: ['unclear', 'wrong'] });

    // The manager: /console in the chat → a one-time link → the console.
    const link = await consoleLink();
    const con = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await con.goto(link.replace('http://127.0.0.1:1', server.url));
    await expect.poll(() => con.locator('[data-figure="satisfaction"] dd').textContent()).toBe('66.7%');
    expect(await con.locator('[data-figure="rated"] dd').textContent()).toBe('3');
    expect(await con.locator('[data-figure="bad"] dd').textContent()).toBe('1');
    await expect.poll(() => chartInk(con), { timeout: 10_000 }).toBeGreaterThan(500);
    await con.screenshot({ path: join(SHOTS, '4-console.png'), fullPage: true });

    await con.emulateMedia({ media: 'print' });
    await con.screenshot({ path: join(SHOTS, '4b-console-print.png'), fullPage: true });
    await con.emulateMedia({ media: 'screen' });
    await con.getByRole('link', { name: '事项' }).click();
    await con.getByRole('link', { name: /^差评/ }).click();
    expect(await con.locator('th[aria-sort="descending"]').textContent()).toContain('差评');
    expect(await con.locator('#t-items tbody tr').first().locator('td').first().textContent()).toBe(kase ? (t.deps.catalog.get(kase.intent ?? '')?.name ?? '') : '');
    await con.screenshot({ path: join(SHOTS, '4c-items.png'), fullPage: true });

    await con.getByRole('link', { name: '案件' }).click();
    await con.getByRole('link', { name: String(kase?.id) }).click();
    await con.getByRole('button', { name: '认领' }).click();
    await con.getByLabel(/回访情况/).fill('已电话联系当事人，解释了变更登记需要的材料');
    await con.getByRole('button', { name: '记录回访' }).click();
    await expect.poll(() => con.locator('dl.case').getAttribute('data-status')).toBe('contacted');
    await con.screenshot({ path: join(SHOTS, '5-case.png'), fullPage: true });
    expect(t.deps.ratings.getCase(kase?.id ?? 0)?.status).toBe('contacted');
    await page.close();
    await con.close();
  }, 120_000);

  it('the embedded widget works at 375 px', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/chat/demo`);
    await page.getByRole('button', { name: '民政咨询' }).click();
    const launcher = page.locator('button[aria-controls="minzheng-chat-frame"]');
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    const frameEl = page.locator('iframe[title="民政服务助手在线咨询"]');
    const box = await frameEl.boundingBox();
    expect(box?.width).toBe(375);
    const frame = page.frameLocator('iframe[title="民政服务助手在线咨询"]');
    await expect.poll(() => frame.locator('li.msg.bot').first().textContent(), { timeout: 15_000 }).toContain('欢迎');
    const inner = (await frameEl.elementHandle())?.contentFrame();
    const f = await inner;
    if (!f) throw new Error('no frame');
    await ask(f, '结婚登记要带什么');
    await expect.poll(() => lastBot(f).textContent()).toContain('结婚登记');
    expect(await f.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // Keyboard only: a focused button is pressed with Enter, and focus stays on something useful.
    const before = await f.locator('li.msg.bot').count();
    await lastBot(f).getByRole('button', { name: /办理流程/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => f.locator('li.msg.bot').count()).toBeGreaterThan(before);
    expect(await f.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');

    // Contrast of the text people read (WCAG AA: 4.5:1).
    for (const selector of ['.bar h1', '.bot .bubble', '.user .bubble', '.btn', '#send', '.privacy']) {
      expect(await f.evaluate(contrastOf, selector), selector).toBeGreaterThanOrEqual(4.5);
    }
    await page.screenshot({ path: join(SHOTS, '6-widget-375.png') });
    await context.close();
  }, 90_000);
});

/** What /console in the chat answers the admin: the link. */
async function consoleLink(): Promise<string> {
  let text = '';
  const bot = createBot(t.deps, {
    botInfo: localBotInfo('minzheng_e2e'),
    transformers: [
      async (_prev, method, payload) => {
        if (method === 'sendMessage') text = String((payload as { text?: string }).text);
        return { ok: true, result: { message_id: 1, date: 0, chat: { id: ADMIN.id, type: 'private' } } } as never;
      },
    ],
  });
  await bot.handleUpdate({
    update_id: 1,
    message: {
      message_id: 1, date: 0, chat: { id: ADMIN.id, type: 'private', first_name: ADMIN.name },
      from: { id: ADMIN.id, is_bot: false, first_name: ADMIN.name }, text: '/console', entities: [{ type: 'bot_command', offset: 0, length: 8 }],
    },
  } as Update);
  const url = /(http\S+\/console\/login\?t=\S+)/.exec(text)?.[1];
  if (!url) throw new Error(`no link in: ${text}`);
  return url;
}

/** Painted pixels in the trend chart's canvas: 0 means nothing was drawn. */
function chartInk(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector('#trend-chart canvas') as HTMLCanvasElement | null;
    if (!canvas) return 0;
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 3; data && i < data.length; i += 4) if ((data[i] ?? 0) > 0) ink++;
    return ink;
  });
}

/** WCAG contrast ratio of an element's text against the first opaque background behind it (runs in the page). */
function contrastOf(selector: string): number {
  const el = document.querySelector(selector);
  if (!el) return 0;
  const rgb = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).map(Number);
  const lum = (c: number[]): number => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      const x = v / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  };
  let bg: number[] = [255, 255, 255];
  for (let n: Element | null = el; n; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (c.length === 3 || (c[3] ?? 0) > 0) {
      bg = c;
      break;
    }
  }
  const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(bg)].sort((x, y) => y - x);
  return ((a ?? 0) + 0.05) / ((b ?? 0) + 0.05);
}
