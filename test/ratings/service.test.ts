import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaseError } from '../../src/errors.js';
import type { RatingService } from '../../src/ratings/service.js';
import { fakeClock, openService, tempDir } from './helpers.js';

const MIN = 60_000;
const ASKER = 1001;
const OTHER = 2002;

describe('rating service', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let clock: ReturnType<typeof fakeClock>;
  let svc: RatingService;

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    clock = fakeClock('2026-09-14T10:00:00+08:00');
    svc = await openService(dir, clock.now);
  });
  afterEach(async () => {
    await svc.close();
    await cleanup();
  });

  const answer = (question = '结婚登记要带什么') =>
    svc.recordAnswer({ chatId: ASKER, userId: ASKER, intent: 'marriage-registration', kind: 'card', question });

  it('issues answer ids short enough for callback data', async () => {
    const { id } = await answer();
    expect(id).toMatch(/^[0-9a-z]{17}$/);
    expect(Buffer.byteLength(`rt:${id}:5`)).toBeLessThanOrEqual(64);
  });

  it('records a first rating by the person who asked', async () => {
    const { id } = await answer();
    const out = await svc.rate({ answerId: id, userId: ASKER, level: 5 });
    expect(out).toMatchObject({ ok: true, change: 'new', level: 5 });
    expect(out.ok && out.opened).toBeFalsy();
  });

  it('changes the rating when pressed again within the window, never adding a second', async () => {
    const { id } = await answer();
    await svc.rate({ answerId: id, userId: ASKER, level: 3 });
    clock.advance(5 * MIN);
    expect(await svc.rate({ answerId: id, userId: ASKER, level: 4 })).toMatchObject({ ok: true, change: 'changed' });
    expect(await svc.rate({ answerId: id, userId: ASKER, level: 4 })).toMatchObject({ ok: true, change: 'same' });
    const stats = await svc.stats({ from: '2026-09-01', to: '2026-09-30' });
    expect(stats.rated).toBe(1);
    expect(stats.byLevel[4]).toBe(1);
    expect(stats.byLevel[3]).toBe(0);
  });

  it('refuses a change after the window and keeps the first rating', async () => {
    const { id } = await answer();
    await svc.rate({ answerId: id, userId: ASKER, level: 4 });
    clock.advance(11 * MIN);
    expect(await svc.rate({ answerId: id, userId: ASKER, level: 1 })).toEqual({ ok: false, reason: 'locked' });
    expect(svc.openCases()).toHaveLength(0);
  });

  it('refuses a press by someone other than the asker', async () => {
    const { id } = await answer();
    expect(await svc.rate({ answerId: id, userId: OTHER, level: 1 })).toEqual({ ok: false, reason: 'not-yours' });
    expect((await svc.stats({ from: '2026-09-01', to: '2026-09-30' })).rated).toBe(0);
  });

  it('tells unknown answers from old ones', async () => {
    expect(await svc.rate({ answerId: 'zzzzzzzzzzz', userId: ASKER, level: 5 })).toEqual({ ok: false, reason: 'unknown' });
    const { id } = await answer();
    clock.advance(73 * 60 * MIN);
    expect(await svc.rate({ answerId: id, userId: ASKER, level: 5 })).toEqual({ ok: false, reason: 'expired' });
  });

  it('rates once when the same button is pressed twice at the same moment', async () => {
    const { id } = await answer();
    const [a, b] = await Promise.all([
      svc.rate({ answerId: id, userId: ASKER, level: 1 }),
      svc.rate({ answerId: id, userId: ASKER, level: 1 }),
    ]);
    expect([a.ok && a.change, b.ok && b.change].sort()).toEqual(['new', 'same']);
    expect(svc.openCases()).toHaveLength(1);
  });

  it('opens a case for a 差评 with the masked question and a due date five working days on', async () => {
    const { id } = await answer('我的身份证110101199003071234电话13812345678怎么办');
    const out = await svc.rate({ answerId: id, userId: ASKER, level: 1 });
    expect(out.ok && out.opened).toMatchObject({ id: 1, source: 'rating', level: 1, status: 'open', dueDate: '2026-09-20' });
    // 09-15..09-18 are four working days; Sunday 09-20 is a 调休 workday, so it is the fifth.
    const c = svc.getCase(1);
    expect(c?.question).not.toContain('110101199003071234');
    expect(c?.question).not.toContain('13812345678');
    expect(c?.question).toContain('138****5678');
  });

  it('withdraws the case when a 差评 is changed to a good level within the window', async () => {
    const { id } = await answer();
    await svc.rate({ answerId: id, userId: ASKER, level: 2 });
    const out = await svc.rate({ answerId: id, userId: ASKER, level: 5 });
    expect(out.ok && out.withdrawn?.id).toBe(1);
    expect(svc.openCases()).toHaveLength(0);
    const stats = await svc.stats({ from: '2026-09-01', to: '2026-09-30' });
    expect(stats.bad).toBe(0);
    expect(stats.daysSinceLastBad).toBeNull();
  });

  it('takes a 差评 through reason, 回访, 整改 and closing, then the re-rating', async () => {
    const { id } = await answer();
    await svc.rate({ answerId: id, userId: ASKER, level: 2 });
    await expect(svc.addReason(1, OTHER, { tags: ['slow'] })).rejects.toThrow(CaseError);
    await svc.addReason(1, ASKER, { tags: ['unclear', 'slow'], text: '材料清单没写复印件，回电 13812345678' });
    await expect(svc.addReason(1, ASKER, { tags: ['other'] })).rejects.toThrow('已经收到');
    const manager = { id: 9, name: '王科长' };
    await expect(svc.advanceCase(1, 'rectified', manager, '已改')).rejects.toThrow('回访 → 整改 → 办结');
    await expect(svc.rerateCase(1, ASKER, 5)).rejects.toThrow('回访后');
    await svc.takeCase(1, manager);
    await svc.advanceCase(1, 'contacted', manager, '已电话回访');
    await expect(svc.advanceCase(1, 'closed', manager, '办结')).rejects.toThrow(CaseError);
    await svc.advanceCase(1, 'rectified', manager, '材料清单已补充复印件说明');
    await svc.advanceCase(1, 'closed', manager, '已告知当事人');
    await svc.rerateCase(1, ASKER, 4);
    const c = svc.getCase(1);
    expect(c).toMatchObject({ status: 'closed', reasons: ['unclear', 'slow'], assignee: manager, rerating: { level: 4 } });
    expect(c?.reasonText).toContain('138****5678');
    expect(c?.events.map((e) => e.action)).toEqual(['opened', 'reason', 'taken', 'contacted', 'rectified', 'closed', 'rerated']);
  });

  it('refuses an empty follow-up note', async () => {
    const { id } = await answer();
    await svc.rate({ answerId: id, userId: ASKER, level: 1 });
    await expect(svc.advanceCase(1, 'contacted', { id: 9, name: 'x' }, '  ')).rejects.toThrow('请写一句回访情况');
    expect(svc.getCase(1)?.status).toBe('open');
  });

  it('opens a case for a complaint with the details masked', async () => {
    const c = await svc.openComplaint({ chatId: ASKER, userId: ASKER, text: '窗口人员态度差，我电话13812345678' });
    expect(c).toMatchObject({ id: 1, source: 'complaint', intent: 'complaint', status: 'open' });
    expect(c.question).toContain('138****5678');
    const stats = await svc.stats({ from: '2026-09-01', to: '2026-09-30' });
    expect(stats.complaints).toBe(1);
    expect(stats.daysSinceLastComplaint).toBe(0);
  });

  it('sets the due date after the 国庆 holiday and its 调休 workday', async () => {
    clock.set('2026-09-30T16:00:00+08:00');
    const c = await svc.openComplaint({ chatId: ASKER, userId: ASKER, text: '举报' });
    // 国庆 2026 (国办发明电 schedule): 10-01..10-07 off, Saturday 10-10 a 调休 workday.
    // Working days after 09-30: 10-08, 10-09, 10-10, 10-12, 10-13.
    expect(c.dueDate).toBe('2026-10-13');
  });

  it('counts a case overdue from the day after its due date until it is closed', async () => {
    const c = await svc.openComplaint({ chatId: ASKER, userId: ASKER, text: '投诉' });
    clock.set(`${c.dueDate}T23:00:00+08:00`);
    expect(svc.isOverdue(c)).toBe(false);
    clock.advance(2 * 60 * MIN);
    expect(svc.isOverdue(c)).toBe(true);
    expect((await svc.stats({ from: '2026-09-01', to: '2026-09-30' })).cases.overdue).toBe(1);
  });

  it('reads everything back after a restart, including the re-rating window', async () => {
    const { id } = await answer();
    await svc.rate({ answerId: id, userId: ASKER, level: 2 });
    await svc.close();
    svc = await openService(dir, clock.now);
    clock.advance(MIN);
    expect(await svc.rate({ answerId: id, userId: OTHER, level: 5 })).toEqual({ ok: false, reason: 'not-yours' });
    const out = await svc.rate({ answerId: id, userId: ASKER, level: 1 });
    expect(out).toMatchObject({ ok: true, change: 'changed' });
    expect(svc.openCases()).toHaveLength(1);
    expect(svc.getCase(1)?.level).toBe(1);
  });
});
