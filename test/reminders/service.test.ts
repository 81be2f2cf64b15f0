import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SEND_LEDGER_FILE } from '../../src/reminders/send-ledger.js';
import { chinaMorning, fakeSender, foundationCode, makeService, removeTempDirs, socialGroupCode } from './helpers.js';

afterEach(removeTempDirs);

const ORG = { chatId: 100, code: socialGroupCode(), name: '某某市软件行业协会', kind: '社会团体' as const };

describe('subscriptions', () => {
  it('lists an organisation with its next deadline and days left', async () => {
    const { service } = await makeService(fakeSender());
    expect(await service.subscribe(ORG)).toMatchObject({ status: 'created' });
    expect(service.list(100)).toEqual([
      expect.objectContaining({ code: ORG.code, status: 'upcoming', year: 2026, next: expect.objectContaining({ date: '2026-03-31', daysLeft: 7 }) }),
    ]);
  });

  it('lets one chat follow several organisations and updates one subscribed twice', async () => {
    const { service } = await makeService(fakeSender());
    await service.subscribe(ORG);
    await service.subscribe({ ...ORG, code: foundationCode(), kind: '基金会', name: '某某基金会' });
    expect(await service.subscribe({ ...ORG, name: '新名字' })).toMatchObject({ status: 'updated' });
    expect(service.list(100).map((v) => v.name)).toEqual(['新名字', '某某基金会']);
  });

  it('removes one organisation or all of a chat, leaving other chats alone', async () => {
    const { service } = await makeService(fakeSender());
    await service.subscribe(ORG);
    await service.subscribe({ ...ORG, code: foundationCode(), kind: '基金会' });
    await service.subscribe({ ...ORG, chatId: 200 });
    expect(await service.unsubscribe(100, ORG.code)).toBe(1);
    expect(await service.unsubscribe(100, 'all')).toBe(1);
    expect(await service.unsubscribe(100, 'all')).toBe(0);
    expect(service.list(200)).toHaveLength(1);
  });

  it('survives a restart: subscriptions are on disk', async () => {
    const first = await makeService(fakeSender());
    await first.service.subscribe(ORG);
    const second = await makeService(fakeSender(), { dataDir: first.dataDir });
    expect(second.service.list(100)).toHaveLength(1);
  });

  it('shows the next year once every deadline of this year is marked 已提交 and its season is over', async () => {
    const { service, setNow } = await makeService(fakeSender());
    await service.subscribe(ORG);
    const first = await service.markSubmitted(100, ORG.code, { year: 2026, deadlineId: 'supervisor' });
    expect(first).toMatchObject({ view: { status: 'upcoming', year: 2026, next: { deadlineId: 'registration' } }, remaining: [{ deadlineId: 'registration' }] });
    expect(await service.markSubmitted(100, ORG.code, { year: 2026, deadlineId: 'registration' })).toMatchObject({ view: { status: 'submitted', year: 2026 }, remaining: [] });
    setNow(chinaMorning('2026-07-01'));
    expect(service.find(100, ORG.code)).toMatchObject({ status: 'upcoming', year: 2027 });
  });
});

