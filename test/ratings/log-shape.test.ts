import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreCorruptError } from '../../src/errors.js';
import { ratingCodec } from '../../src/ratings/codecs.js';
import { openLineLog } from '../../src/ratings/line-log.js';
import type { RatingRecord } from '../../src/ratings/types.js';
import { tempDir } from './helpers.js';

const rec = (answerId: string): RatingRecord => {
  const at = Date.parse('2026-09-14T02:00:00Z');
  return { answerId, at, firstAt: at, level: 4, userId: 1, chatId: 1, intent: null, kind: 'card' };
};

describe('rating log files of the wrong shape', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it('names the file and line of a torn line in the middle of a log', async () => {
    const log = await openLineLog(dir, ratingCodec);
    await log.append(rec('a'));
    await log.close();
    const file = join(dir, '2026-09.log');
    await appendFile(file, `${ratingCodec.encode(rec('torn')).slice(0, 20)}\n${ratingCodec.encode(rec('c'))}\n`);
    const again = await openLineLog(dir, ratingCodec);
    const ids: string[] = [];
    for await (const batch of again.read()) ids.push(...batch.map((r) => r.answerId));
    expect(ids).toEqual(['a', 'c']);
    expect(again.skipped).toEqual([{ file, line: 2 }]);
    await again.close();
  });

  it('refuses, naming the path, when a file sits where the log folder belongs', async () => {
    const logDir = join(dir, 'ratings');
    await writeFile(logDir, 'oops');
    const error = await openLineLog(logDir, ratingCodec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect((error as Error).message).toContain(logDir);
    expect((error as Error).message).toContain('文件夹');
  });

  it('refuses, naming the path, when a folder sits where a month file belongs', async () => {
    await mkdir(join(dir, '2026-09.log'));
    const log = await openLineLog(dir, ratingCodec);
    const read = async (): Promise<void> => {
      for await (const _batch of log.read()) void _batch;
    };
    await expect(read()).rejects.toThrow(StoreCorruptError);
    await expect(read()).rejects.toThrow(join(dir, '2026-09.log'));
    await log.close();
  });
});
