// Rating-log figures: cost of one rating with 1k vs 1M stored, throughput under concurrency, and a
// full report over 1M ratings (time and peak RSS). Run with `npm run bench`.
import { execSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkCalendar } from '../src/calendar/work-calendar.js';
import { createSilentLogger } from '../src/logger.js';
import { answerCodec, chinaMonth, ratingCodec } from '../src/ratings/codecs.js';
import { reportFromDisk } from '../src/ratings/report.js';
import { createRatingService } from '../src/ratings/service.js';
import type { AnswerRecord, RatingRecord } from '../src/ratings/types.js';
import { percentile, printTable } from './table.js';

const INTENTS = ['marriage-registration', 'divorce-registration', 'minimum-living', 'elderly-care', 'charity', null];
const DAY = 86_400_000;

/** Writes `count` answers and their ratings spread over the `days` days before `now`, oldest first. */
export async function seed(dir: string, count: number, now: number, days: number): Promise<void> {
  await mkdir(join(dir, 'ratings'), { recursive: true });
  await mkdir(join(dir, 'answers'), { recursive: true });
  const streams = new Map<string, ReturnType<typeof createWriteStream>>();
  const write = async (kind: string, month: string, line: string): Promise<void> => {
    const key = `${kind}/${month}`;
    let s = streams.get(key);
    if (!s) {
      s = createWriteStream(join(dir, kind, `${month}.log`), { flags: 'a' });
      streams.set(key, s);
    }
    if (!s.write(line)) await once(s, 'drain');
  };
  const start = now - days * DAY;
  for (let i = 0; i < count; i++) {
    const at = start + Math.floor((i / count) * days * DAY);
    const id = `${at.toString(36)}${(i % 46656).toString(36).padStart(3, '0')}`;
    const a: AnswerRecord = { id, at, chatId: 1000 + (i % 5000), userId: 1000 + (i % 5000), intent: INTENTS[i % 6] ?? null, kind: 'card', question: '结婚登记需要带什么材料' };
    const r: RatingRecord = { answerId: id, at: at + 30_000, firstAt: at + 30_000, level: ((i % 5) + 1) as RatingRecord['level'], userId: a.userId, chatId: a.chatId, intent: a.intent, kind: 'card' };
    await write('answers', chinaMonth(a.at), `${answerCodec.encode(a)}\n`);
    await write('ratings', chinaMonth(r.firstAt), `${ratingCodec.encode(r)}\n`);
  }
  await Promise.all([...streams.values()].map((s) => new Promise((res) => s.end(res))));
  // Stored history is on disk before timing starts; otherwise the first fsyncs would pay for flushing it.
  execSync('sync');
}

async function measureWrites(dir: string, stored: string): Promise<Record<string, string | number>[]> {
  const t0 = performance.now();
  const svc = await createRatingService({
    dataDir: dir, logger: createSilentLogger(), calendar: createWorkCalendar(), clock: () => new Date(),
    caseDueWorkingDays: 5, changeWindowMinutes: 10,
  });
  const openMs = performance.now() - t0;
  const ids: string[] = [];
  for (let i = 0; i < 1400; i++) {
    ids.push((await svc.recordAnswer({ chatId: i, userId: i, intent: 'charity', kind: 'card', question: 'q' })).id);
  }
  const times: number[] = [];
  for (let i = 0; i < 400; i++) {
    const t = performance.now();
    await svc.rate({ answerId: ids[i] ?? '', userId: i, level: 4 });
    times.push(performance.now() - t);
  }
  const t1 = performance.now();
  await Promise.all(ids.slice(400).map((id, k) => svc.rate({ answerId: id, userId: k + 400, level: 5 })));
  const concurrentMs = performance.now() - t1;
  await svc.close();
  return [{
    已存评价: stored,
    启动耗时ms: Math.round(openMs),
    单条评价p50ms: percentile(times, 50).toFixed(2),
    单条评价p95ms: percentile(times, 95).toFixed(2),
    并发1000条ms: Math.round(concurrentMs),
    每秒评价: Math.round(1000 / (concurrentMs / 1000)),
  }];
}

/**
 * Times a full report over the 1M store, three runs. Peak RSS is sampled from the phase's start, which
 * is also shown: the report runs before the write test, whose open service (the current month's
 * answers in memory) left ~220 MB behind and was being counted as the report's.
 */
async function measureReport(dir: string): Promise<Record<string, string | number>> {
  const startRss = process.memoryUsage().rss;
  let peak = startRss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const runs: number[] = [];
  let rated = 0;
  // Three runs: the machine may be shared, and the best and median together show the noise.
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const stats = await reportFromDisk({
      dataDir: dir, period: { from: '2000-01-01', to: '2100-12-31' }, now: new Date(), changeWindowMinutes: 10,
    });
    runs.push(performance.now() - t);
    rated = stats.rated;
  }
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    评价条数: rated,
    最快ms: Math.round(Math.min(...runs)),
    中位ms: Math.round(percentile(runs, 50)),
    起始RSS_MB: Math.round(startRss / 1024 / 1024),
    峰值RSS_MB: Math.round(peak / 1024 / 1024),
    目标: '< 3000 ms，< 300 MB',
  };
}

export async function benchRatings(): Promise<void> {
  const now = Date.now();
  const small = await mkdtemp(join(tmpdir(), 'bench-ratings-1k-'));
  const big = await mkdtemp(join(tmpdir(), 'bench-ratings-1m-'));
  try {
    await seed(small, 1_000, now, 365);
    const tSeed = performance.now();
    await seed(big, 1_000_000, now, 365);
    const seedMs = performance.now() - tSeed;
    const report = await measureReport(big);
    const rows = [...(await measureWrites(small, '1k')), ...(await measureWrites(big, '1M'))];
    printTable('好差评：记录一条评价（fsync 后确认）', rows);
    printTable('好差评：全量统计（100 万条评价 + 100 万条答复，按月分区流式读取）', [{ ...report, 生成数据ms: Math.round(seedMs) }]);
  } finally {
    await rm(small, { recursive: true, force: true });
    await rm(big, { recursive: true, force: true });
  }
}

// Run on its own: `npx tsx bench/ratings.ts`.
if (import.meta.url === `file://${process.argv[1]}`) await benchRatings();