describe('runPass', () => {
  it('sends a reminder naming the organisation, deadline, days left, checklist and portal', async () => {
    const sender = fakeSender();
    const { service } = await makeService(sender);
    await service.subscribe(ORG);
    const report = await service.runPass();
    expect(report).toMatchObject({ sent: 1, blocked: 0, failed: 0 });
    const text = sender.sent[0]?.message.text ?? '';
    for (const part of ['某某市软件行业协会', '2026年3月31日', '还有 7 天', '年度工作报告书', 'https://chinanpo.mca.gov.cn']) {
      expect(text).toContain(part);
    }
    expect(sender.sent[0]?.message.buttons.flat().map((b) => b.text)).toEqual(['✅ 已提交', '📋 查看材料', '退订']);
    expect(sender.sent[0]?.message.buttons.flat().every((b) => Buffer.byteLength(b.data) <= 64)).toBe(true);
  });

  it('is idempotent: a second pass the same day sends nothing', async () => {
    const sender = fakeSender();
    const { service } = await makeService(sender);
    await service.subscribe(ORG);
    await service.runPass();
    expect(await service.runPass()).toMatchObject({ sent: 0, planned: [] });
    expect(sender.sent).toHaveLength(1);
  });

  it('sends nothing more for a deadline after its 已提交, but still reminds of the next one', async () => {
    const sender = fakeSender();
    const { service, setNow } = await makeService(sender);
    await service.subscribe(ORG);
    await service.markSubmitted(100, ORG.code, { year: 2026, deadlineId: 'supervisor' });
    for (const day of ['2026-03-24', '2026-03-30', '2026-04-01', '2026-05-25']) {
      setNow(chinaMorning(day));
      await service.runPass();
    }
    expect(sender.sent.map((m) => m.message.text.match(/年度工作报告报送\S+?，截止日期：\S+?日/)?.[0])).toEqual([
      '年度工作报告报送登记管理机关，截止日期：2026年5月31日',
    ]);
    await service.markSubmitted(100, ORG.code, { year: 2026, deadlineId: 'registration' });
    setNow(chinaMorning('2026-05-30'));
    expect(await service.runPass()).toMatchObject({ planned: [] });
  });

  it('after downtime sends one reminder for the current stage, not the missed ones', async () => {
    const sender = fakeSender();
    const { service, setNow } = await makeService(sender, { now: chinaMorning('2026-03-01') });
    await service.subscribe(ORG);
    await service.runPass();
    setNow(chinaMorning('2026-03-29'));
    await service.runPass();
    expect(sender.sent.map((m) => m.message.text.match(/还有 \d+ 天|明天|今天/)?.[0])).toEqual(['还有 30 天', '还有 2 天']);
  });

  it('does not resend after a crash between the pending and sent records', async () => {
    // The first process's send never returns: it "dies" after writing `pending`.
    let reachedSend!: () => void;
    const sendStarted = new Promise<void>((resolve) => (reachedSend = resolve));
    const hanging = fakeSender(() => {
      reachedSend();
      return new Promise(() => undefined);
    });
    const first = await makeService(hanging);
    await first.service.subscribe(ORG);
    void first.service.runPass();
    await sendStarted;
    const ledger = await readFile(join(first.dataDir, SEND_LEDGER_FILE), 'utf8');
    expect(JSON.parse(ledger.trim())).toMatchObject({ offset: -7, status: 'pending' });

    const sender = fakeSender();
    const second = await makeService(sender, { dataDir: first.dataDir });
    expect(await second.service.runPass()).toMatchObject({ unconfirmed: 1, sent: 0 });
    expect(sender.sent).toHaveLength(0);
    // The next stage still goes out.
    second.setNow(chinaMorning('2026-03-28'));
    expect(await second.service.runPass()).toMatchObject({ unconfirmed: 0, sent: 1 });
  });

  it('sends a charity both reminders due on the same day, once each, across passes and a restart', async () => {
    const charity = { ...ORG, code: foundationCode(3), name: '某某慈善基金会', kind: '慈善组织' as const };
    const sender = fakeSender();
    const first = await makeService(sender, { now: chinaMorning('2026-05-28') });
    await first.service.subscribe(charity);
    expect(await first.service.runPass()).toMatchObject({ sent: 2 });
    const texts = sender.sent.map((m) => m.message.text);
    expect(texts[0]).toContain('向社会公开年度工作报告和财务会计报告，截止日期：2026年5月31日');
    expect(texts[1]).toContain('关联方名单及关联关系说明报送民政部门，截止日期：2026年5月31日');
    expect(await first.service.runPass()).toMatchObject({ sent: 0, planned: [] });
    const restarted = await makeService(sender, { dataDir: first.dataDir, now: chinaMorning('2026-05-28', '15:00') });
    expect(await restarted.service.runPass()).toMatchObject({ sent: 0, planned: [] });
    // The next stage of each deadline goes out once more, again one message per deadline.
    restarted.setNow(chinaMorning('2026-05-30'));
    expect(await restarted.service.runPass()).toMatchObject({ sent: 2 });
    expect(sender.sent).toHaveLength(4);
  });

  it('after a kill with the second same-day reminder in flight resends neither, and retries only a failed one', async () => {
    const charity = { ...ORG, code: foundationCode(3), name: '某某慈善基金会', kind: '慈善组织' as const };
    // The first message is delivered; the process dies before the second one leaves.
    let reachedSecond!: () => void;
    const atSecond = new Promise<void>((resolve) => (reachedSecond = resolve));
    const dying = fakeSender((_chat, attempt) => (attempt === 1 ? { status: 'ok' } : (reachedSecond(), new Promise(() => undefined))));
    const first = await makeService(dying, { now: chinaMorning('2026-05-28') });
    await first.service.subscribe(charity);
    void first.service.runPass();
    await atSecond;
    const sender = fakeSender();
    const second = await makeService(sender, { dataDir: first.dataDir, now: chinaMorning('2026-05-28', '10:00') });
    // The second was in flight: it may have arrived, so it is not resent; the first was delivered.
    expect(await second.service.runPass()).toMatchObject({ unconfirmed: 1, sent: 0 });
    expect(dying.sent.map((m) => m.message.text.includes('向社会公开'))).toEqual([true]);

    // Failed (not in flight) is different: only the undelivered deadline is tried again.
    const failSecond = fakeSender((_chat, attempt) => (attempt === 2 ? { status: 'failed', description: 'Bad Request' } : { status: 'ok' }));
    const third = await makeService(failSecond, { now: chinaMorning('2026-05-28') });
    await third.service.subscribe(charity);
    expect(await third.service.runPass()).toMatchObject({ sent: 1, failed: 1 });
    const retry = await third.service.runPass();
    expect(retry).toMatchObject({ sent: 1 });
    expect(retry.planned.map((r) => r.deadline.id)).toEqual(['related-parties']);
  });

  it('dry-run lists what would be sent and records nothing', async () => {
    const sender = fakeSender();
    const { service } = await makeService(sender);
    await service.subscribe(ORG);
    const dry = await service.runPass({ dryRun: true, date: '2026-03-30' });
    expect(dry.planned).toEqual([expect.objectContaining({ code: ORG.code, offset: -1, daysLeft: 1 })]);
    expect(sender.attempts).toBe(0);
    expect(service.lastRunDate()).toBeUndefined();
    expect(await service.runPass()).toMatchObject({ sent: 1 });
  });

  it('waits in quiet hours unless told otherwise', async () => {
    const sender = fakeSender();
    const { service } = await makeService(sender, { now: chinaMorning('2026-03-24', '22:30') });
    await service.subscribe(ORG);
    expect(await service.runPass()).toMatchObject({ skipped: 'quiet-hours', sent: 0 });
    expect(await service.runPass({ ignoreQuietHours: true })).toMatchObject({ sent: 1 });
  });

  it('waits out a 429 and delivers once', async () => {
    const sender = fakeSender((_chat, attempt) => (attempt === 1 ? { status: 'retry-after', seconds: 3 } : { status: 'ok' }));
    const { service } = await makeService(sender);
    await service.subscribe(ORG);
    expect(await service.runPass()).toMatchObject({ sent: 1, rateLimited: 1, failed: 0 });
    expect(sender.sent).toHaveLength(1);
  });

  it('pauses every subscription of a chat that answers 403, counts it and does not retry', async () => {
    const sender = fakeSender((chatId) => (chatId === 100 ? { status: 'blocked', description: 'Forbidden: bot was blocked by the user' } : { status: 'ok' }));
    const { service, setNow } = await makeService(sender);
    await service.subscribe(ORG);
    await service.subscribe({ ...ORG, code: socialGroupCode(2) });
    await service.subscribe({ ...ORG, chatId: 200 });
    expect(await service.runPass()).toMatchObject({ sent: 1, blocked: 2 });
    expect(sender.attempts).toBe(2); // the chat's second organisation is not even tried
    expect(service.summary()).toMatchObject({ paused: 2, blockedChats: 1 });
    setNow(chinaMorning('2026-03-28'));
    await service.runPass();
    expect(sender.attempts).toBe(3);
    // The user unblocks and talks to the bot again: reminders resume with the current stage.
    expect(await service.resumeChat(100)).toBe(2);
  });

  it('retries a network error with backoff and records a lasting failure for the next pass', async () => {
    const flaky = fakeSender((_chat, attempt) => (attempt < 3 ? { status: 'network-error', description: 'ECONNRESET' } : { status: 'ok' }));
    const first = await makeService(flaky);
    await first.service.subscribe(ORG);
    expect(await first.service.runPass()).toMatchObject({ sent: 1, failed: 0 });

    const down = fakeSender(() => ({ status: 'network-error', description: 'ETIMEDOUT' }));
    const second = await makeService(down);
    await second.service.subscribe(ORG);
    expect(await second.service.runPass()).toMatchObject({ sent: 0, failed: 1 });
    expect(down.attempts).toBe(4);
    expect(await second.service.runPass()).toMatchObject({ failed: 1 }); // still current: tried again
  });
});

