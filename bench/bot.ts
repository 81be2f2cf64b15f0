import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Bot, type Transformer } from 'grammy';
import type { Update } from 'grammy/types';
import { localBotInfo } from '../src/bot/bot-info.js';
import { closeAppDeps, createAppDeps } from '../src/app.js';
import { createBot } from '../src/bot/create-bot.js';
import { loadConfig } from '../src/config.js';
import { createSilentLogger } from '../src/logger.js';
import { percentile, printTable, rssMb } from './table.js';

/**
 * Updates per second through the whole bot (rate limiter, dialogs, matcher, card rendering, chat
 * state, the 好差评 answer record) against a bare grammY echo bot, both fed with `handleUpdate` and
 * answered in-process by a transformer, so neither network nor Telegram is measured.
 */

const BOT_INFO = localBotInfo('minzheng_bench_bot', 42);

/** A realistic hall mix: clear questions, colloquial ones, ambiguous ones and a few off-topic. */
const QUESTIONS = [
  '结婚登记要带什么',
  '我和女朋友想下个月去领结婚证，需要预约吗',
  '协议离婚需要准备哪些材料',
  '结婚证丢了怎么补办',
  '我妈八十五岁了，高龄津贴怎么申请',
  '家里困难想申请低保，要去哪里办',
  '临时救助一般多久能批下来',
  '特困供养的条件是什么',
  '残疾人护理补贴每个月有多少钱',
  '想收养一个孩子，需要什么条件',
  '我们协会要改名字，怎么办理',
  '社会团体换法定代表人要交哪些材料',
  '办变更要啥材料',
  '民非单位注销流程',
  '社会组织年报什么时候截止',
  '开一家养老院要备案吗',
  '公墓建设要找谁审批',
  '小区名字想改一下，地名更名归谁管',
  '身份证过期了去哪换',
  '你好',
] as const;

const USERS = 2_000;
const WARMUP = 300;
const RUN_MS = 2_500;
const CONCURRENCY = 32;

interface Tally {
  messages: number;
  /** Replies of the per-user rate limiter: the flood guard answered instead of the bot. */
  limited: number;
}

/** Answers every API call in-process, like Telegram would, counting sent messages. */
function answerInProcess(tally: Tally): Transformer {
  let messageId = 1;
  return async (_prev, method, payload) => {
    if (method === 'sendMessage') {
      tally.messages++;
      const p = payload as { chat_id?: number; text?: string };
      if (p.text?.startsWith('您发得有点快')) tally.limited++;
      const result = { message_id: ++messageId, date: 0, chat: { id: p.chat_id, type: 'private' }, text: p.text };
      return { ok: true, result } as never;
    }
    return { ok: true, result: true } as never;
  };
}

function messageUpdate(i: number): Update {
  const id = 100_000 + (i % USERS);
  const text = QUESTIONS[i % QUESTIONS.length] ?? '你好';
  return {
    update_id: i + 1,
    message: {
      message_id: i + 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id, type: 'private', first_name: '群众' },
      from: { id, is_bot: false, first_name: '群众' },
      text,
    },
  } as Update;
}

interface Run {
  updates: number;
  seconds: number;
  latenciesUs: number[];
}

/** Feeds updates for about `RUN_MS`, keeping `inFlight` of them in progress at once. */
async function drive(handle: (u: Update) => Promise<void>, start: number, inFlight: number): Promise<Run> {
  let next = start;
  const latenciesUs: number[] = [];
  const t0 = performance.now();
  const deadline = t0 + RUN_MS;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const u = messageUpdate(next++);
      const s = performance.now();
      await handle(u);
      latenciesUs.push((performance.now() - s) * 1000);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { updates: latenciesUs.length, seconds: (performance.now() - t0) / 1000, latenciesUs };
}

/** One table row for a measured run of either bot. */
function row(
  bot: string,
  inFlight: number,
  run: Run,
  tally: Tally,
  limited: string | number,
  vsEcho: string,
): Record<string, string | number> {
  const rate = run.updates / run.seconds;
  return {
    bot,
    'in flight': inFlight,
    updates: run.updates,
    'updates/s': Math.round(rate),
    'µs/update': Math.round(1e6 / rate),
    'p50 µs': Math.round(percentile(run.latenciesUs, 50)),
    'p99 µs': Math.round(percentile(run.latenciesUs, 99)),
    'msgs/update': (tally.messages / run.updates).toFixed(2),
    'limited users': limited,
    'vs echo': vsEcho,
  };
}

export async function benchBot(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mz-bench-bot-'));
  try {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir });
    const deps = await createAppDeps({
      config,
      logger: createSilentLogger(),
      sender: { send: async () => ({ status: 'ok', messageId: 1 }) },
    });
    const oursTally: Tally = { messages: 0, limited: 0 };
    const ours = createBot(deps, { botInfo: BOT_INFO, transformers: [answerInProcess(oursTally)] });

    const echoTally: Tally = { messages: 0, limited: 0 };
    const echo = new Bot('bench-echo', { botInfo: BOT_INFO });
    echo.api.config.use(answerInProcess(echoTally));
    echo.on('message:text', (ctx) => ctx.reply(ctx.message.text));

    let offset = 0;
    for (let i = 0; i < WARMUP; i++) {
      await echo.handleUpdate(messageUpdate(offset + i));
      await ours.handleUpdate(messageUpdate(offset + i));
    }
    offset += WARMUP;

    const rows: Record<string, string | number>[] = [];
    for (const inFlight of [1, CONCURRENCY]) {
      echoTally.messages = 0;
      oursTally.messages = 0;
      oursTally.limited = 0;
      const e = await drive((u) => echo.handleUpdate(u), offset, inFlight);
      offset += e.updates;
      const o = await drive((u) => ours.handleUpdate(u), offset, inFlight);
      offset += o.updates;
      const eRate = e.updates / e.seconds;
      const oRate = o.updates / o.seconds;
      rows.push(
        row('echo (bare grammY)', inFlight, e, echoTally, '-', '1.00×'),
        row('minzheng (full middleware)', inFlight, o, oursTally, oursTally.limited, `${(oRate / eRate).toFixed(2)}×`),
      );
    }
    await deps.chats.flush();
    printTable(
      `Bot updates/s: ${QUESTIONS.length} questions over ${USERS} users, rate limit ${config.RATE_LIMIT_PER_MINUTE}/min/user (target: ours ≥ 0.5× echo)`,
      rows,
    );
    console.log(`RSS after the bot bench: ${rssMb()} MB`);
    await closeAppDeps(deps);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
