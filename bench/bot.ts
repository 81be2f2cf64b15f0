import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Transformer } from 'grammy';
import type { Update } from 'grammy/types';
import { localBotInfo } from '../src/bot/bot-info.js';
import { closeAppDeps, createAppDeps } from '../src/app.js';
import { createBot } from '../src/bot/create-bot.js';
import { loadConfig } from '../src/config.js';
import { createSilentLogger } from '../src/logger.js';
import { createMatcher } from '../src/matching/create-matcher.js';
import { loadIntents } from '../src/matching/load-intents.js';
import { loadScopeModel } from '../src/matching/scope/load-model.js';
import { createFuseMatcher } from './fuse-matcher.js';
import { evaluationQuestions, replyLengthTable } from './reply-lengths.js';
import { percentile, printTable, rssMb } from './table.js';

/**
 * Updates per second and latency through the whole bot (rate limiter, dialogs, matcher, the answer
 * model and its HTML rendering, chat state, the 好差评 answer record), beside the same bot answering
 * with plain fuse.js over names and aliases, and beside itself with the matcher's memory of recent
 * verdicts off (a hall hears the same questions all day; this row is the cost when none repeats), all fed with `handleUpdate` and answered in-process by a
 * transformer, so neither network nor Telegram is measured. Then the reply lengths over the evaluation
 * questions, before (main's card) and after (the answer model).
 *
 * With N updates in flight and no I/O to wait for, grammY's awaits interleave the N updates fairly, so
 * an update's latency is about N × the mean cost: p99 at 32 in flight is bounded by 32 × µs/update.
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
function row(bot: string, inFlight: number, run: Run, tally: Tally, vsFuse: string): Record<string, string | number> {
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
    'limited users': tally.limited,
    'vs fuse': vsFuse,
  };
}

export async function benchBot(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mz-bench-bot-'));
  const fuseDir = await mkdtemp(join(tmpdir(), 'mz-bench-fuse-'));
  const freshDir = await mkdtemp(join(tmpdir(), 'mz-bench-fresh-'));
  try {
    const make = async (dir: string) => {
      // The limiter runs, but above the bench's per-user rate: every update is answered, none refused.
      const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dir, RATE_LIMIT_PER_MINUTE: '1000000' });
      return createAppDeps({ config, logger: createSilentLogger(), sender: { send: async () => ({ status: 'ok', messageId: 1 }) } });
    };
    const deps = await make(dataDir);
    const oursTally: Tally = { messages: 0, limited: 0 };
    const ours = createBot(deps, { botInfo: BOT_INFO, transformers: [answerInProcess(oursTally)] });

    // The same bot with the matcher's memory of recent verdicts off: every question matched afresh.
    const freshDeps = await make(freshDir);
    const freshTally: Tally = { messages: 0, limited: 0 };
    const freshMatcher = createMatcher({
      catalog: freshDeps.catalog,
      intents: await loadIntents(freshDeps.config.INTENTS_DIR),
      scopeModel: await loadScopeModel(freshDeps.config.SCOPE_MODEL_FILE),
      memo: 0,
    });
    const fresh = createBot({ ...freshDeps, matcher: freshMatcher }, { botInfo: BOT_INFO, transformers: [answerInProcess(freshTally)] });

    const fuseDeps = await make(fuseDir);
    const fuseTally: Tally = { messages: 0, limited: 0 };
    const fuse = createBot({ ...fuseDeps, matcher: createFuseMatcher(fuseDeps.catalog) }, { botInfo: BOT_INFO, transformers: [answerInProcess(fuseTally)] });

    let offset = 0;
    for (let i = 0; i < WARMUP; i++) {
      await fuse.handleUpdate(messageUpdate(offset + i));
      await ours.handleUpdate(messageUpdate(offset + i));
      await fresh.handleUpdate(messageUpdate(offset + i));
    }
    offset += WARMUP;

    const rows: Record<string, string | number>[] = [];
    for (const inFlight of [1, CONCURRENCY]) {
      for (const t of [fuseTally, oursTally, freshTally]) Object.assign(t, { messages: 0, limited: 0 });
      const f = await drive((u) => fuse.handleUpdate(u), offset, inFlight);
      offset += f.updates;
      const o = await drive((u) => ours.handleUpdate(u), offset, inFlight);
      offset += o.updates;
      const n = await drive((u) => fresh.handleUpdate(u), offset, inFlight);
      offset += n.updates;
      const vs = (r: Run): string => `${(r.updates / r.seconds / (f.updates / f.seconds)).toFixed(2)}×`;
      rows.push(
        row('fuse.js names+aliases (same bot)', inFlight, f, fuseTally, '1.00×'),
        row('minzheng (full bot)', inFlight, o, oursTally, vs(o)),
        row('minzheng, matcher memo off', inFlight, n, freshTally, vs(n)),
      );
    }
    await deps.chats.flush();
    printTable(
      `Bot updates/s: ${QUESTIONS.length} questions over ${USERS} users, rate limit ${deps.config.RATE_LIMIT_PER_MINUTE}/min/user (target: p99 ≤ 10 ms at ${CONCURRENCY} in flight)`,
      rows,
    );
    console.log(`RSS after the bot bench: ${rssMb()} MB`);

    const questions = evaluationQuestions();
    printTable(
      `Reply length over ${questions.length} evaluation questions, each asked first (target: median ≤ 12 lines)`,
      replyLengthTable(questions, deps.matcher, { snapshot: deps.catalog.current(), rules: deps.eligibility }),
    );
    await closeAppDeps(deps);
    await closeAppDeps(fuseDeps);
    await closeAppDeps(freshDeps);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await rm(fuseDir, { recursive: true, force: true });
    await rm(freshDir, { recursive: true, force: true });
  }
}
