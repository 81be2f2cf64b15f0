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
});
