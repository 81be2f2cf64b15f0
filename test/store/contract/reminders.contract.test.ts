import { expect, it } from 'vitest';
import { chinaMorning, fakeSender, foundationCode, socialGroupCode } from '../../reminders/helpers.js';
import { describeStores, type ReminderClock } from './backends.js';

function clockAt(date: Date): ReminderClock & { set(d: Date): void } {
  let now = date;
  return {
    now: () => now,
    sleep: (ms) => {
      now = new Date(now.getTime() + ms);
      return Promise.resolve();
    },
    set(d) {
      now = d;
    },
  };
}

describeStores('reminder subscriptions and ledger', (backend, open) => {

  it.skipIf(backend.skip)('subscribes, lists, updates and unsubscribes per chat', async () => {
    const where = await open();
    const service = await where.reminders(fakeSender(), clockAt(chinaMorning('2026-03-24')));
    const created = await service.subscribe({ chatId: 1, code: socialGroupCode(1), name: '某某协会', kind: '社会团体' });
    expect(created.status).toBe('created');
    const updated = await service.subscribe({ chatId: 1, code: socialGroupCode(1), name: '某某学会', kind: '社会团体' });
    expect(updated.status).toBe('updated');
    await service.subscribe({ chatId: 1, code: foundationCode(2), name: '某某基金会', kind: '基金会' });
    await service.subscribe({ chatId: 2, code: socialGroupCode(1), name: '某某学会', kind: '社会团体' });
    expect(service.list(1).map((v) => v.name).sort()).toEqual(['某某基金会', '某某学会']);
    expect(service.find(2, socialGroupCode(1))?.chatId).toBe(2);
    expect(await service.unsubscribe(1, 'all')).toBe(2);
    expect(service.list(1)).toEqual([]);
    expect(service.list(2)).toHaveLength(1);
  });

  it.skipIf(backend.skip)('sends each stage once, across passes and restarts, and never after 已提交 on its deadline', async () => {
    const where = await open();
    const clock = clockAt(chinaMorning('2026-03-24'));
    const sender = fakeSender();
    const service = await where.reminders(sender, clock);
    for (let n = 1; n <= 5; n++) await service.subscribe({ chatId: 100 + n, code: socialGroupCode(n), name: `协会${n}`, kind: '社会团体' });
    await service.markSubmitted(105, socialGroupCode(5), { year: 2026, deadlineId: 'supervisor' });
    const first = await service.runPass({ date: '2026-03-24' });
    expect(first.sent).toBe(4);
    expect(sender.sent.map((m) => m.chatId).sort()).toEqual([101, 102, 103, 104]);
    expect((await service.runPass({ date: '2026-03-24' })).sent).toBe(0);
    const restarted = await where.reminders(sender, clock);
    expect((await restarted.runPass({ date: '2026-03-24' })).sent).toBe(0);
    expect(restarted.lastRunDate()).toBe('2026-03-24');
    expect(sender.sent).toHaveLength(4);
  });

  it.skipIf(backend.skip)('sends a charity its two 31 May reminders once each, across passes and restarts', async () => {
    const where = await open();
    const clock = clockAt(chinaMorning('2026-05-28'));
    const sender = fakeSender();
    const service = await where.reminders(sender, clock);
    await service.subscribe({ chatId: 31, code: foundationCode(31), name: '某某慈善会', kind: '慈善组织' });
    const first = await service.runPass({ date: '2026-05-28' });
    expect(first.sent).toBe(2);
    expect(first.planned.map((r) => r.deadline.id)).toEqual(['publish', 'related-parties']);
    expect((await service.runPass({ date: '2026-05-28' })).sent).toBe(0);
    const restarted = await where.reminders(sender, clock);
    expect((await restarted.runPass({ date: '2026-05-28' })).planned).toEqual([]);
    expect(sender.sent.map((m) => /关联方名单/.test(m.message.text))).toEqual([false, true]);
  });

  it.skipIf(backend.skip)('keeps a charity’s 31 May reminders after 已提交 on the March one, and stops only the one marked, across restarts', async () => {
    const where = await open();
    const clock = clockAt(chinaMorning('2026-03-24'));
    const sender = fakeSender();
    const service = await where.reminders(sender, clock);
    const code = foundationCode(41);
    await service.subscribe({ chatId: 41, code, name: '某某慈善会', kind: '慈善组织' });
    expect((await service.runPass({ date: '2026-03-24' })).planned.map((r) => r.deadline.id)).toEqual(['charity-report']);
    const march = await service.markSubmitted(41, code, { year: 2026, deadlineId: 'charity-report' });
    expect(march?.remaining.map((d) => d.deadlineId)).toEqual(['publish', 'related-parties']);
    clock.set(chinaMorning('2026-05-01'));
    const restarted = await where.reminders(sender, clock);
    expect((await restarted.runPass({ date: '2026-04-01' })).planned).toEqual([]);
    expect((await restarted.runPass({ date: '2026-05-01' })).planned.map((r) => r.deadline.id)).toEqual(['publish', 'related-parties']);
    const publish = await restarted.markSubmitted(41, code, { year: 2026, deadlineId: 'publish' });
    expect(publish).toMatchObject({ already: false, remaining: [{ deadlineId: 'related-parties' }], view: { status: 'upcoming' } });
    expect((await restarted.markSubmitted(41, code, { year: 2026, deadlineId: 'publish' }))?.already).toBe(true);
    const again = await where.reminders(sender, clock);
    expect((await again.runPass({ date: '2026-05-17' })).planned.map((r) => r.deadline.id)).toEqual(['related-parties']);
    expect(again.find(41, code)?.deadlines.map((d) => d.submitted)).toEqual([true, true, false]);
  });

  it.skipIf(backend.skip)('reads an older version’s year-wide 已提交 as done for the deadlines already being reminded then, open for later ones', async () => {
    const where = await open();
    const clock = clockAt(chinaMorning('2026-04-20'));
    const sender = fakeSender();
    const first = await where.reminders(sender, clock);
    await first.subscribe({ chatId: 51, code: foundationCode(51), name: '某某慈善会', kind: '慈善组织' });
    await first.subscribe({ chatId: 52, code: socialGroupCode(52), name: '某某协会', kind: '社会团体' });
    // Pressed on the 14-day reminder before 31 March, and on 10 May: before and after the May reminders began.
    await where.writeSubmitted(51, foundationCode(51), { '2026': '2026-03-17T01:00:00.000Z' });
    await where.writeSubmitted(52, socialGroupCode(52), { '2026': '2026-05-10T01:00:00.000Z' });
    const service = await where.reminders(sender, clock);
    expect(service.find(51, foundationCode(51))?.deadlines.map((d) => [d.deadlineId, d.submitted])).toEqual([
      ['charity-report', true],
      ['publish', false],
      ['related-parties', false],
    ]);
    expect(service.find(52, socialGroupCode(52))?.status).toBe('submitted');
    expect((await service.runPass({ date: '2026-05-17' })).planned.map((r) => [r.chatId, r.deadline.id])).toEqual([
      [51, 'publish'],
      [51, 'related-parties'],
    ]);
    // A new press adds a per-deadline record beside the old one, which keeps its meaning.
    expect((await service.markSubmitted(51, foundationCode(51)))?.deadline.deadlineId).toBe('publish');
    expect(service.find(51, foundationCode(51))?.deadlines.map((d) => d.submitted)).toEqual([true, true, false]);
  });

  it.skipIf(backend.skip)('pauses a chat that blocked the bot and resumes it when the chat talks again', async () => {
    const where = await open();
    const clock = clockAt(chinaMorning('2026-03-24'));
    const sender = fakeSender((chatId) => (chatId === 7 ? { status: 'blocked', description: 'Forbidden: bot was blocked by the user' } : { status: 'ok' }));
    const service = await where.reminders(sender, clock);
    await service.subscribe({ chatId: 7, code: socialGroupCode(7), name: '协会七', kind: '社会团体' });
    const report = await service.runPass({ date: '2026-03-24' });
    expect(report.blocked).toBe(1);
    expect(service.find(7, socialGroupCode(7))?.status).toBe('paused');
    expect(await service.resumeChat(7)).toBe(1);
    expect(service.find(7, socialGroupCode(7))?.status).not.toBe('paused');
  });

  it.skipIf(backend.skip)('retries a failed send at the next pass', async () => {
    const where = await open();
    const clock = clockAt(chinaMorning('2026-03-24'));
    let fail = true;
    const sender = fakeSender(() => (fail ? { status: 'failed', description: 'Bad Request' } : { status: 'ok' }));
    const service = await where.reminders(sender, clock);
    await service.subscribe({ chatId: 9, code: socialGroupCode(9), name: '协会九', kind: '社会团体' });
    expect((await service.runPass({ date: '2026-03-24' })).failed).toBe(1);
    fail = false;
    expect((await service.runPass({ date: '2026-03-24' })).sent).toBe(1);
  });
});
