import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lastManualPass } from '../../../src/bot/features/reminders-manager.js';
import { creditCheckChar } from '../../../src/reminders/credit-code.js';
import { ADMIN, USER, createTestBot, type TestBot } from '../helpers.js';

const code = (body: string): string => body + creditCheckChar(body);
const SOCIAL_GROUP = code('51330000MJ0000001');
const OTHER_MINZHENG = code('59330000MJ0000001');

let t: TestBot;
let now = new Date('2026-03-24T09:00:00+08:00');
let startedAt = Date.now();
beforeEach(async () => {
  now = new Date('2026-03-24T09:00:00+08:00');
  startedAt = Date.now();
  // The clock moves with real time from `now`, so the send queue's 1 s gap between two reminders to
  // one chat (a charity's two 31 May items) passes; a test run lasts seconds, never a day.
  t = await createTestBot({ now: () => new Date(now.getTime() + Date.now() - startedAt) });
});
afterEach(async () => {
  await t.close();
});

async function subscribe(codeText = SOCIAL_GROUP, name = '某某市软件行业协会'): Promise<void> {
  await t.send('/subscribe');
  await t.send(codeText);
  await t.send(name);
}

describe('/subscribe', () => {
  it('asks for the code, reads the kind from it, asks for the name and confirms with the deadline', async () => {
    expect(t.texts(await t.send('/subscribe'))[0]).toContain('统一社会信用代码');
    expect(t.texts(await t.send(SOCIAL_GROUP))[0]).toContain('社会团体');
    const [done] = t.texts(await t.send('某某市软件行业协会'));
    expect(done).toContain('已为「某某市软件行业协会」（社会团体）订阅');
    expect(done).toContain('2026年3月31日');
    expect(done).toContain('还有 7 天');
    expect(t.deps.reminders.list(USER.id)).toHaveLength(1);
  });

  it('refuses a code that fails the check without revealing the right last character, and accepts a second try', async () => {
    await t.send('/subscribe');
    const wrong = SOCIAL_GROUP.slice(0, 17) + (SOCIAL_GROUP.endsWith('1') ? '2' : '1');
    const [reply] = t.texts(await t.send(wrong));
    expect(reply).toContain('没有通过校验');
    expect(reply).toContain('登记证书');
    expect(reply).not.toContain('应该是');
    expect(reply).not.toContain(`是 ${SOCIAL_GROUP.slice(17)}`);
    expect(reply).toContain('再发一次');
    expect(t.texts(await t.send(SOCIAL_GROUP))[0]).toContain('单位全称');
  });

  it('explains a short code by its length', async () => {
    await t.send('/subscribe');
    expect(t.texts(await t.send('5133000'))[0]).toContain('您发来的是 7 位');
  });

  it('ends kindly after three wrong codes', async () => {
    await t.send('/subscribe');
    await t.send('1');
    await t.send('2');
    expect(t.texts(await t.send('3'))[0]).toContain('再发 /subscribe');
    expect(t.deps.chats.get(USER.id)?.dialog).toBeUndefined();
  });

  it('tells an enterprise where its annual report goes and subscribes nothing', async () => {
    await t.send('/subscribe');
    expect(t.texts(await t.send('91110000600037341L'))[0]).toContain('国家企业信用信息公示系统');
    expect(t.deps.reminders.list(USER.id)).toHaveLength(0);
  });

  it('asks the kind for another 民政 code through buttons', async () => {
    await t.send('/subscribe');
    const calls = await t.send(OTHER_MINZHENG);
    const charity = t.buttons(calls).find((b) => b.text === '慈善组织');
    expect(charity).toBeDefined();
    await t.press(charity?.data ?? '');
    await t.send('某某慈善会');
    expect(t.deps.reminders.find(USER.id, OTHER_MINZHENG)).toMatchObject({ kind: '慈善组织', next: { date: '2026-03-31' } }); // 年度工作报告报送民政部门，3月31日
  });
});

