import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerCodec, answerVolumeCodec, chinaMonth, ratingCodec } from '../../src/ratings/codecs.js';
import { latestRatings } from '../../src/ratings/latest-ratings.js';
import { isBadLevel, isSatisfiedLevel, RATING_LEVELS, type RatingLevel } from '../../src/ratings/levels.js';
import { openLineLog } from '../../src/ratings/line-log.js';
import { scanLines } from '../../src/ratings/line-scan.js';
import { periodBounds, periodMonths, type Period } from '../../src/ratings/period.js';
import { tallyRatings, type RatingTally } from '../../src/ratings/rating-tally.js';
import type { AnswerKind, AnswerRecord, RatingRecord } from '../../src/ratings/types.js';
import { countVolume, type Volume } from '../../src/ratings/volume.js';
import { tempDir } from './helpers.js';

// The report reads the logs as bytes (line-scan, rating-tally, volume); the codecs and latestRatings
// are the definition. These tests hold the two together on generated logs full of awkward lines.

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTENTS = ['marriage-registration', 'divorce-registration', '婚姻登记', 'a b', null];
const KINDS: AnswerKind[] = ['card', 'clarified', 'handoff', 'complaint'];
const WINDOW = 10 * 60_000;
const START = Date.parse('2026-07-20T00:00:00+08:00');

/** Lines a reader must skip: torn, junk, or a field out of range. */
function badLine(good: string, rnd: () => number): string {
  const bad = [
    good.slice(0, Math.floor(rnd() * (good.length - 2))), // torn mid-write
    'not a record',
    good.replace('\t$', '\tx\t$'), // a field too many
    good.replace(/^[^\t]*/, ''), // no answer id
    good.replace('\tcard\t', '\tbogus\t'),
    good.replace(/\t\d+\t/, '\t12a\t'),
    `${good}\r`, // CRLF
  ];
  return bad[Math.floor(rnd() * bad.length)] ?? '';
}

/** Writes rating and answer logs: re-ratings within (and a few past) the window, junk among them. */
async function writeLogs(dir: string, seed: number, count: number): Promise<void> {
  const rnd = random(seed);
  const ratings: RatingRecord[] = [];
  const answers: AnswerRecord[] = [];
  let t = START;
  for (let i = 0; i < count; i++) {
    t += Math.floor(rnd() * 40 * 60_000);
    const id = Math.floor(rnd() * 36 ** 6).toString(36) + (rnd() < 0.05 ? 'é' : '') + (rnd() < 0.05 ? 'x'.repeat(30) : '');
    const base = {
      userId: Math.floor(rnd() * 1e6), chatId: rnd() < 0.2 ? -Math.floor(rnd() * 1e12) : 7,
      intent: INTENTS[Math.floor(rnd() * INTENTS.length)] ?? null, kind: KINDS[i % 4] ?? 'card',
    };
    answers.push({ id, at: t, ...base, question: rnd() < 0.5 ? '结婚登记\t要带什么？' : 'q' });
    if (rnd() < 0.2) continue; // not rated
    const level = (1 + Math.floor(rnd() * 5)) as RatingLevel;
    ratings.push({ answerId: id, at: t + 1000, firstAt: t + 1000, level, ...base });
    for (let k = Math.floor(rnd() * 3); k > 0; k--) {
      const late = rnd() < 0.1 ? 2 * WINDOW : 0; // past the window: not a change the service would take
      ratings.push({ answerId: id, at: t + 1000 + late + Math.floor(rnd() * WINDOW), firstAt: t + 1000, level: (1 + Math.floor(rnd() * 5)) as RatingLevel, ...base });
    }
  }
  ratings.sort((a, b) => a.at - b.at);
  const files = new Map<string, string[]>();
  const put = (file: string, line: string): void => {
    files.set(file, [...(files.get(file) ?? []), line]);
  };
  for (const r of ratings) {
    const line = ratingCodec.encode(r);
    const file = join(dir, 'ratings', `${chinaMonth(r.firstAt)}.log`);
    put(file, line);
    if (rnd() < 0.05) put(file, badLine(line, rnd));
    if (rnd() < 0.02) put(file, '');
  }
  for (const a of answers) {
    const line = answerCodec.encode(a);
    const file = join(dir, 'answers', `${chinaMonth(a.at)}.log`);
    put(file, line);
    if (rnd() < 0.05) put(file, badLine(line, rnd));
  }
  await openLineLog(join(dir, 'ratings'), ratingCodec); // creates the directories
  await openLineLog(join(dir, 'answers'), answerCodec);
  // Every file ends in a torn line, as after a crash.
  for (const [file, lines] of files) await writeFile(file, `${lines.join('\n')}\n${(lines[0] ?? '').slice(0, 9)}`);
}

