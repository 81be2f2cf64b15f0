import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ratingCodec } from '../../src/ratings/codecs.js';
import { openLineLog } from '../../src/ratings/line-log.js';
import type { RatingRecord } from '../../src/ratings/types.js';
import { tempDir } from './helpers.js';

const rec = (answerId: string, iso: string): RatingRecord => {
  const at = Date.parse(iso);
  return { answerId, at, firstAt: at, level: 4, userId: 1, chatId: 1, intent: null, kind: 'card' };
};

describe('partitioned line log', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it('writes one file per China month and reads them back in order', async () => {
    const log = await openLineLog(dir, ratingCodec);
    // 2026-08-31T16:30Z is already September in China.
    await log.append(rec('a', '2026-08-31T15:00:00Z'));
    await log.append(rec('b', '2026-08-31T16:30:00Z'));
    await log.append(rec('c', '2026-10-01T00:00:00Z'));
    expect((await readdir(dir)).sort()).toEqual(['2026-08.log', '2026-09.log', '2026-10.log']);
    const all: string[] = [];
    for await (const batch of log.read()) all.push(...batch.map((r) => r.answerId));
    expect(all).toEqual(['a', 'b', 'c']);
    const sept: string[] = [];
    for await (const batch of log.read({ from: '2026-09', to: '2026-09' })) sept.push(...batch.map((r) => r.answerId));
    expect(sept).toEqual(['b']);
    await log.close();
  });

  it('keeps every one of many concurrent appends, each on its own line', async () => {
    const log = await openLineLog(dir, ratingCodec);
    await Promise.all(Array.from({ length: 500 }, (_, i) => log.append(rec(`r${i}`, '2026-09-14T02:00:00Z'))));
    const text = await readFile(join(dir, '2026-09.log'), 'utf8');
    expect(text.split('\n').filter(Boolean)).toHaveLength(500);
    await log.close();
  });

  it('skips lines that are not valid records (here level 9 and junk) instead of failing', async () => {
    const log = await openLineLog(dir, ratingCodec);
    await log.append(rec('ok', '2026-09-14T02:00:00Z'));
    await log.close();
    const { appendFile } = await import('node:fs/promises');
    const good = ratingCodec.encode(rec('x', '2026-09-14T02:00:00Z'));
    await appendFile(join(dir, '2026-09.log'), `${good.replace('\t4\t', '\t9\t')}\nnot a record\n`);
    const again = await openLineLog(dir, ratingCodec);
    const ids: string[] = [];
    for await (const batch of again.read()) ids.push(...batch.map((r) => r.answerId));
    expect(ids).toEqual(['ok']);
    expect(again.skippedLines).toBe(2);
    await again.close();
  });
});
