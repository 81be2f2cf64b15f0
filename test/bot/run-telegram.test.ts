import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runTelegram, type TelegramHandle } from '../../src/bot/run-telegram.js';
import { createHttpApp } from '../../src/http/app.js';
import { startHttpServer, type RunningServer } from '../../src/http/server.js';
import { createSilentLogger } from '../../src/logger.js';
import { USER, createTestBot, type TestBot } from './helpers.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('webhook mode', () => {
  let t: TestBot | undefined;
  let handle: TelegramHandle | undefined;
  let server: RunningServer | undefined;
  /** The bot on the process's one HTTP server, as main.ts wires it. */
  const start = async (bot: TestBot, port: number): Promise<TelegramHandle> => {
    const http = createHttpApp({ logger: createSilentLogger() });
    server = await startHttpServer(http.app, { host: '127.0.0.1', port });
    // Not ready while the bot is still starting: a load balancer must not send it updates yet.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(503);
    const running = await runTelegram(bot.bot, bot.deps.config, createSilentLogger(), http);
    http.markReady();
    return running;
  };
  afterEach(async () => {
    await handle?.stop();
    await server?.close();
    await t?.close();
  });

  it('sets the webhook with its secret, answers updates posted to it, and refuses a wrong secret', async () => {
    const port = await freePort();
    t = await createTestBot({
      env: { WEBHOOK_URL: 'https://bot.example.gov.cn/', WEBHOOK_SECRET: 's3cret', HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1' },
    });
    handle = await start(t, port);
    const setWebhook = t.calls.find((c) => c.method === 'setWebhook');
    expect(setWebhook?.payload).toMatchObject({ url: 'https://bot.example.gov.cn/telegram', secret_token: 's3cret' });

    const update = {
      update_id: 1,
      message: { message_id: 1, date: 0, chat: { id: USER.id, type: 'private' }, from: USER, text: '结婚登记要带什么' },
    };
    const post = (secret: string) =>
      fetch(`http://127.0.0.1:${port}/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body: JSON.stringify(update),
      });
    expect((await post('wrong')).status).toBe(401);
    expect(t.texts()).toHaveLength(0);
    expect((await post('s3cret')).status).toBe(200);
    expect(t.texts().join('\n')).toContain('结婚登记');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it('starts even when setMyCommands fails', async () => {
    const port = await freePort();
    t = await createTestBot({ env: { WEBHOOK_URL: 'https://bot.example.gov.cn', HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1' } });
    let refused = 0;
    t.bot.api.config.use(async (prev, method, payload, signal) => {
      if (method === 'setMyCommands') {
        refused++;
        throw new Error('method not supported by this Bot API server');
      }
      return prev(method, payload, signal);
    });
    handle = await start(t, port);
    expect(refused).toBe(1);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });
});
