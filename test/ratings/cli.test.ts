import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportFromDisk } from '../../src/ratings/report.js';
import type { RatingStats } from '../../src/ratings/stats.js';
import { fakeClock, openService, tempDir } from './helpers.js';

const run = promisify(execFile);

describe('npm run report', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  const clock = fakeClock('2026-09-14T10:00:00+08:00');

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    const svc = await openService(dir, clock.now);
    for (const level of [5, 4, 1] as const) {
      const { id } = await svc.recordAnswer({ chatId: 1, userId: 1, intent: 'marriage', kind: 'card', question: 'q' });
      await svc.rate({ answerId: id, userId: 1, level });
    }
    await svc.openComplaint({ chatId: 1, userId: 1, text: '投诉' });
    await svc.close();
  });
  afterEach(() => cleanup());

  it('reads the same figures from disk as the running service computes', async () => {
    const period = { from: '2026-09-01', to: '2026-09-30' };
    const fromDisk = await reportFromDisk({ dataDir: dir, period, now: clock.now(), changeWindowMinutes: 10 });
    const svc = await openService(dir, clock.now);
    expect(fromDisk).toEqual(await svc.stats(period));
    await svc.close();
  });

  it('prints JSON for a period given with --from and --to', async () => {
    const { stdout } = await run('npx', ['tsx', 'src/ratings/cli.ts', '--from', '2026-09-01', '--to', '2026-09-30', '--json'], {
      env: { ...process.env, DATA_DIR: dir, NODE_ENV: 'production' },
    });
    const stats = JSON.parse(stdout) as RatingStats;
    expect(stats).toMatchObject({ rated: 3, bad: 1, complaints: 1, byLevel: { 5: 1, 4: 1, 1: 1 } });
    expect(stats.satisfactionRate).toBeCloseTo(2 / 3);
  }, 30_000);

  it('prints the text report with item names, not ids', async () => {
    const svc = await openService(dir, clock.now);
    const { id } = await svc.recordAnswer({ chatId: 1, userId: 1, intent: 'marriage.divorce', kind: 'card', question: 'q' });
    await svc.rate({ answerId: id, userId: 1, level: 2 });
    await svc.close();
    const { stdout, stderr } = await run('npx', ['tsx', 'src/ratings/cli.ts', '--period', '2026-09'], { env: { ...process.env, DATA_DIR: dir } });
    expect(stdout).toContain('满意率 50.0%');
    expect(stdout).toContain('差评最多：');
    expect(stdout).toMatch(/离婚登记 1/);
    expect(stdout).not.toContain('marriage.divorce');
    expect(stderr).toBe('');
  }, 30_000);

  it('explains a date that is not one and a reversed range differently, with exit code 2', async () => {
    const env = { env: { ...process.env, DATA_DIR: dir } };
    await expect(run('npx', ['tsx', 'src/ratings/cli.ts', '--from', 'yesterday'], env)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--from 须为日期[^]*yesterday/),
    });
    await expect(run('npx', ['tsx', 'src/ratings/cli.ts', '--from', '2026-09-30', '--to', '2026-09-01'], env)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('晚于结束日期'),
    });
  }, 30_000);
});

describe('npm run report on a new installation', () => {
  it('reports zero ratings for a data directory nobody has rated in yet', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const stats = await reportFromDisk({ dataDir: dir, period: { from: '2026-01-01', to: '2026-12-31' }, now: new Date(), changeWindowMinutes: 10 });
      expect(stats).toMatchObject({ rated: 0, bad: 0, complaints: 0 });
    } finally {
      await cleanup();
    }
  });
});
