import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerSources } from '../../src/answers/compose.js';
import { partAnswer } from '../../src/answers/parts.js';
import { PART_KEYS } from '../../src/answers/types.js';
import { abolishedSpans, materialSpans, timeLine, whereSentence } from '../../src/answers/wording.js';
import { plainText, shippedSources } from './helpers.js';

let sources: AnswerSources;
beforeAll(async () => {
  sources = await shippedSources();
});

const join = (spans: { text: string }[]): string => spans.map((s) => s.text).join('');

describe('the generated sentences of every item', () => {
  it('never wrap a material condition or a reform date in a second pair of parentheses', () => {
    for (const item of sources.snapshot.items) {
      for (const m of item.materials) {
        const line = join(materialSpans(m));
        expect(line, item.id).not.toMatch(/（[^（）]*（[^）]*）[^（）]*时提供）/);
        expect(line, item.id).not.toContain('的时提供');
      }
      for (const a of item.abolishedMaterials) {
        const line = join(abolishedSpans(a));
        expect(line, item.id).not.toMatch(/（[^（）]*（/);
        expect(line, item.id).not.toContain('起起');
      }
    }
  });

  it('print no legend as if it were a material, and no "暂不支持全程网办" anywhere', () => {
    for (const item of sources.snapshot.items) {
      for (const part of PART_KEYS) {
        const text = plainText(partAnswer(item, part, sources));
        expect(text, `${item.id} ${part}`).not.toContain('为特定情况才需要的材料');
        expect(text, `${item.id} ${part}`).not.toContain('暂不支持全程网办');
      }
    }
  });

  it('say the time limit and the place once, without doubled words', () => {
    for (const item of sources.snapshot.items) {
      expect(timeLine(item), item.id).not.toMatch(/办结办结|承诺当场/);
      expect(whereSentence(item.where.window), item.id).not.toMatch(/办理办理|到到/);
    }
  });

  it('show a conditional material with its condition after a colon', () => {
    const line = join(materialSpans({ name: '银行资金存款证明', form: '原件', copies: 1, required: false, condition: '变更开办资金的；增加的提供银行资金存款证明，减少的提供专项审计报告' }));
    expect(line).toBe('银行资金存款证明（原件）：变更开办资金的；增加的提供银行资金存款证明，减少的提供专项审计报告');
  });

  it('show a reform date as a date and a phrase as written', () => {
    expect(join(abolishedSpans({ name: '居民户口簿', since: '2025-05-10', reason: 'x' }))).toBe('居民户口簿 不用再交 · 2025年5月10日起取消');
    expect(join(abolishedSpans({ name: '验资报告', since: '年检（年报）制度改革后', reason: 'x' }))).toBe('验资报告 不用再交 · 年检（年报）制度改革后取消');
  });
});

describe('links shown to a citizen', () => {
  it('are never placeholders on the reserved example domains', async () => {
    const { realUrl } = await import('../../src/answers/wording.js');
    expect(realUrl('https://zwfw.example.gov.cn/marriage')).toBeUndefined();
    expect(realUrl('https://www.example.com')).toBeUndefined();
    expect(realUrl('https://www.mca.gov.cn')).toBe('https://www.mca.gov.cn');
    for (const item of sources.snapshot.items) {
      for (const part of PART_KEYS) expect(plainText(partAnswer(item, part, sources)), item.id).not.toMatch(/https?:\/\/[^\s）]*example/);
    }
  });
});