describe('/subscribe when the person changes their mind', () => {
  it('leaves the dialog and answers a question typed instead of the code', async () => {
    await t.send('/subscribe');
    const texts = t.texts(await t.send('算了 我问下结婚登记要带什么'));
    expect(texts.join('\n')).not.toContain('18 位');
    expect(texts.join('\n')).toContain('结婚登记');
    expect(t.deps.chats.get(USER.id)?.dialog).toBeUndefined();
  });

  it('leaves the dialog for a question typed instead of the name', async () => {
    await t.send('/subscribe');
    await t.send(SOCIAL_GROUP);
    const texts = t.texts(await t.send('低保怎么申请？'));
    expect(texts.join('\n')).toContain('最低生活保障');
    expect(t.deps.reminders.list(USER.id)).toHaveLength(0);
  });

  it('takes a code out of a sentence and explains where the code is found', async () => {
    await t.send('/subscribe');
    expect(t.texts(await t.send('不知道代码在哪'))[0]).toContain('登记证书上');
    expect(t.texts(await t.send(`代码是 ${SOCIAL_GROUP.slice(0, 9)} ${SOCIAL_GROUP.slice(9)}`))[0]).toContain('单位全称');
  });

  it('stops on a plain “算了” with one message', async () => {
    await t.send('/subscribe');
    const texts = t.texts(await t.send('算了'));
    expect(texts).toEqual(['好的，先不订阅了。需要时再发 /subscribe 就行。']);
    expect(t.deps.chats.get(USER.id)?.dialog).toBeUndefined();
  });

  it('accepts a kind typed instead of pressed', async () => {
    await t.send('/subscribe');
    await t.send(OTHER_MINZHENG);
    expect(t.texts(await t.send('基金会'))[0]).toContain('按基金会提醒');
    await t.send('某某公益基金会');
    expect(t.deps.reminders.find(USER.id, OTHER_MINZHENG)).toMatchObject({ kind: '基金会' });
  });

  it('answers the 取消 button once: no toast on top of the message', async () => {
    await t.send('/subscribe');
    const calls = await t.send(OTHER_MINZHENG);
    const cancel = t.buttons(calls).find((b) => b.data === 'remx');
    expect(cancel).toBeDefined();
    const pressed = await t.press(cancel?.data ?? '');
    expect(pressed.find((c) => c.method === 'answerCallbackQuery')?.payload.text).toBeUndefined();
    expect(t.texts(pressed)).toHaveLength(1);
  });
});

describe('/mine and /unsubscribe', () => {
  it('lists each organisation with its next deadline and status', async () => {
    await subscribe();
    const [text] = t.texts(await t.send('/mine'));
    expect(text).toContain('某某市软件行业协会（社会团体）');
    expect(text).toContain('2026年3月31日（还有 7 天）');
    expect(text).toContain('待报送');
  });

  it('removes one organisation with its button', async () => {
    await subscribe();
    const off = t.buttons(await t.send('/unsubscribe')).find((b) => b.text.startsWith('退订'));
    expect(t.texts(await t.press(off?.data ?? ''))[0]).toContain('已退订「某某市软件行业协会」');
    expect(t.deps.reminders.list(USER.id)).toHaveLength(0);
  });
});

