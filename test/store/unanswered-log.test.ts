import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUnansweredLog } from '../../src/store/unanswered-log.js';

describe('unanswered log', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'unanswered-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const entry = { at: '2026-09-14T02:00:00Z', kind: 'out-of-scope' as const, question: '电话 138 1234 5678', candidates: [] };

  it('stores the question masked', async () => {
    const log = await createUnansweredLog(dir);
    await log.record(entry);
    expect(await readFile(join(dir, 'unanswered.jsonl'), 'utf8')).toContain('138****5678');
  });

  it('never rejects when the file cannot be written (a folder in its place), and reports why', async () => {
    await mkdir(join(dir, 'unanswered.jsonl'));
    const errors: unknown[] = [];
    const log = await createUnansweredLog(dir, { onError: (e) => errors.push(e) });
    await expect(log.record(entry)).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
    const read: unknown[] = [];
    for await (const e of log.entries()) read.push(e);
    expect(read).toEqual([]);
  });

  it('keeps the order of questions recorded without waiting, and flush waits for all of them', async () => {
    const log = await createUnansweredLog(dir);
    for (let i = 0; i < 200; i++) void log.record({ ...entry, question: `问题${i}` });
    await log.flush();
    const lines = (await readFile(join(dir, 'unanswered.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { question: string }).question)).toEqual(Array.from({ length: 200 }, (_, i) => `问题${i}`));
  });
});
