/**
 * End-to-end harness: the REAL bot process (`node --import tsx src/main.ts`) in long polling against
 * telegram-test-api, a Bot API emulator running in the test process on a free loopback port.
 *
 *   const bot = await startE2eBot();            // emulator up, child spawned, /healthz answered
 *   await bot.send('结婚登记要带什么');           // a private text message from the default user
 *   const [card] = await bot.waitForMessages(1); // the bot's next message(s), with buttons
 *   await bot.press('pick:xyz', card.messageId);  // a callback query on a bot message
 *   const exit = await bot.stop();               // SIGTERM, await exit (SIGKILL after a grace period)
 *   await bot.dispose();                         // in afterAll/afterEach: stop if needed, remove DATA_DIR
 *
 * - `startE2eBot({ env })` adds or overrides environment variables of the child (ADMIN_IDS,
 *   MANAGER_CHAT_ID, REMINDERS_ENABLED …). The child gets a fresh env: nothing leaks in from the
 *   shell. DATA_DIR is a temp dir (`bot.dataDir`), kept until `dispose()` so a test can inspect it.
 * - `send(text, { user })`: text starting with "/" goes as a command (bot_command entity).
 *   `user` defaults to `E2E_USER`; each user has their own private chat (chat id = user id).
 * - `waitForMessages(n)` resolves with the next `n` bot messages not yet returned by an earlier wait;
 *   `waitForMessages(predicate)` with every new message up to and including the first one the
 *   predicate accepts. Both advance the cursor, so consecutive waits see consecutive messages.
 *   `messages()` lists every bot message so far (edits applied), without touching the cursor.
 * - The emulator answers only getMe, getUpdates, sendMessage, editMessageText, editMessageReplyMarkup,
 *   answerCallbackQuery, deleteMessage, setWebhook and deleteWebhook; anything else is an HTTP 500 in
 *   the child. Its getUpdates ignores `timeout`, so the polling child spins: keep e2e tests short.
 * - On a timeout or an early exit the error carries the child's exit status, its stderr and the tail
 *   of its JSON log (stdout), so a failure explains itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import type { TelegramClient } from 'telegram-test-api/lib/modules/telegramClient.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface E2eUser {
  id: number;
  firstName: string;
}

export const E2E_USER: E2eUser = { id: 1001, firstName: '张三' };
export const E2E_OTHER_USER: E2eUser = { id: 1002, firstName: '李四' };

export interface BotButton {
  text: string;
  data?: string;
  url?: string;
}

/** A message the bot sent through the emulator, as it stands now (edits applied). */
export interface BotMessage {
  messageId: number;
  chatId: number;
  text: string;
  parseMode?: string;
  /** Inline buttons, row by row flattened. */
  buttons: BotButton[];
  /** The raw reply_markup the bot sent, if any. */
  replyMarkup?: unknown;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when SIGTERM was not enough and the child had to be killed. */
  killed: boolean;
}

