import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestBot, type TestBot } from '../helpers.js';

describe('the question feature', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await createTestBot();
  });
  afterEach(async () => {
    await t.close();
  });

  it('answers a clear question with the item card in HTML, with item buttons and the five rating levels', async () => {
    const calls = await t.send('结婚登记要带什么材料');
    const texts = t.texts(calls);
    expect(texts.join('\n')).toContain('结婚登记');
    expect(texts.join('\n')).toContain('居民身份证');
    const last = calls.filter((c) => c.method === 'sendMessage').at(-1);
    expect(last?.payload.parse_mode).toBe('HTML');
    const labels = t.buttons(calls).map((b) => b.text);
    expect(labels.some((l) => l.includes('办理流程'))).toBe(true);
    for (const level of ['非常满意', '满意', '基本满意', '不满意', '非常不满意']) {
      expect(labels.some((l) => l.includes(level))).toBe(true);
    }
  });

  it('says which materials are no longer needed', async () => {
    const texts = t.texts(await t.send('结婚登记要带什么材料'));
    expect(texts.join('\n')).toMatch(/不用再交.*户口簿/s);
  });

  it('answers a follow-up question about the item under discussion', async () => {
    await t.send('低保怎么申请');
    const texts = t.texts(await t.send('要多久'));
    expect(texts.join('\n')).toContain('最低生活保障');
    expect(texts.join('\n')).toMatch(/\d+个工作日/);
    expect(texts.join('\n')).not.toContain('要带这');
  });

  it('asks back with buttons when a question fits several items, and answers the one picked', async () => {
    const calls = await t.send('办变更要啥材料');
    expect(t.texts(calls).join('\n')).toContain('哪一项');
    const picks = t.buttons(calls).filter((b) => b.data.startsWith('pick:'));
    expect(picks.length).toBeGreaterThanOrEqual(2);
    const first = picks[0];
    if (!first) throw new Error('no pick button');
    const after = await t.press(first.data);
    expect(after.some((c) => c.method === 'answerCallbackQuery')).toBe(true);
    expect(t.texts(after).join('\n')).toContain(first.text);
  });

  it('says honestly when a question is outside 民政 and says where to go instead', async () => {
    const texts = t.texts(await t.send('公积金怎么提取'));
    const all = texts.join('\n');
    expect(all).toMatch(/公积金/);
    expect(all).toContain('12345');
  });

  it('keeps clarified and out-of-scope questions masked for the managers', async () => {
    await t.send('身份证110101199003071234丢了去哪补办，电话13812345678');
    // The record is written off the reply path: wait for it, as a manager would.
    const entries: { question: string }[] = [];
    await vi.waitFor(async () => {
      entries.length = 0;
      for await (const e of t.deps.unanswered.entries()) entries.push(e);
      expect(entries).toHaveLength(1);
    });
    expect(entries[0]?.question).not.toContain('199003071234');
    expect(entries[0]?.question).not.toContain('12345678');
  });

  it('answers a 4,000-character message politely instead of failing', async () => {
    const calls = await t.send(`结婚登记${'啊'.repeat(4000)}`);
    const texts = t.texts(calls);
    expect(texts.some((x) => x.includes('比较长'))).toBe(true);
    expect(texts.every((x) => x.length <= 4096)).toBe(true);
  });

  it('gives the hall contact path for 转人工', async () => {
    const texts = t.texts(await t.send('转人工'));
    const hall = t.deps.catalog.current().hall;
    expect(texts.join('\n')).toContain(hall.hotline);
  });
});

describe('answers through the bot', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await createTestBot();
  });
  afterEach(async () => {
    await t.close();
  });

  it('answers 我女朋友19岁能领证不 with the age rule first and no congratulations', async () => {
    const text = t.texts(await t.send('我女朋友19岁能领证不')).join('\n');
    expect(text).toContain('还不到法定婚龄');
    expect(text).not.toContain('恭喜');
  });

  it('answers 对方不同意离婚怎么办 with the FAQ that says to go to court', async () => {
    const text = t.texts(await t.send('对方不同意离婚怎么办')).join('\n');
    expect(text).toContain('人民法院');
    expect(text.split('\n').length).toBeLessThanOrEqual(10);
  });

  it('follows the last item the person touched: a button of an older message moves the context', async () => {
    const first = await t.send('结婚登记');
    await t.send('离婚登记');
    const steps = t.buttons(first).find((b) => b.text.includes('办理流程'));
    if (!steps) throw new Error('no steps button');
    await t.press(steps.data);
    const text = t.texts(await t.send('收费不')).join('\n');
    expect(text).toContain('结婚登记');
    expect(text).not.toContain('离婚登记');
  });

  it('keeps answering follow-ups: 要多久, 在哪办, 那离婚呢', async () => {
    await t.send('结婚登记要带什么');
    expect(t.texts(await t.send('要多久')).join('\n')).toContain('当场办结');
    expect(t.texts(await t.send('在哪办')).join('\n')).toContain('婚姻登记');
    expect(t.texts(await t.send('那离婚呢')).join('\n')).toContain('离婚登记');
  });

  it('keeps the action when the kind changes: 社会团体变更名称, then 那要是民非呢', async () => {
    await t.send('社会团体变更名称要什么材料');
    const text = t.texts(await t.send('那要是民非呢')).join('\n');
    expect(text).toContain('民办非企业单位（社会服务机构）变更登记');
  });
});
