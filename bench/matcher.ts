import { execFileSync } from 'node:child_process';
import Fuse from 'fuse.js';
import { loadCatalogSnapshot } from '../src/catalog/load-catalog.js';
import { buildMatcherIndex, type MatchableSnapshot } from '../src/matching/build-index.js';
import { matchWithIndex } from '../src/matching/create-matcher.js';
import { evaluate, readEvalCases, type EvalCase } from '../src/matching/evaluate.js';
import type { IntentsData } from '../src/matching/intents-schema.js';
import { loadIntents } from '../src/matching/load-intents.js';
import { loadScopeModel } from '../src/matching/scope/load-model.js';
import type { ScopeModel } from '../src/matching/scope/model.js';
import type { MatchResult } from '../src/matching/types.js';
import { syntheticSnapshot } from './matcher-synthetic.js';
import { typoCases, typoRows } from './matcher-typos.js';
import { percentile, printTable } from './table.js';

const DEV_SET = process.env.MATCH_DEV_SET ?? '../shared/eval/dev.jsonl';
const HELD_OUT = 'test/matching/fixtures/heldout.jsonl';
const ROUNDS = 20;
const WARM_UP_ROUNDS = 5;
const WARM_UP_BUDGET_MS = 2_000;
const BUDGET_MS = 5_000;

export type MatchFn = (q: string) => MatchResult;

/** Plain fuse.js over item names and aliases, default options: the top hit, or nothing. */
export function fuseBaseline(snapshot: MatchableSnapshot): MatchFn {
  const fuse = new Fuse(snapshot.items, { keys: ['name', 'aliases'], includeScore: true });
  return (q) => {
    const hits = fuse.search(q, { limit: 4 });
    const top = hits[0];
    const score = top ? 1 - (top.score ?? 1) : 0;
    return {
      query: q,
      normalized: q,
      intent: top ? top.item.id : null,
      score,
      clarify: false,
      candidates: hits.slice(1).map((h) => ({ intent: h.item.id, score: 1 - (h.score ?? 1) })),
      followUp: false,
    };
  };
}

/** Our matcher over a snapshot; without `scopeModel`, the hand rules alone. */
export function ours(snapshot: MatchableSnapshot, intents: IntentsData, fuzzyPinyin = true, scopeModel?: ScopeModel): MatchFn {
  const index = buildMatcherIndex(snapshot, intents, { fuzzyPinyin, ...(scopeModel ? { scopeModel } : {}) });
  return (q) => matchWithIndex(index, q);
}

/**
 * Latency of each call over up to `rounds` passes of the questions, after warm-up passes (JIT). A slow
 * variant stops after the pass that crosses the time budget, so the run stays short.
 */
export function time(match: MatchFn, questions: readonly string[], rounds: number): Record<string, string | number> {
  const warmUntil = performance.now() + WARM_UP_BUDGET_MS;
  for (let r = 0; r < WARM_UP_ROUNDS && performance.now() < warmUntil; r++) for (const q of questions) match(q);
  const samples: number[] = [];
  const started = performance.now();
  for (let r = 0; r < rounds && performance.now() - started < BUDGET_MS; r++) {
    for (const q of questions) {
      const t = performance.now();
      match(q);
      samples.push(performance.now() - t);
    }
  }
  const total = performance.now() - started;
  return {
    'queries/s': Math.round((samples.length / total) * 1000),
    'p50 ms': percentile(samples, 50).toFixed(3),
    'p99 ms': percentile(samples, 99).toFixed(3),
    样本数: samples.length,
  };
}

function buildMs(build: () => unknown): string {
  const t = performance.now();
  build();
  return (performance.now() - t).toFixed(0);
}

interface MemoryFigures {
  base: number;
  before: number;
  after: number;
  buildMs: number;
  segmenterMs: number;
}

function memory(variant: string): MemoryFigures {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/matcher-memory.ts', variant], {
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as MemoryFigures;
}

/** Matcher benchmark: ours beside plain fuse.js — accuracy, speed, build time and memory. */
export async function benchMatcher(): Promise<void> {
  const intents = await loadIntents('intents');
  const shipped = await loadCatalogSnapshot('data');
  const big = syntheticSnapshot(shipped);
  const dev: EvalCase[] = await readEvalCases(DEV_SET).catch(() => []);
  const heldOut = await readEvalCases(HELD_OUT);
  const questions = [...dev, ...heldOut].map((c) => c.q);
  const typoQuestions = [...typoCases(shipped).typos.values()].flat().map((c) => c.q);

  const scopeModel = await loadScopeModel('data/scope-model.json');
  const variants = [
    { name: '本项目匹配器', make: (s: MatchableSnapshot) => ours(s, intents, true, scopeModel), child: 'ours' },
    { name: '本项目（仅规则，无范围模型）', make: (s: MatchableSnapshot) => ours(s, intents), child: 'ours-nomodel' },
    { name: '本项目（无 fuse 拼音纠错）', make: (s: MatchableSnapshot) => ours(s, intents, false, scopeModel), child: 'ours-nofuzzy' },
    { name: 'fuse.js 默认（名称+别名）', make: fuseBaseline, child: 'fuse' },
  ];

  printTable(
    '匹配准确率（发布目录）',
    variants.map((v) => {
      const m = v.make(shipped);
      const pct = (cases: EvalCase[]): string =>
        cases.length ? `${(evaluate(cases, m).accuracy * 100).toFixed(1)}%` : 'n/a';
      return { 匹配器: v.name, [`dev（${dev.length}）`]: pct(dev), [`held-out（${heldOut.length}）`]: pct(heldOut) };
    }),
  );

  printTable(
    '拼写有误的拼音问题（由目录名称/别名生成，每个问题最长的词错一处）',
    typoRows(shipped, variants.slice(0, 3).map((v) => ({ name: v.name, match: v.make(shipped) }))),
  );

  const rows: Record<string, string | number>[] = [];
  for (const [label, snapshot] of [
    [`发布目录 ${shipped.items.length} 项`, shipped],
    [`合成目录 ${big.items.length} 项`, big],
  ] as const) {
    for (const v of variants) {
      const m = v.make(snapshot);
      rows.push({ 目录: label, 匹配器: v.name, 问题: '评测集', 建索引ms: buildMs(() => v.make(snapshot)), ...time(m, questions, ROUNDS) });
    }
    // The fuse.js lookup only runs on mistyped pinyin: time it where it runs.
    for (const v of variants.slice(0, 3)) {
      rows.push({ 目录: label, 匹配器: v.name, 问题: '拼音错字', 建索引ms: '', ...time(v.make(snapshot), typoQuestions, ROUNDS) });
    }
  }
  printTable(`速度（评测集 ${questions.length} 个问题、拼音错字 ${typoQuestions.length} 个，各 ${ROUNDS} 轮）`, rows);

  printTable(
    `内存（合成目录 ${big.items.length} 项，各自子进程，gc 后 RSS）`,
    variants.map((v) => {
      const m = memory(v.child);
      const mb = (x: number): number => Math.round(x * 10) / 10;
      return {
        匹配器: v.name,
        '空进程 MB': m.base,
        '分词词典 +MB': mb(m.before - m.base),
        '索引 +MB': mb(m.after - m.before),
        '合计 MB': m.after,
        '加载词典 ms': m.segmenterMs.toFixed(0),
        '建索引 ms': m.buildMs.toFixed(0),
      };
    }),
  );
}
