import { beforeAll, describe, expect, it } from 'vitest';
import { buildMatcherIndex, type MatchableSnapshot, type MatcherIndex } from '../../src/matching/build-index.js';
import { matchWithIndex } from '../../src/matching/create-matcher.js';
import type { IntentsData } from '../../src/matching/intents-schema.js';
import { loadIntents } from '../../src/matching/load-intents.js';
import { wordKey } from '../../src/matching/name-keys.js';

type Item = MatchableSnapshot['items'][number];
const item = (id: string, name: string, aliases: string[], keywords: string[]): Item => ({
  id,
  name,
  category: '测试',
  aliases,
  keywords,
  summary: `${name}的办事指南。`,
  faq: [],
});

/** Members of the shipped dictionary's families, plus items outside them. */
const snapshot: MatchableSnapshot = {
  items: [
    item('assistance.dibao', '最低生活保障审核确认', ['低保申请'], ['低保', '家庭困难', '生活困难']),
    item('assistance.tekun', '特困人员救助供养审核确认', ['特困人员供养'], ['特困', '五保', '孤寡老人']),
    item('assistance.temporary', '临时救助', ['临时困难救助', '急难救助'], ['突发困难', '大病', '火灾']),
    item('assistance.vagrant', '生活无着的流浪乞讨人员救助', ['流浪人员救助'], ['救助站', '流浪', '乞讨']),
    item('disability.two-subsidies', '困难残疾人生活补贴和重度残疾人护理补贴', ['残疾人两项补贴'], ['残疾人补贴']),
    item('elderly.senior-allowance', '高龄津贴申请', ['高龄补贴'], ['老人补贴', '长寿金']),
    item('elderly.home-adaptation', '困难老年人家庭适老化改造', ['适老化改造'], ['扶手', '老人防摔']),
    item('child.basic-living-allowance', '孤儿和事实无人抚养儿童基本生活保障', ['孤儿补贴'], ['孤儿']),
    item('elderly.institution-filing', '养老机构备案', ['养老院备案'], ['养老院', '养老床位']),
    item('nonprofit-unit.establish', '民办非企业单位（社会服务机构）成立登记', ['社会服务机构登记'], ['养老院登记']),
    item('nonprofit-unit.change', '民办非企业单位（社会服务机构）变更登记', ['民非变更登记'], ['民非改名']),
    item('nonprofit-unit.deregister', '民办非企业单位（社会服务机构）注销登记', ['民非注销登记'], ['民非解散']),
    item('social-group.establish', '社会团体成立登记', ['社团成立登记'], ['成立协会']),
    item('foundation.establish', '基金会设立登记', ['基金会成立登记'], ['成立基金会']),
    item('marriage.register', '结婚登记', ['办结婚证'], ['结婚']),
  ],
  hall: { referrals: [] },
};

let intents: IntentsData;
let index: MatcherIndex;
const match = (q: string) => matchWithIndex(index, q);
const offered = (q: string): string[] => match(q).candidates.map((c) => c.intent).sort();

beforeAll(async () => {
  intents = await loadIntents('intents');
  index = buildMatcherIndex(snapshot, intents);
});

