import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerSources } from '../../src/answers/compose.js';
import { partAnswer } from '../../src/answers/parts.js';
import { PART_KEYS } from '../../src/answers/types.js';
import { abolishedSpans, materialSpans, timeLimitLine, timeLine, timeNote, whereSentence } from '../../src/answers/wording.js';
import type { TimeLimit } from '../../src/catalog/schema.js';
import type { CatalogItem } from '../../src/catalog/types.js';
import { itemOf, plainText, shippedSources } from './helpers.js';

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

describe('time limits no national text sets', () => {
  const NOT_SET: TimeLimit = { type: '未统一规定' };
  const withLimits = (statutory: TimeLimit, promised: TimeLimit, note?: string): CatalogItem => {
    const item = itemOf(sources, 'social-group.establish');
    return { ...item, timeLimit: note === undefined ? { statutory, promised } : { statutory, promised, note } };
  };

  it('say so in one sentence when neither limit is set, with no number and no "天"', () => {
    const item = withLimits(NOT_SET, NOT_SET);
    expect(timeLine(item)).toBe('国家没有统一规定，以当地公布的为准');
    expect(timeLimitLine(item)).toBe('办理时限：国家没有统一规定，以当地公布的为准');
  });

  it('keep the law\'s limit and leave the promise to the local hall', () => {
    const item = withLimits({ type: '自然日', days: 60 }, NOT_SET);
    expect(timeLine(item)).toBe('法定60天内办结，各地承诺的时限以当地公布的为准');
    expect(timeLimitLine(item)).toBe('法定时限：60天；承诺时限：各地不同，以当地公布的为准');
    expect(timeLine(withLimits({ type: '现场办结' }, NOT_SET))).toBe('当场办结');
  });

  it('show a promise beside a law that sets none', () => {
    const item = withLimits(NOT_SET, { type: '工作日', days: 10 });
    expect(timeLine(item)).toBe('承诺10个工作日内办结（国家没有统一规定法定时限）');
    expect(timeLimitLine(item)).toBe('承诺时限：10个工作日；法定时限：国家没有统一规定');
  });

  it('leave unchanged the lines of limits that are set', () => {
    const item = withLimits({ type: '自然日', days: 60 }, { type: '工作日', days: 20 });
    expect(timeLine(item)).toBe('承诺20个工作日内办结（法定时限60天）');
    expect(timeLimitLine(item)).toBe('承诺时限：20个工作日；法定时限：60天');
  });

  it('drop the clauses of a note that only say the same again, and keep the rest', () => {
    expect(timeNote(withLimits(NOT_SET, NOT_SET, '国家未统一规定时限，以当地规定为准。'))).toBeUndefined();
    expect(timeNote(withLimits(NOT_SET, NOT_SET, '国家未统一规定备案时限，以本省规定为准。'))).toBeUndefined();
    expect(timeNote(withLimits(NOT_SET, NOT_SET, '失能评估的时间一般不计入办理时限；国家未统一规定时限，以当地规定为准。'))).toBe(
      '失能评估的时间一般不计入办理时限。',
    );
    expect(timeNote(withLimits(NOT_SET, NOT_SET, '国家规定出具应当“及时”，未规定具体天数，以出具组织的安排为准。'))).toBe(
      '国家规定出具应当“及时”，以出具组织的安排为准。',
    );
    // A bracket is kept whole rather than cut open.
    expect(timeNote(withLimits(NOT_SET, NOT_SET, '原则上从快（国家未统一规定天数，以本省办法为准）。'))).toBe('原则上从快（国家未统一规定天数，以本省办法为准）。');
    // Under a limit that is set, the note is shown as written.
    const set = withLimits({ type: '自然日', days: 60 }, NOT_SET, '部分环节国家未统一规定时限。');
    expect(timeNote(set)).toBe('部分环节国家未统一规定时限。');
  });
});
