import { expect, it } from 'vitest';
import { fakeClock } from '../../ratings/helpers.js';
import { describeStores } from './backends.js';

const START = '2026-03-02T10:00:00+08:00';
const ask = { chatId: 10, userId: 10, intent: 'dibao.apply', kind: 'card' as const, question: '低保怎么申请，电话13812345678' };

describeStores('ratings and cases', (backend, open) => {

  it.skipIf(backend.skip)('takes one rating per answer from the person who asked, and opens one case for a 差评', async () => {
    const where = await open();
    const clock = fakeClock(START);
    const ratings = await where.ratings(clock.now);
    const { id } = await ratings.recordAnswer(ask);
    expect(await ratings.rate({ answerId: id, userId: 99, level: 5 })).toEqual({ ok: false, reason: 'not-yours' });
    const first = await ratings.rate({ answerId: id, userId: 10, level: 2 });
    expect(first.ok && first.change).toBe('new');
    expect(first.ok && first.opened?.status).toBe('open');
    expect(first.ok && first.opened?.question).not.toContain('13812345678');
    const again = await ratings.rate({ answerId: id, userId: 10, level: 2 });
    expect(again.ok && again.change).toBe('same');
    const worse = await ratings.rate({ answerId: id, userId: 10, level: 1 });
    expect(worse.ok && worse.change).toBe('changed');
    expect(worse.ok && worse.opened).toBeUndefined();
    expect(ratings.openCases()).toHaveLength(1);
  });

  it.skipIf(backend.skip)('opens a single case when the same 差评 button is pressed twice at once', async () => {
    const where = await open();
    const clock = fakeClock(START);
    const ratings = await where.ratings(clock.now);
    const { id } = await ratings.recordAnswer(ask);
    const results = await Promise.all([1, 2].map(() => ratings.rate({ answerId: id, userId: 10, level: 1 })));
    expect(results.filter((r) => r.ok && r.opened)).toHaveLength(1);
    expect(ratings.openCases()).toHaveLength(1);
  });

  it.skipIf(backend.skip)('withdraws the case when the 差评 is changed to a good rating within the window, then locks', async () => {
    const where = await open();
    const clock = fakeClock(START);
    const ratings = await where.ratings(clock.now, 10);
    const { id } = await ratings.recordAnswer(ask);
    await ratings.rate({ answerId: id, userId: 10, level: 1 });
    clock.advance(60_000);
    const good = await ratings.rate({ answerId: id, userId: 10, level: 4 });
    expect(good.ok && good.withdrawn?.withdrawn).toBe(true);
    expect(ratings.openCases()).toHaveLength(0);
    clock.advance(11 * 60_000);
    expect(await ratings.rate({ answerId: id, userId: 10, level: 1 })).toEqual({ ok: false, reason: 'locked' });
  });

  it.skipIf(backend.skip)('refuses unknown and expired answers', async () => {
    const where = await open();
    const clock = fakeClock(START);
    const ratings = await where.ratings(clock.now);
    expect(await ratings.rate({ answerId: 'zzzz', userId: 1, level: 5 })).toEqual({ ok: false, reason: 'unknown' });
    const { id } = await ratings.recordAnswer(ask);
    clock.advance(73 * 3_600_000);
    expect(await ratings.rate({ answerId: id, userId: 10, level: 5 })).toEqual({ ok: false, reason: 'expired' });
  });

  it.skipIf(backend.skip)('moves a case through 回访, 整改, 办结 in order only, and keeps it across a restart', async () => {
    const where = await open();
    const clock = fakeClock(START);
    const ratings = await where.ratings(clock.now);
    const c = await ratings.openComplaint({ chatId: 5, userId: 5, text: '窗口态度差，身份证110101199003074578' });
    expect(c.question).not.toContain('110101199003074578');
    const clerk = { id: 1, name: '王科长' };
    await expect(ratings.advanceCase(c.id, 'rectified', clerk, '已整改')).rejects.toThrow(/回访/);
    await ratings.takeCase(c.id, clerk);
    await ratings.advanceCase(c.id, 'contacted', clerk, '已电话回访');
    await ratings.rerateCase(c.id, 5, 4);
    await ratings.close();
    const reopened = await where.ratings(clock.now);
    const back = reopened.getCase(c.id);
    expect(back?.status).toBe('contacted');
    expect(back?.assignee?.name).toBe('王科长');
    expect(back?.rerating?.level).toBe(4);
    expect(back?.events.map((e) => e.action)).toEqual(['opened', 'taken', 'contacted', 'rerated']);
  });

  it.skipIf(backend.skip)('counts the period’s answers, ratings and cases the same way', async () => {
    const where = await open();
    const clock = fakeClock(START);
    const ratings = await where.ratings(clock.now);
    const a = await ratings.recordAnswer(ask);
    const b = await ratings.recordAnswer({ ...ask, intent: 'marriage.registration' });
    await ratings.recordAnswer(ask);
    await ratings.rate({ answerId: a.id, userId: 10, level: 5 });
    await ratings.rate({ answerId: b.id, userId: 10, level: 1 });
    const stats = await ratings.stats({ from: '2026-03-01', to: '2026-03-31' });
    expect(stats.answers).toBe(3);
    expect(stats.rated).toBe(2);
    expect(stats.bad).toBe(1);
    expect(stats.cases.opened).toBe(1);
    expect(stats.topByVolume[0]).toEqual({ intent: 'dibao.apply', count: 2 });
    const csv = await ratings.exportCsv({ from: '2026-03-01', to: '2026-03-31' });
    expect(csv.ratings.split('\r\n').filter(Boolean)).toHaveLength(3);
  });
});