export interface E2eBot {
  readonly token: string;
  readonly apiRoot: string;
  readonly dataDir: string;
  readonly httpPort: number;
  readonly pid: number;
  send(text: string, options?: { user?: E2eUser }): Promise<void>;
  press(data: string, messageId: number, options?: { user?: E2eUser }): Promise<void>;
  waitForMessages(what: number | ((message: BotMessage) => boolean), timeoutMs?: number): Promise<BotMessage[]>;
  messages(): BotMessage[];
  stdout(): string;
  stderr(): string;
  /** Kills the bot process at once (SIGKILL unless told), leaving the emulator and DATA_DIR in place. */
  kill(signal?: NodeJS.Signals): Promise<ExitInfo>;
  /** Starts the bot process again on the same DATA_DIR and emulator; resolves once /healthz answers. */
  restart(): Promise<void>;
  /** SIGTERM, await the exit; SIGKILL after `graceMs`. Stops the emulator too. Idempotent. */
  stop(graceMs?: number): Promise<ExitInfo>;
  /** `stop()` if still running, then remove DATA_DIR. */
  dispose(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** The script the child runs, relative to the repository root; `src/main.ts` unless told. */
  entry?: string;
  /** How long to wait for /healthz after spawning. */
  startTimeoutMs?: number;
}

const DEFAULT_WAIT_MS = 5_000;
const POLL_MS = 20;
const OUTPUT_CAP = 2_000_000;

/** A port the OS just handed out on 127.0.0.1 (free at the time of asking). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function parseMarkup(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function buttonsOf(markup: unknown): BotButton[] {
  const rows = asRecord(markup).inline_keyboard;
  if (!Array.isArray(rows)) return [];
  return rows.flat().map((b: unknown) => {
    const r = asRecord(b);
    return {
      text: String(r.text ?? ''),
      ...(typeof r.callback_data === 'string' ? { data: r.callback_data } : {}),
      ...(typeof r.url === 'string' ? { url: r.url } : {}),
    };
  });
}

/** Reads one stored emulator update (`{ messageId, message: <sendMessage body> }`) into a BotMessage. */
function toBotMessage(stored: unknown): BotMessage {
  const s = asRecord(stored);
  const m = asRecord(s.message);
  const replyMarkup = parseMarkup(m.reply_markup);
  return {
    messageId: Number(s.messageId),
    chatId: Number(m.chat_id),
    text: String(m.text ?? ''),
    ...(typeof m.parse_mode === 'string' ? { parseMode: m.parse_mode } : {}),
    buttons: buttonsOf(replyMarkup),
    ...(replyMarkup !== undefined ? { replyMarkup } : {}),
  };
}

function tail(text: string, lines: number): string {
  return text.split('\n').slice(-lines).join('\n');
}

async function waitHealthy(port: number, child: ChildProcess, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the bot exited during start-up\n${describe()}`);
    }
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`the bot did not answer /healthz within ${timeoutMs} ms\n${describe()}`);
}

/** Starts the emulator and the real bot process; resolves once the bot answers /healthz. */
export async function startE2eBot(options: StartOptions = {}): Promise<E2eBot> {
  const token = `7000${Math.floor(Math.random() * 1e6)}:e2e-${process.pid}-${Date.now()}`;
  const apiPort = await freePort();
  const server = new TelegramServer({ port: apiPort, host: '127.0.0.1', storeTimeout: 3600 });
  await server.start();
  const apiRoot = server.config.apiURL;
  const httpPort = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'mz-e2e-'));

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    BOT_TOKEN: token,
    TELEGRAM_API_ROOT: apiRoot,
    DATA_DIR: dataDir,
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(httpPort),
    CATALOG_DIR: join(REPO_ROOT, 'data'),
    INTENTS_DIR: join(REPO_ROOT, 'intents'),
    SCOPE_MODEL_FILE: join(REPO_ROOT, 'data', 'scope-model.json'),
    ...options.env,
  };
  let out = '';
  let err = '';
  let child!: ChildProcess;
  let exited!: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  // Never leave a spinning poller behind if the test process goes away first.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const spawnChild = (): void => {
    child = spawn(process.execPath, ['--import', 'tsx', options.entry ?? 'src/main.ts'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out = (out + chunk).slice(-OUTPUT_CAP);
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      err = (err + chunk).slice(-OUTPUT_CAP);
    });
    const current = child;
    exited = new Promise((resolveExit) => {
      current.once('exit', (code, signal) => resolveExit({ code, signal }));
    });
  };
  spawnChild();

  const describe = (): string =>
    [
      `exit: code=${String(child.exitCode)} signal=${String(child.signalCode)}`,
      `stderr:\n${tail(err, 40) || '(empty)'}`,
      `stdout (last log lines):\n${tail(out, 20) || '(empty)'}`,
    ].join('\n');

  let exitInfo: ExitInfo | undefined;
  let serverStopped = false;
  const stop = async (graceMs = 8_000): Promise<ExitInfo> => {
    if (!exitInfo) {
      let killed = false;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<'timeout'>((r) => {
          timer = setTimeout(() => r('timeout'), graceMs);
        });
        const first = await Promise.race([exited, grace]);
        clearTimeout(timer);
        if (first === 'timeout') {
          killed = true;
          child.kill('SIGKILL');
        }
      }
      const { code, signal } = await exited;
      exitInfo = { code, signal, killed };
      process.removeListener('exit', killOnExit);
    }
    if (!serverStopped) {
      serverStopped = true;
      await server.stop();
    }
    return exitInfo;
  };

  try {
    await waitHealthy(httpPort, child, options.startTimeoutMs ?? 20_000, describe);
  } catch (error) {
    await stop(2_000);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  const clients = new Map<number, TelegramClient>();
  const clientFor = (user: E2eUser): TelegramClient => {
    let client = clients.get(user.id);
    if (!client) {
      client = server.getClient(token, { userId: user.id, chatId: user.id, firstName: user.firstName, type: 'private' });
      clients.set(user.id, client);
    }
    return client;
  };

  const messages = (): BotMessage[] =>
    server.storage.botMessages.filter((u) => u.botToken === token).map((u) => toBotMessage(u));
  let cursor = 0; // the highest message id already returned by a wait

  return {
    token,
    apiRoot,
    dataDir,
    httpPort,
    get pid() {
      return child.pid ?? -1;
    },
    async send(text, opts = {}) {
      const client = clientFor(opts.user ?? E2E_USER);
      if (text.startsWith('/')) await client.sendCommand(client.makeCommand(text));
      else await client.sendMessage(client.makeMessage(text));
    },
    async press(data, messageId, opts = {}) {
      const client = clientFor(opts.user ?? E2E_USER);
      await client.sendCallback(client.makeCallbackQuery(data, { message: { message_id: messageId } }));
    },
    async waitForMessages(what, timeoutMs = DEFAULT_WAIT_MS) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const fresh = messages().filter((m) => m.messageId > cursor);
        let taken: BotMessage[] | undefined;
        if (typeof what === 'number') {
          if (fresh.length >= what) taken = fresh.slice(0, what);
        } else {
          const hit = fresh.findIndex(what);
          if (hit >= 0) taken = fresh.slice(0, hit + 1);
        }
        const last = taken?.at(-1);
        if (taken) {
          if (last) cursor = last.messageId;
          return taken;
        }
        const gone = child.exitCode !== null || child.signalCode !== null;
        if (gone || Date.now() > deadline) {
          const wanted = typeof what === 'number' ? `${what} message(s)` : 'a matching message';
          const got = fresh.map((m) => `  #${m.messageId}: ${m.text.slice(0, 80)}`).join('\n') || '  (none)';
          throw new Error(
            `${gone ? 'the bot exited' : `timed out after ${timeoutMs} ms`} waiting for ${wanted}; new messages:\n${got}\n${describe()}`,
          );
        }
        await sleep(POLL_MS);
      }
    },
    messages,
    stdout: () => out,
    stderr: () => err,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const { code, signal: got } = await exited;
      return { code, signal: got, killed: true };
    },
    async restart() {
      exitInfo = undefined;
      spawnChild();
      await waitHealthy(httpPort, child, options.startTimeoutMs ?? 20_000, describe);
    },
    stop,
    async dispose() {
      await stop(2_000);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
