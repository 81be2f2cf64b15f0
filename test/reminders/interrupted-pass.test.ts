import { afterEach, describe, expect, it } from 'vitest';
import type { SendOutcome } from '../../src/reminders/types.js';
import { fakeSender, makeService, removeTempDirs, socialGroupCode } from './helpers.js';

afterEach(removeTempDirs);

const CHATS = 60;

describe('a reminder pass interrupted midway', () => {
  it('loses at most the messages in flight, and the next pass sends every one that never left', async () => {
    // The first process "dies" after 25 sends: later sends never return, nothing after them runs.
    let started = 0;
    const delivered: number[] = [];
    const dying = fakeSender((chatId): Promise<SendOutcome> => {
      started++;
      if (started > 25) return new Promise(() => undefined);
      delivered.push(chatId);
      return Promise.resolve({ status: 'ok' });
    });
    const first = await makeService(dying);
    for (let i = 1; i <= CHATS; i++) {
      await first.service.subscribe({ chatId: i, code: socialGroupCode(i), name: `协会${i}`, kind: '社会团体' });
    }
    void first.service.runPass();
    await new Promise((r) => setTimeout(r, 500));
    const inFlight = started - delivered.length;
    expect(delivered).toHaveLength(25);
    expect(inFlight).toBeGreaterThan(0);

    const sender = fakeSender();
    const second = await makeService(sender, { dataDir: first.dataDir });
    const report = await second.service.runPass();
    const again = sender.sent.map((m) => m.chatId);
    // Nothing delivered before the kill is sent twice; everything that never left is sent now.
    expect(again.filter((c) => delivered.includes(c))).toEqual([]);
    expect(report.unconfirmed).toBe(inFlight);
    expect(again).toHaveLength(CHATS - 25 - inFlight);
    expect(new Set(again).size).toBe(again.length);
  });

  it('does not resend a retry of an earlier failed stage that was in flight at the kill', async () => {
    const org = { chatId: 7, code: socialGroupCode(7), name: '协会7', kind: '社会团体' as const };
    const failing = await makeService(fakeSender(() => ({ status: 'failed', description: 'Bad Request' })));
    await failing.service.subscribe(org);
    expect(await failing.service.runPass()).toMatchObject({ failed: 1 });
    // The retry at a later pass hangs: the process is "killed" with it in flight.
    let reached!: () => void;
    const inFlight = new Promise<void>((r) => (reached = r));
    const hanging = await makeService(fakeSender(() => (reached(), new Promise(() => undefined))), { dataDir: failing.dataDir });
    hanging.setNow(new Date(Date.parse('2026-03-24T02:00:00Z')));
    void hanging.service.runPass();
    await inFlight;
    const sender = fakeSender();
    const restarted = await makeService(sender, { dataDir: failing.dataDir, now: new Date(Date.parse('2026-03-24T03:00:00Z')) });
    expect(await restarted.service.runPass()).toMatchObject({ unconfirmed: 1, sent: 0 });
    expect(sender.sent).toHaveLength(0);
  });
});