/** The figures as computeStats used to count them: the codec, then latestRatings. */
async function referenceTally(dir: string, period: Period, windowMs: number): Promise<RatingTally> {
  const log = await openLineLog(join(dir, 'ratings'), ratingCodec);
  const { start, end } = periodBounds(period);
  const byLevel = Object.fromEntries(RATING_LEVELS.map((l) => [l, 0])) as Record<RatingLevel, number>;
  const badByItem = new Map<string | null, number>();
  let rated = 0;
  let satisfied = 0;
  for await (const batch of latestRatings(log.read(periodMonths(period)), windowMs)) {
    for (const r of batch) {
      if (r.firstAt < start || r.firstAt >= end) continue;
      rated++;
      byLevel[r.level]++;
      if (isSatisfiedLevel(r.level)) satisfied++;
      if (isBadLevel(r.level)) badByItem.set(r.intent, (badByItem.get(r.intent) ?? 0) + 1);
    }
  }
  return { rated, satisfied, byLevel, badByItem };
}

async function referenceVolume(dir: string, period: Period): Promise<Volume> {
  const log = await openLineLog(join(dir, 'answers'), answerVolumeCodec);
  const { start, end } = periodBounds(period);
  const byIntent = new Map<string | null, number>();
  let answers = 0;
  for await (const batch of log.read(periodMonths(period))) {
    for (const a of batch) {
      if (a.at < start || a.at >= end) continue;
      answers++;
      byIntent.set(a.intent, (byIntent.get(a.intent) ?? 0) + 1);
    }
  }
  return { answers, byIntent };
}

const PERIODS: Period[] = [
  { from: '2000-01-01', to: '2100-12-31' },
  { from: '2026-08-01', to: '2026-08-31' },
  { from: '2026-07-25', to: '2026-08-03' },
];

describe('report fast path', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it.each([1, 2, 3])('counts exactly what the codecs and latestRatings count (seed %i)', async (seed) => {
    await writeLogs(dir, seed, 3000);
    for (const period of PERIODS) {
      // A long window holds thousands of answers at once, so the window's rings have to grow.
      for (const windowMs of [WINDOW, 30 * 86_400_000]) {
        const fast = await tallyRatings(join(dir, 'ratings'), period, windowMs);
        const ref = await referenceTally(dir, period, windowMs);
        expect([...fast.badByItem]).toEqual([...ref.badByItem]);
        expect(fast).toEqual(ref);
      }
      const volume = await countVolume(join(dir, 'answers'), period);
      const ref = await referenceVolume(dir, period);
      expect([...volume.byIntent]).toEqual([...ref.byIntent]);
      expect(volume.answers).toBe(ref.answers);
    }
    const all = await tallyRatings(join(dir, 'ratings'), PERIODS[0] as Period, WINDOW);
    expect(all.rated).toBeGreaterThan(2000);
    expect(all.badByItem.get('婚姻登记')).toBeGreaterThan(0);
  });

  it('hands over every line, whatever the read size, and the torn last one', async () => {
    const file = join(dir, 'x.log');
    const lines = ['a\t$', '', 'bb', 'x'.repeat(50), '结婚\t$', '', 'torn'];
    await writeFile(file, lines.join('\n'));
    for (const readSize of [1, 3, 7, 64, 1 << 20]) {
      const seen: string[] = [];
      await scanLines(file, (buf, s, e) => seen.push(buf.toString('utf8', s, e)), readSize);
      expect(seen).toEqual(lines.filter((l) => l !== ''));
    }
    expect((await readFile(file, 'utf8')).endsWith('torn')).toBe(true);
  });
});
