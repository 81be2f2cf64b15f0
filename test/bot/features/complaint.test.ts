import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANAGER_CHAT_ID, USER, createTestBot, type TestBot } from '../helpers.js';

let t: TestBot;
beforeEach(async () => {
  t = await createTestBot({ now: () => new Date('2026-09-30T15:00:00+08:00') });
});
afterEach(async () => {
  await t.close();
});

describe('a complaint', () => {
  it('asks for the details, opens a case due after the 国庆 holiday and pushes it to the managers', async () => {
    const ask = t.texts(await t.send('我要投诉'));
    expect(ask[0]).toContain('请用一条消息说明');
    const calls = await t.send('婚姻登记处窗口工作人员爱答不理，让我下周再来，我电话13812345678');
    const [reply] = t.texts(calls).filter((x) => x.includes('已受理'));
    // Due five working days after 09-30: 10-08, 10-09, 10-10 (调休), 10-12, 10-13.
    expect(reply).toContain('编号 #1');
    expect(reply).toContain('10月13日 前联系您');
    const push = calls.find((c) => c.method === 'sendMessage' && c.payload.chat_id === MANAGER_CHAT_ID);
    expect(String(push?.payload.text)).toContain('新投诉');
    expect(String(push?.payload.text)).toContain('138****5678');
    expect(String(push?.payload.text)).not.toContain('13812345678');
    expect(t.buttons(calls).filter((b) => b.data.startsWith('rt:'))).toHaveLength(5);
    expect(t.deps.ratings.getCase(1)).toMatchObject({ source: 'complaint', status: 'open', dueDate: '2026-10-13' });
    expect(t.deps.chats.get(USER.id)?.dialog).toBeUndefined();
  });

  it('asks once for more when the first answer is too short, then takes what comes', async () => {
    await t.send('/complaint');
    expect(t.texts(await t.send('态度差'))[0]).toContain('能再多说一点吗');
    const reply = t.texts(await t.send('民政局'));
    expect(reply.some((x) => x.includes('已受理'))).toBe(true);
    expect(t.deps.ratings.getCase(1)?.question).toBe('态度差 / 民政局');
  });

  it('can be cancelled without opening a case', async () => {
    await t.send('/complaint');
    await t.send('/cancel');
    await t.send('结婚登记要带什么材料');
    expect(t.deps.ratings.openCases()).toHaveLength(0);
  });
});
