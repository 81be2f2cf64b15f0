import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreInconsistentError } from '../../src/errors.js';
import { fakeClock, openService, tempDir } from './helpers.js';

const ASKER = 1001;
/** steno writes cases.json through this temp file: a folder in its place makes every case write fail. */
const TEMP = '.cases.json.tmp';

describe('a 差评 always ends with its case', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  const clock = fakeClock('2026-09-14T10:00:00+08:00');
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it('opens the missing case when the person presses the same 差评 again after a failed case write', async () => {
    const svc = await openService(dir, clock.now);
    const { id } = await svc.recordAnswer({ chatId: ASKER, userId: ASKER, intent: 'x', kind: 'card', question: '低保怎么办' });
    await mkdir(join(dir, TEMP));
    await expect(svc.rate({ answerId: id, userId: ASKER, level: 1 })).rejects.toThrow();
    expect(svc.openCases()).toHaveLength(0);
    await rm(join(dir, TEMP), { recursive: true });
    const retry = await svc.rate({ answerId: id, userId: ASKER, level: 1 });
    expect(retry).toMatchObject({ ok: true, change: 'same', opened: { answerId: id, level: 1 } });
    expect(svc.openCases()).toHaveLength(1);
    // A third press changes nothing: still one case.
    expect(await svc.rate({ answerId: id, userId: ASKER, level: 1 })).not.toHaveProperty('opened');
    expect(svc.openCases()).toHaveLength(1);
    await svc.close();
  });

  it('opens the missing case at the next start when the process stopped between rating and case', async () => {
    const svc = await openService(dir, clock.now);
    const { id } = await svc.recordAnswer({ chatId: ASKER, userId: ASKER, intent: 'x', kind: 'card', question: '低保怎么办' });
    await mkdir(join(dir, TEMP));
    await expect(svc.rate({ answerId: id, userId: ASKER, level: 2 })).rejects.toThrow();
    await svc.close();
    await rm(join(dir, TEMP), { recursive: true });
    const restarted = await openService(dir, clock.now);
    expect(restarted.openCases()).toMatchObject([{ answerId: id, level: 2, source: 'rating' }]);
    const onDisk = JSON.parse(await readFile(join(dir, 'cases.json'), 'utf8')) as { cases: unknown[] };
    expect(onDisk.cases).toHaveLength(1);
    await restarted.close();
  });

  it('withdraws a case at start when the rating was changed to a good one but the withdrawal was not written', async () => {
    const svc = await openService(dir, clock.now);
    const { id } = await svc.recordAnswer({ chatId: ASKER, userId: ASKER, intent: 'x', kind: 'card', question: 'q' });
    await svc.rate({ answerId: id, userId: ASKER, level: 1 });
    await mkdir(join(dir, TEMP));
    await expect(svc.rate({ answerId: id, userId: ASKER, level: 5 })).rejects.toThrow();
    await svc.close();
    await rm(join(dir, TEMP), { recursive: true });
    const restarted = await openService(dir, clock.now);
    expect(restarted.openCases()).toHaveLength(0);
    await restarted.close();
  });
});

describe('cases.json invariants', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  const aCase = (id: number) => ({
    id, source: 'complaint', openedAt: 1, dueDate: '2026-09-20', chatId: 1, userId: 1, intent: null,
    question: 'q', reasons: [], status: 'open', events: [],
  });

  it('refuses a nextId at or below an existing id, naming the file and the fix, and leaves it untouched', async () => {
    const file = join(dir, 'cases.json');
    const text = JSON.stringify({ version: 1, nextId: 1, cases: [aCase(1)] });
    await writeFile(file, text);
    const error = await openService(dir, () => new Date()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreInconsistentError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain('nextId 改为 2');
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('refuses duplicate case ids', async () => {
    await writeFile(join(dir, 'cases.json'), JSON.stringify({ version: 1, nextId: 9, cases: [aCase(3), aCase(3)] }));
    await expect(openService(dir, () => new Date())).rejects.toThrow(/案件编号重复：#3/);
  });
});