describe('manager views', () => {
  it('summarise subscriptions by kind and status', async () => {
    const { service } = await makeService(fakeSender(), { now: chinaMorning('2026-04-02') });
    await service.subscribe(ORG);
    await service.subscribe({ ...ORG, chatId: 200, code: foundationCode(), kind: '基金会', name: '某某基金会' });
    await service.subscribe({ ...ORG, chatId: 300, code: socialGroupCode(3) });
    // Without a deadline named, each press takes the earliest one still open: two presses, both done.
    await service.markSubmitted(300, socialGroupCode(3));
    await service.markSubmitted(300, socialGroupCode(3));
    expect(service.summary()).toMatchObject({
      total: 3,
      byKind: { 社会团体: 2, 基金会: 1, 民办非企业单位: 0, 慈善组织: 0 },
      submitted: 1,
      upcoming: 1,
      minDaysLeft: 59,
      overdue: 1,
      blockedChats: 0,
    });
  });

  it('export CSV with a BOM and neutralise a name that looks like a formula', async () => {
    const { service } = await makeService(fakeSender());
    await service.subscribe({ ...ORG, name: '=HYPERLINK("x","协会")' });
    const csv = service.exportCsv();
    expect(csv.startsWith('\uFEFF统一社会信用代码,组织名称')).toBe(true);
    expect(csv).toContain(`${ORG.code},"'=HYPERLINK(""x"",""协会"")",社会团体,100`);
  });
});