describe('reminder buttons', () => {
  it('已提交 stops the reminders of that deadline only; 查看材料 lists the checklist', async () => {
    await subscribe();
    await t.deps.reminders.runPass();
    const reminder = t.sent[0]?.message;
    expect(reminder?.text).toContain('某某市软件行业协会');
    const data = Object.fromEntries((reminder?.buttons.flat() ?? []).map((b) => [b.text, b.data]));
    expect(t.texts(await t.press(data['📋 查看材料'] ?? ''))[0]).toContain('报送入口');
    expect(data['✅ 已提交']).toMatch(/^rem:done:\w{18}:2026:supervisor$/);
    const [reply] = t.texts(await t.press(data['✅ 已提交'] ?? ''));
    expect(reply).toContain('「年度工作报告报送业务主管单位」已提交，这一项不再提醒');
    expect(reply).toContain('2026年5月31日：年度工作报告报送登记管理机关');
    now = new Date('2026-03-28T09:00:00+08:00');
    expect(await t.deps.reminders.runPass()).toMatchObject({ sent: 0, planned: [] });
    now = new Date('2026-05-01T09:00:00+08:00');
    expect((await t.deps.reminders.runPass()).planned.map((p) => p.deadline.id)).toEqual(['registration']);
  });

  it('a charity that presses 已提交 on its March reminder still gets the 31 May ones; 已提交 on one of those stops only that one', async () => {
    await t.deps.reminders.subscribe({ chatId: USER.id, code: OTHER_MINZHENG, name: '某某慈善会', kind: '慈善组织' });
    await t.deps.reminders.runPass();
    const done = (i: number): string => t.sent[i]?.message.buttons.flat().find((b) => b.text === '✅ 已提交')?.data ?? '';
    expect(t.sent[0]?.message.text).toContain('2026年3月31日');
    const [march] = t.texts(await t.press(done(0)));
    expect(march).toContain('「慈善组织年度工作报告报送办理其登记的民政部门」已提交');
    expect(march).toContain('2026年5月31日：关联方名单及关联关系说明报送民政部门');
    now = new Date('2026-04-01T09:00:00+08:00');
    expect((await t.deps.reminders.runPass()).planned).toEqual([]);
    now = new Date('2026-05-01T09:00:00+08:00');
    expect((await t.deps.reminders.runPass()).planned.map((p) => p.deadline.id)).toEqual(['publish', 'related-parties']);
    expect(done(1)).toMatch(/:2026:publish$/);
    const [publish] = t.texts(await t.press(done(1)));
    expect(publish).toContain('「向社会公开年度工作报告和财务会计报告」已提交');
    expect(publish).toContain('关联方名单');
    now = new Date('2026-05-17T09:00:00+08:00');
    expect((await t.deps.reminders.runPass()).planned.map((p) => p.deadline.id)).toEqual(['related-parties']);
    expect(t.deps.reminders.find(USER.id, OTHER_MINZHENG)?.status).toBe('upcoming');
  });

  it('reads a 已提交 button sent before buttons named their deadline as the deadline in its reminder’s text', async () => {
    now = new Date('2026-05-01T09:00:00+08:00');
    await t.deps.reminders.subscribe({ chatId: USER.id, code: OTHER_MINZHENG, name: '某某慈善会', kind: '慈善组织' });
    await t.deps.reminders.runPass();
    const related = t.sent.find((m) => m.message.text.includes('关联方名单'))?.message.text ?? '';
    const [reply] = t.texts(await t.press(`rem:done:${OTHER_MINZHENG}`, USER, undefined, related));
    expect(reply).toContain('「关联方名单及关联关系说明报送民政部门」已提交');
    const deadlines = t.deps.reminders.find(USER.id, OTHER_MINZHENG)?.deadlines ?? [];
    expect(deadlines.map((d) => [d.deadlineId, d.submitted])).toEqual([
      ['charity-report', false],
      ['publish', false],
      ['related-parties', true],
    ]);
  });

  it('reads an old 已提交 button whose reminder text is gone as the earliest open deadline of the year, and names it', async () => {
    now = new Date('2026-05-01T09:00:00+08:00');
    await t.deps.reminders.subscribe({ chatId: USER.id, code: OTHER_MINZHENG, name: '某某慈善会', kind: '慈善组织' });
    const [reply] = t.texts(await t.press(`rem:done:${OTHER_MINZHENG}`));
    expect(reply).toContain('「慈善组织年度工作报告报送办理其登记的民政部门」已提交');
    expect(reply).toContain('到时我会照常提醒');
    expect((await t.deps.reminders.runPass()).planned.map((p) => p.deadline.id)).toEqual(['publish', 'related-parties']);
  });

  it('answers politely for a button of an organisation no longer followed', async () => {
    const calls = await t.press(`rem:done:${SOCIAL_GROUP}`);
    expect(calls.find((c) => c.method === 'answerCallbackQuery')?.payload.text).toContain('不在订阅列表');
  });
});

describe('/reminders for managers', () => {
  it('shows the overview and runs the pass from the chat', async () => {
    await subscribe();
    const [overview] = t.texts(await t.send('/reminders', ADMIN));
    expect(overview).toContain('订阅单位：1 家（社会团体 1');
    await t.send('/reminders run', ADMIN);
    await lastManualPass;
    expect(t.sent).toHaveLength(1);
    expect(t.texts().at(-1)).toContain('发送成功 1 条');
  });

  it('refuses dates that are no calendar day, politely and without running a pass', async () => {
    await subscribe();
    for (const command of ['/reminders run 2027-99-99 force', '/reminders run ../../../x', '/reminders dry 0000-00-00']) {
      const texts = t.texts(await t.send(command, ADMIN));
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain('不是有效的日期');
      expect(texts[0]).toContain('用法');
    }
    await lastManualPass;
    expect(t.sent).toHaveLength(0);
    expect(t.deps.reminders.lastRunDate()).toBeUndefined();
  });

  it('refuses a real send for a future day but lets a dry run look at it', async () => {
    await subscribe();
    const [refused] = t.texts(await t.send('/reminders run 2026-03-30', ADMIN));
    expect(refused).toContain('还没到');
    expect(refused).toContain('/reminders dry 2026-03-30');
    await t.send('/reminders dry 2026-03-30', ADMIN);
    await lastManualPass;
    expect(t.texts().at(-1)).toContain('演练：2026年3月30日 将发送 1 条提醒');
    expect(t.sent).toHaveLength(0);
    expect(t.deps.reminders.lastRunDate()).toBeUndefined();
  });

  it('exports the list as a CSV document', async () => {
    await subscribe();
    const calls = await t.send('/reminders csv', ADMIN);
    expect(calls.map((c) => c.method)).toContain('sendDocument');
  });

  it('does not show the overview to other users', async () => {
    const texts = t.texts(await t.send('/reminders'));
    expect(texts.join('')).not.toContain('年检提醒概况');
  });
});
