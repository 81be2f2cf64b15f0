import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestRatings } from '../../src/ratings/latest-ratings.js';
import type { RatingService } from '../../src/ratings/service.js';
import type { RatingRecord } from '../../src/ratings/types.js';
import { fakeClock, openService, tempDir } from './helpers.js';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
async function* from<T>(items: T[]): AsyncGenerator<T[]> {
  // Two batches, so a change in the second batch must still replace a line from the first.
  yield items.slice(0, 2);
  yield items.slice(2);
}

describe('latestRatings', () => {
  const r = (answerId: string, at: number, firstAt: number, level: RatingRecord['level']): RatingRecord => ({
    answerId, at, firstAt, level, userId: 1, chatId: 1, intent: null, kind: 'card',
  });

  it('keeps only the last line of each answer', async () => {
    const lines = [r('a', 0, 0, 5), r('b', 1000, 1000, 2), r('a', 2000, 0, 1), r('c', 9_000_000, 9_000_000, 3)];
    const out = (await collect(latestRatings(from(lines), 600_000))).flat();
    expect(out.map((x) => [x.answerId, x.level])).toEqual([['a', 1], ['b', 2], ['c', 3]]);
  });
});

describe('stats', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let svc: RatingService;
  const clock = fakeClock('2026-09-14T10:00:00+08:00');
  const sept = { from: '2026-09-01', to: '2026-09-30' };

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    clock.set('2026-09-14T10:00:00+08:00');
    svc = await openService(dir, clock.now);
  });
  afterEach(async () => {
    await svc.close();
    await cleanup();
  });

  async function rated(intent: string, level: 1 | 2 | 3 | 4 | 5, userId = 7): Promise<void> {
    const { id } = await svc.recordAnswer({ chatId: userId, userId, intent, kind: 'card', question: 'q' });
    await svc.rate({ answerId: id, userId, level });
  }

  it('reports levels, satisfaction rate, 差评, cases and top items', async () => {
    await rated('marriage', 5);
    await rated('marriage', 4);
    await rated('marriage', 3);
    await rated('pension', 2);
    await rated('pension', 1);
    await svc.recordAnswer({ chatId: 7, userId: 7, intent: 'marriage', kind: 'card', question: 'unrated' });
    await svc.advanceCase(1, 'contacted', { id: 9, name: '王' }, '已回访');
    clock.set('2026-09-17T09:00:00+08:00');
    const s = await svc.stats(sept);
    expect(s.byLevel).toEqual({ 5: 1, 4: 1, 3: 1, 2: 1, 1: 1 });
    expect(s.rated).toBe(5);
    expect(s.satisfactionRate).toBeCloseTo(0.6);
    expect(s.bad).toBe(2);
    expect(s.answers).toBe(6);
    expect(s.daysSinceLastBad).toBe(3);
    expect(s.daysSinceLastComplaint).toBeNull();
    expect(s.cases).toMatchObject({ opened: 2, followedUp: 1, followUpRate: 0.5, open: 2, overdue: 0 });
    expect(s.topByVolume[0]).toEqual({ intent: 'marriage', count: 4 });
    expect(s.topByBad).toEqual([{ intent: 'pension', count: 2 }]);
  });

  it('reports nothing rated as no rate rather than 0% or 100%', async () => {
    const s = await svc.stats(sept);
    expect(s.satisfactionRate).toBeNull();
    expect(s.cases.followUpRate).toBeNull();
  });

  it('exports ratings and cases as Excel-ready CSV', async () => {
    await rated('marriage', 5);
    await rated('pension', 1);
    await svc.addReason(1, 7, { tags: ['slow'], text: '=cmd|calc 太慢了' });
    const csv = await svc.exportCsv(sept);
    expect(csv.ratings.startsWith('\uFEFF"评价时间"')).toBe(true);
    expect(csv.ratings.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(csv.ratings).toContain('"2026-09-14 10:00","2026-09-14 10:00"');
    expect(csv.ratings).toContain('"非常不满意","是"');
    expect(csv.cases).toContain('"时限太长","\'=cmd|calc 太慢了"');
    expect(csv.cases).toContain('"2026-09-20","待回访","否","pension","非常不满意"');
  });
});
