import type { Update } from 'grammy/types';
import { localBotInfo } from '../src/bot/bot-info.js';
import { createBot } from '../src/bot/create-bot.js';
import { startHttpServer } from '../src/http/server.js';
import { printTable, rssMb } from './table.js';
import { drive, openWebChat, QUESTIONS, row, SESSIONS } from './web-chat.js';

/**
 * The web chat over loopback HTTP: 32 sessions, each a client that posts its next question as soon as
 * the last answer came back (cookie, CSRF token, JSON), against the Telegram path (the same questions
 * through `handleUpdate` in-process, 32 in flight). Bounded: 2.5 s per run, loopback only.
 */

const RUN_MS = 2_500;

export async function benchWeb(): Promise<void> {
  const chat = await openWebChat();
  try {
    const webRun = await drive((i) => chat.post(i), RUN_MS);

    // Baseline: a bare Hono echo on the same loopback with the same client, so the HTTP cost is visible.
    const { Hono } = await import('hono');
    const echoApp = new Hono();
    echoApp.post('/echo', async (c) => c.json(await c.req.json()));
    const echo = await startHttpServer(echoApp, { host: '127.0.0.1', port: 0 });
    const echoRun = await drive(async (i) => {
      const res = await fetch(`${echo.url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: QUESTIONS[i % QUESTIONS.length] }) });
      await res.text();
      return res.ok;
    }, RUN_MS);
    await echo.close();

    let messageId = 1;
    const tg = createBot(chat.deps, {
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
    }, RUN_MS);
    printTable(
      `Web chat vs Telegram path: ${SESSIONS} concurrent sessions, ${QUESTIONS.length} questions, loopback HTTP (figures under load from other processes are indicative)`,
      [
        row('bare HTTP echo (Hono, same client)', echoRun),
        row('web: POST /api/v1/messages over loopback HTTP', webRun),
        row('telegram: handleUpdate in-process (no network)', tgRun),
      ],
    );
    console.log(`Web sessions held: ${chat.held()}; RSS after the web bench: ${rssMb()} MB`);
  } finally {
    await chat.close();
  }
}
