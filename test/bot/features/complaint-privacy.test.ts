import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANAGER_CHAT_ID, createTestBot, type TestBot } from '../helpers.js';

let t: TestBot;
beforeEach(async () => {
  t = await createTestBot({ now: () => new Date('2026-09-30T15:00:00+08:00') });
});
afterEach(async () => {
  await t.close();
});

describe('an abandoned complaint', () => {
  it('leaves no phone or ID number in chats.json', async () => {
    await t.send('/complaint');
    await t.send('１３８１２３４５６７８');
    await t.deps.chats.flush();
    const stored = await readFile(join(t.dataDir, 'chats.json'), 'utf8');
    expect(stored).toContain('complaint');
    expect(stored).not.toMatch(/1234|１２３４/);
    expect(stored).toContain('138****5678');
  });
});

describe('a complaint with numbers written every which way', () => {
  it('masks them in cases.json, the answers log and the managers chat', async () => {
    await t.send('/complaint');
    const calls = await t.send('窗口态度差，我身份证 110101 19900307 1234，电话 0755 8765 4321，手机 (138)12345678，请回电 008613812345678');
    const push = calls.find((c) => c.method === 'sendMessage' && c.payload.chat_id === MANAGER_CHAT_ID);
    expect(String(push?.payload.text)).toContain('110101***********4');
    const stored = [
      await readFile(join(t.dataDir, 'cases.json'), 'utf8'),
      ...(await Promise.all((await readdir(join(t.dataDir, 'answers'))).map((f) => readFile(join(t.dataDir, 'answers', f), 'utf8')))),
      String(push?.payload.text),
    ];
    for (const text of stored) {
      expect(text).not.toMatch(/19900307|8765 43|12345678|8612345/);
    }
  });
});
