import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closingNotice } from '../../../src/bot/features/manager.js';
import type { RatingCase } from '../../../src/ratings/types.js';
import { MANAGER_COMMANDS } from '../../../src/bot/manager-commands.js';
import { ADMIN, MANAGER_CHAT_ID, USER, createTestBot, type ApiCall, type TestBot } from '../helpers.js';

let t: TestBot;
let now = new Date('2026-09-14T10:00:00+08:00');
beforeEach(async () => {
  now = new Date('2026-09-14T10:00:00+08:00');
  t = await createTestBot({ now: () => now });
});
afterEach(async () => {
  await t.close();
});

/** A citizen asks, presses 非常不满意 and gives a reason: case #1. */
async function badReview(): Promise<void> {
  const calls = await t.send('结婚登记要带什么材料');
  const worst = t.buttons(calls).find((b) => b.text === '非常不满意')!;
  await t.press(worst.data);
  await t.send('材料清单没写要复印件');
}

const button = (calls: ApiCall[], text: string) => t.buttons(calls).find((b) => b.text === text)!;

describe('manager commands', () => {
  it.each(['/stats', '/cases', '/export', '/unanswered', '/close 1 好'])('are not shown to a citizen who types %s', async (cmd) => {
    await badReview();
    const texts = t.texts(await t.send(cmd));
    expect(texts.join()).not.toMatch(/好差评统计|未办结案件|未能直接答复|已记录/);
    expect(t.calls.some((c) => c.method === 'sendDocument')).toBe(false);
    expect(t.deps.ratings.getCase(1)?.status).toBe('open');
  });

  it('refuses case buttons pressed by a citizen', async () => {
    await badReview();
    const calls = await t.press('cs:take:1', USER);
    expect(String(calls[0]?.payload.text)).toContain('只对管理员有效');
    expect(t.deps.ratings.getCase(1)?.assignee).toBeUndefined();
  });

  it('/stats shows levels, the satisfaction rate, 差评 and case follow-up', async () => {
    await badReview();
    const [text] = t.texts(await t.send('/stats', ADMIN));
    expect(text).toContain('好差评统计（2026-09-01 至 2026-09-14）');
    expect(text).toContain('非常不满意 1');
    expect(text).toContain('满意率 0.0%');
    expect(text).toContain('差评 1 条');
    expect(text).toContain('今天有差评');
    expect(text).toContain('回访率 0.0%');
    expect(text).toContain('差评最多：结婚登记');
  });

  it('/stats explains a period it cannot read', async () => {
    expect(t.texts(await t.send('/stats 昨天吧', ADMIN))[0]).toContain('没看懂时间范围');
  });

  it('/cases lists open cases oldest first and flags overdue ones', async () => {
    await badReview();
    now = new Date('2026-09-22T10:00:00+08:00');
    const [text] = t.texts(await t.send('/cases', ADMIN));
    expect(text).toContain('未办结案件 1 件（超期 1 件）');
    expect(text).toContain('#1 差评（非常不满意）');
    expect(text).toContain('⚠️超期');
  });

  it('takes a case through 认领, 回访, 整改 and 办结 by buttons and replies, then the citizen re-rates', async () => {
    await badReview();
    const shown = await t.send('/case 1', ADMIN);
    expect(t.texts(shown)[0]).toContain('补充说明：材料清单没写要复印件');
    const taken = await t.press(button(shown, '我来跟进').data, ADMIN);
    expect(t.texts(taken)[0]).toContain('王科长 已认领案件 #1');
    const ask = await t.press(button(taken, '记录回访').data, ADMIN);
    expect(ask[1]?.payload.reply_markup).toMatchObject({ force_reply: true });
    // Someone else's message does not count as the note.
    await t.send('随便说一句', USER);
    expect(t.deps.ratings.getCase(1)?.status).toBe('open');
    const contacted = await t.send('已电话联系，解释了复印件要求', ADMIN);
    expect(t.texts(contacted)[0]).toContain('已回访');
    await t.press(button(contacted, '记录整改').data, ADMIN);
    const rectified = await t.send('办事指南已补充复印件说明', ADMIN);
    await t.press(button(rectified, '办结').data, ADMIN);
    const closed = await t.send('您反映的材料清单问题已更正，感谢监督。', ADMIN);
    const notice = closed.find((c) => c.method === 'sendMessage' && c.payload.chat_id === USER.id);
    expect(String(notice?.payload.text)).toContain('已处理完毕');
    expect(String(notice?.payload.text)).toMatch(/^您好！/);
    expect(t.texts(await t.send('/case 1', ADMIN))[0]).toMatch(/已回访（管理员 王科长）/);
    const rerate = t.buttons([notice!]).find((b) => b.text === '满意')!;
    const thanks = await t.press(rerate.data, USER);
    expect(String(thanks[0]?.payload.text)).toContain('已记录“满意”');
    expect(t.deps.ratings.getCase(1)).toMatchObject({ status: 'closed', rerating: { level: 4 }, assignee: { id: ADMIN.id } });
  });

  it('acts on a case by command and refuses steps out of order', async () => {
    await badReview();
    expect(t.texts(await t.send('/rectify 1 改了', ADMIN))[0]).toContain('回访 → 整改 → 办结');
    expect(t.texts(await t.send('/contact 1 已回访', ADMIN))[0]).toContain('已回访');
    expect(t.texts(await t.send('/contact', ADMIN))[0]).toContain('用法');
  });

  it('/export sends ratings and cases as CSV documents that open in Excel', async () => {
    await badReview();
    const calls = await t.send('/export', ADMIN);
    const docs = calls.filter((c) => c.method === 'sendDocument');
    expect(docs).toHaveLength(2);
    const file = docs[1]!.payload.document as { filename?: string; fileData?: unknown };
    expect(file.filename).toBe('差评投诉案件-2026-09-01_2026-09-14.csv');
    const text = Buffer.from(file.fileData as Uint8Array).toString('utf8');
    expect(text.startsWith('\uFEFF"案件号"')).toBe(true);
    expect(text).toContain('"材料清单没写要复印件"');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('/unanswered groups repeated questions, masked', async () => {
    await t.send('公积金怎么提取？');
    await t.send('公积金 怎么提取');
    await t.send('我的手机13812345678能办社保吗');
    const [text] = t.texts(await t.send('/unanswered', ADMIN));
    expect(text).toMatch(/公积金怎么提取？（2 次）/);
    expect(text).not.toContain('13812345678');
  });

  it('works in the managers group chat: a take button and a /cases command', async () => {
    await badReview();
    const group = { id: MANAGER_CHAT_ID, type: 'supergroup' as const, title: '好差评工作群' };
    const pressed = await t.update({
      callback_query: {
        id: 'cb-group', from: ADMIN, chat_instance: 'g', data: 'cs:take:1',
        message: { message_id: 7, date: 0, chat: group, text: '' },
      },
    } as never);
    expect(t.texts(pressed)[0]).toContain('已认领案件 #1');
    const listed = await t.update({
      message: {
        message_id: 8, date: 0, chat: group, from: ADMIN, text: '/cases',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      },
    } as never);
    expect(t.texts(listed)[0]).toContain('未办结案件 1 件');
  });
});

describe('the closing notice to the citizen', () => {
  it('greets once, whether or not the manager’s note starts with a greeting', () => {
    const closed = (note: string): string => closingNotice({ id: 3, events: [{ at: '2026-11-02T02:00:00.000Z', by: 1, action: 'closed', note }] } as unknown as RatingCase).text;
    const withGreeting = closed('您好，材料清单已更正。');
    expect(withGreeting.match(/您好/g)).toHaveLength(1);
    expect(withGreeting).toContain('案件 #3');
    expect(closed('材料清单已更正。')).toMatch(/^您好！您反映的问题（案件 #3）/);
  });
});

describe('the list of manager commands', () => {
  it('names commands that managers have and citizens do not', async () => {
    for (const command of MANAGER_COMMANDS) {
      const asAdmin = await t.send(`/${command}`, ADMIN);
      expect(asAdmin.length, `/${command} answers a manager`).toBeGreaterThan(0);
      expect(t.texts(asAdmin).join(''), `/${command}`).not.toContain('这个命令我不认识');
      expect(t.texts(await t.send(`/${command}`, USER)).join('')).toContain('这个命令我不认识');
    }
  });
});