describe('umbrella words (dictionary families)', () => {
  it('asks over the family when the umbrella word is all the question names', () => {
    const r = match('想申请救助');
    expect(r).toMatchObject({ intent: null, clarify: true });
    expect(offered('想申请救助')).toEqual(['assistance.dibao', 'assistance.tekun', 'assistance.temporary', 'assistance.vagrant']);
    expect(match('有什么补贴可以领').clarify).toBe(true);
  });

  it('still asks when the other words fit several members ("困难": 低保 and 临时救助)', () => {
    const r = match('家里生活困难，能申请救助吗');
    expect(r.clarify).toBe(true);
    expect(r.candidates.map((c) => c.intent)).toEqual(expect.arrayContaining(['assistance.dibao', 'assistance.temporary']));
  });

  it('offers each member the question names by its own words when it asks with the umbrella', () => {
    const r = match('我奶奶九十多岁了，又是重度残疾，有哪些补贴可以领');
    expect(r.clarify).toBe(true);
    expect(offered('我奶奶九十多岁了，又是重度残疾，有哪些补贴可以领')).toEqual(['disability.two-subsidies', 'elderly.senior-allowance']);
    expect(match('我奶奶九十多岁了，有哪些补贴可以领')).toMatchObject({ intent: 'elderly.senior-allowance', clarify: false });
  });

  it('answers the member a word of its own names', () => {
    expect(match('临时救助怎么申请')).toMatchObject({ intent: 'assistance.temporary', clarify: false });
    expect(match('急难救助要带什么')).toMatchObject({ intent: 'assistance.temporary', clarify: false });
    expect(match('救助站在哪里')).toMatchObject({ intent: 'assistance.vagrant', clarify: false });
    expect(match('低保救助怎么申请')).toMatchObject({ intent: 'assistance.dibao', clarify: false });
    expect(match('孤儿补贴多少钱')).toMatchObject({ intent: 'child.basic-living-allowance', clarify: false });
  });

  it('answers the member that alone lists a qualified umbrella phrase, even if its words are shared', () => {
    // 老人 is in 高龄津贴 and 适老化改造 both, but only 高龄津贴 lists "老人补贴".
    expect(match('老人补贴怎么领')).toMatchObject({ intent: 'elderly.senior-allowance', clarify: false });
  });

  it('leaves a question that is really about a non-member to scoring', () => {
    expect(match('残疾人补贴怎么申请')).toMatchObject({ intent: 'disability.two-subsidies', clarify: false });
  });

  it('needs every word of a several-word umbrella: opening a care home takes registering and filing', () => {
    expect(offered('开个养老院要办什么手续')).toEqual(['elderly.institution-filing', 'nonprofit-unit.establish']);
    expect(match('开个养老院要办什么手续').clarify).toBe(true);
    expect(match('养老院备案要什么材料')).toMatchObject({ intent: 'elderly.institution-filing', clarify: false });
  });

  it('drops family members the catalog does not have, and a family left with one member', () => {
    const fewer = buildMatcherIndex({ ...snapshot, items: snapshot.items.filter((i) => !i.id.startsWith('charity.')) }, {
      ...intents,
      dictionary: { ...intents.dictionary, families: { 慈善: ['charity.recognition', 'charity.public-fundraising'], 救助: ['assistance.dibao', 'no.such-item'] } },
    });
    expect(fewer.families).toEqual([]);
  });
});

describe('questions that are exactly an item name or alias', () => {
  it('mean that item, even when its words are in every sibling name', () => {
    expect(match('社会服务机构登记')).toMatchObject({ intent: 'nonprofit-unit.establish', clarify: false });
    expect(match('社会服务机构怎么登记')).toMatchObject({ intent: 'nonprofit-unit.establish', clarify: false });
  });

  it('are keyed by words in any order, without stopwords, aspect cues or lone characters', () => {
    const key = (q: string): string => wordKey(index.normalizer.base(q), index.jieba, index.ignored).key;
    expect(key('我想登记一个社会服务机构')).toBe(key('社会服务机构登记'));
    expect(key('社会服务机构登记要交哪些材料')).toBe(key('社会服务机构登记'));
    expect(index.nameKeys.get(key('社会服务机构登记'))).toBe(index.byId.get('nonprofit-unit.establish'));
  });

  it('skip a name that loses words to its key ("办结婚证" is not the phrase "结婚证")', () => {
    expect(index.nameKeys.has('结婚证')).toBe(false);
  });

  it('do not stop a sibling named by its own action', () => {
    expect(match('社会服务机构注销登记')).toMatchObject({ intent: 'nonprofit-unit.deregister', clarify: false });
  });
});
