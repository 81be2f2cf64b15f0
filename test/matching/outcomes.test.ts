import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogSnapshot } from '../../src/catalog/load-catalog.js';
import { buildMatcherIndex, type MatcherIndex } from '../../src/matching/build-index.js';
import { matchWithIndex } from '../../src/matching/create-matcher.js';
import { isLowConfidence } from '../../src/matching/decide.js';
import { loadIntents } from '../../src/matching/load-intents.js';
import type { MatchResult } from '../../src/matching/types.js';

let index: MatcherIndex;
let has: (id: string) => boolean;
const match = (q: string, previousIntent?: string): MatchResult => matchWithIndex(index, q, previousIntent);
const offered = (q: string): string[] => match(q).candidates.map((c) => c.intent);

beforeAll(async () => {
  const snapshot = await loadCatalogSnapshot('data');
  index = buildMatcherIndex(snapshot, await loadIntents('intents'));
  has = (id) => snapshot.byId.has(id);
});

describe('matcher outcomes on the shipped catalog and hall', () => {
  it('answers a clear 民政 question with its item, confidently', () => {
    const r = match('协议离婚要带什么材料');
    expect(r).toMatchObject({ outcome: 'item', intent: 'marriage.divorce', clarify: false, aspect: 'materials' });
    expect(r.score).toBeGreaterThanOrEqual(0.6);
  });

  it('keeps an item\'s two-character concept word whole, though the segmenter splits it around a stopword', () => {
    // jieba cuts 失能 as 失/能, and 能 is a stopword: without the taught word only 护理补贴 was left,
    // which the 重度残疾人 subsidy shares, and the matcher asked back.
    expect(match('失能的经济困难老人申请护理补贴要走什么流程')).toMatchObject({ outcome: 'item', intent: 'elderly.care-subsidy', clarify: false });
  });

  it.each([
    ['协会年报晚交了显示异常，补完能恢复吗', 'social-org.abnormal-list-removal'],
    ['离婚登记的预约在哪弄', 'marriage.appointment'],
  ])('lets a sibling whose name narrows the family win when its word is said: %s', (q, intent) => {
    // 年报 and 离婚登记 are the general items' own words; 异常 and 预约 say which sibling is meant.
    expect(match(q)).toMatchObject({ outcome: 'item', intent, clarify: false });
  });

  it.each([
    ['因离婚需变更借款人（公积金贷款）', '住房公积金管理中心'],
    ['遭遇火灾如何正确脱险？', '应急管理部门（含消防救援机构）'],
    ['养老保险交了十五年能领多少', '人力资源和社会保障部门'],
    ['退休职工去世了丧葬费和抚恤金怎么领', '人力资源和社会保障部门'],
    ['低保户住院了医疗救助怎么申请', '医疗保障部门（医保局）'],
    ['结婚前想做个婚检去哪做', '卫生健康部门'],
    ['对方不同意离婚，我要去起诉离婚', '人民法院'],
    ['身份证110101199003071234丢了去哪补办', '公安机关（派出所、户政窗口）'],
  ])('sends %s to another department (%s), from the matcher itself', (q, department) => {
    const r = match(q);
    expect(r).toMatchObject({ outcome: 'referral', intent: null, clarify: false, referral: { department } });
    expect(r.referral?.topic).toBeTruthy();
  });

  it.each(['北京市地形地貌基本情况是什么？', '大雾对我们的出行和生活有何影响', '如何在企业服务平台修改已填好的申请表？', '使用电热杯的安全小贴士？', '技术支持电话是多少？'])(
    'claims neither a card nor a system answer for %s',
    (q) => {
      const r = match(q);
      expect(r.intent).toBeNull();
      expect(r.clarify).toBe(false);
      expect(['referral', 'unknown']).toContain(r.outcome);
    },
  );

  it('names 民政 business the catalog holds no guide for as a gap', () => {
    expect(match('村委会换届选举有问题找谁')).toMatchObject({ outcome: 'gap', intent: null, gap: { topic: '村（居）民委员会选举' } });
    expect(match('社工证怎么考')).toMatchObject({ outcome: 'gap', gap: { topic: '社会工作者职业资格' } });
  });

  it('asks back with the families that fit a question too vague to tell', () => {
    expect(match('我要办登记')).toMatchObject({ outcome: 'clarify', clarify: true, intent: null });
    expect(offered('我要办登记')).toEqual(expect.arrayContaining(['marriage.register', 'social-group.establish', 'adoption.register']));
    expect(match('我要申请补贴')).toMatchObject({ outcome: 'clarify', clarify: true });
    expect(offered('我要申请补贴')).toEqual(expect.arrayContaining(['disability.two-subsidies', 'elderly.senior-allowance']));
    expect(offered('我们组织要注销，去哪办').sort()).toEqual(['foundation.deregister', 'nonprofit-unit.deregister', 'social-group.deregister']);
  });

  it('takes praise for a member of staff as praise, not a card nor a complaint', () => {
    expect(match('我要给民政局写封感谢信 表扬一下低保办的王大姐')).toMatchObject({ outcome: 'system', intent: 'praise', clarify: false });
    expect(match('想给婚姻登记处送面锦旗')).toMatchObject({ intent: 'praise' });
  });

  it('answers the first of two questions and lists the other, matched on its own', () => {
    const r = match('我想问下结婚证丢了要补办，另外离婚要多久');
    expect(r).toMatchObject({ outcome: 'item', intent: 'marriage.reissue-certificate' });
    expect(r.others).toEqual([{ text: '离婚要多久', intent: 'marriage.divorce' }]);
    expect(match('低保怎么申请？临时救助呢').others).toEqual([{ text: '临时救助呢', intent: 'assistance.temporary' }]);
  });

  it('does not split a greeting or a bare aspect off a single question', () => {
    expect(match('你好，低保怎么申请？').others).toBeUndefined();
    expect(match('结婚登记？要带什么')).toMatchObject({ intent: 'marriage.register', aspect: 'materials' });
    expect(match('结婚登记？要带什么').others).toBeUndefined();
  });

  it('reads through zero-width and other invisible characters', () => {
    for (const q of ['低\u200b保怎么申请', '低\u200c保怎么申\u200d请', '\ufeff低保怎么申请', '低\u2060保怎么申请']) {
      expect(match(q)).toMatchObject({ intent: 'assistance.dibao', outcome: 'item' });
    }
  });

  it('keeps numbers written in characters ("不满一年" is not "不满意")', () => {
    expect(index.normalizer.query('成立不满一年', index.pinyin)).toContain('一年');
  });

  it('gives 年报 wording to the 社会组织 item (基金会 included), and the 慈善组织 one only when the kind is said', () => {
    expect(match('年报要交哪些材料')).toMatchObject({ outcome: 'item', intent: 'social-org.annual-inspection' });
    expect(match('基金会年报要交哪些材料')).toMatchObject({ outcome: 'item', intent: 'social-org.annual-inspection' });
    expect(match('慈善组织年报要交哪些材料')).toMatchObject({ outcome: 'item', intent: 'charity.annual-report' });
  });

  it('claims the item whose own words the question says rather than asking between it and one sharing them', () => {
    expect(match('公开募捐要什么条件')).toMatchObject({ outcome: 'item', intent: 'charity.public-fundraising' });
    expect(match('老年卡去哪办')).toMatchObject({ outcome: 'item', intent: 'elderly.senior-card' });
  });

  it('claims 补领 only when a loss or damage is said beside the certificate, else the registration itself', () => {
    expect(match('结婚证在哪里办')).toMatchObject({ outcome: 'item', intent: 'marriage.register' });
    expect(match('结婚证丢了去哪补')).toMatchObject({ outcome: 'item', intent: 'marriage.reissue-certificate' });
  });

  it('takes the action of the clause that asks, not of the story before it (成立 … 现在想注销)', () => {
    expect(match('去年成立的协会，现在想注销，流程是什么')).toMatchObject({ outcome: 'item', intent: 'social-group.deregister' });
  });

  it('does not read a one-character act inside another word as setting up an organisation (搞/开 in 想搞公开募捐)', () => {
    // The issue's own example: 基金会设立登记 was claimed because 公开 holds 开 and 搞 stood alone.
    expect(match('我们基金会想搞公开募捐 要什么条件')).toMatchObject({ outcome: 'item', intent: 'charity.public-fundraising' });
  });

  it('sends a question to another department when their topic far outweighs an item it only touches', () => {
    expect(match('残疾人证等级怎么变更')).toMatchObject({ outcome: 'referral', referral: { department: '残疾人联合会' } });
  });

  it('gives no confident card of an old item for the conversation the issue reports', () => {
    // Each went to the wrong item before; the right one is a new item the catalog branch adds.
    const cases: [string, string, string][] = [
      ['殡葬补贴怎么领', 'funeral.hardship-subsidy', 'funeral.cemetery-approval'],
      ['我奶奶刚走了，后事怎么办，火化要开啥证明', 'funeral.after-death', 'funeral.cemetery-approval'],
    ];
    for (const [q, right, wrong] of cases) {
      const r = match(q);
      expect(r.intent).not.toBe(wrong);
      if (has(right)) expect(r.intent).toBe(right);
      else expect(r.outcome).not.toBe('referral'); // 殡葬 is 民政 business
    }
  });

  it('takes a system intent on its phrases, not on one word its examples share ("中午", "周末")', () => {
    expect(match('几点下班')).toMatchObject({ outcome: 'system', intent: 'office-info' });
    expect(match('周末上班吗')).toMatchObject({ outcome: 'system', intent: 'office-info' });
    expect(match('今天晚上吃点什么好').intent).toBeNull();
  });

  it('reads an item name with a 的 inside it as the name said outright', () => {
    expect(match('婚姻登记记录的证明怎么开')).toMatchObject({ outcome: 'item', intent: 'marriage.record-certificate' });
  });

  it('sends a company’s registration to 市场监管, not to a 民政 registration sharing a word', () => {
    const r = match('在外地开分公司要登记吗');
    expect(r.outcome).toBe('referral');
    expect(r.referral?.department).toContain('市场监督管理');
  });

  it('flags a card the matcher is unsure of for the managers, and not a sure one', () => {
    expect(isLowConfidence(match('结婚登记要带什么'))).toBe(false);
    expect(isLowConfidence({ outcome: 'item', score: 0.4, followUp: false })).toBe(true);
    expect(isLowConfidence({ outcome: 'referral', score: 0.1, followUp: false })).toBe(false);
  });

  it('does not take another department’s topic the person says they have not got ("没办残疾证")', () => {
    expect(match('没办残疾证，能领重度残疾人护理补贴吗').outcome).not.toBe('referral');
    expect(match('办残疾证要去哪里')).toMatchObject({ outcome: 'referral' });
  });

  it('reads an item name with one inner character left out as the name said', () => {
    expect(match('基本殡葬服务费减免本地户口都有吗')).toMatchObject({ outcome: 'item', intent: 'funeral.basic-fee-waiver' });
  });

  it('answers no question word or everyday object with a card ("为什么", "月亮")', () => {
    for (const q of ['今晚的月亮为什么这么圆', '猫为什么喜欢钻纸箱']) expect(match(q).outcome).not.toBe('item');
  });

  it('reads everyday words for winding up, starting and a death ("不想干了", "弄个", "人走了")', () => {
    expect(match('我们协会办不下去了，怎么办')).toMatchObject({ outcome: 'item', intent: 'social-group.deregister' });
    expect(match('民非不想干了')).toMatchObject({ outcome: 'item', intent: 'nonprofit-unit.deregister' });
    expect(match('老人在家里走了，下一步该干啥')).toMatchObject({ outcome: 'item', intent: 'funeral.after-death' });
  });

  it('takes an organisation kind and an action said together as the item they name ("成个协会")', () => {
    expect(match('我们几个书友想成个协会，业务主管单位去哪找')).toMatchObject({ outcome: 'item', intent: 'social-group.establish' });
  });

  it('gives a marriage with a foreign or 港澳台 partner to the 涉外 item, not the general one', () => {
    expect(match('和外籍男友办结婚登记')).toMatchObject({ outcome: 'item', intent: 'marriage.foreign' });
    expect(match('我跟泰国女朋友想办结婚登记')).toMatchObject({ outcome: 'item', intent: 'marriage.foreign' });
    expect(match('结婚登记要带什么')).toMatchObject({ outcome: 'item', intent: 'marriage.register' });
  });

  it('does not send a 民政 question to 公安 for mentioning 户籍 as a condition', () => {
    expect(match('只有本地户籍才能申请低保吗')).toMatchObject({ outcome: 'item', intent: 'assistance.dibao' });
  });

  it('reads 领养老金 as drawing a pension, not as 领养 (adoption)', () => {
    expect(match('领养老金的人能吃低保吗').normalized).not.toContain('收养');
    expect(match('想领养一个孩子')).toMatchObject({ outcome: 'item', intent: 'adoption.register' });
  });

  it('keeps a three-character alias jieba does not know as one word ("老年证", not 老年 + 证)', () => {
    expect(match('老年证弄丢了要怎么补办呢')).toMatchObject({ outcome: 'item', intent: 'elderly.senior-card' });
  });

  it('corrects one slipped character, never two real words side by side ("外甥实在" is not 外省市)', () => {
    expect(match('我们几个外甥实在照顾不过来').normalized).toContain('外甥实在');
    expect(match('门派号怎么申请').normalized).toContain('门牌号');
  });

  it('changes no character that starts a longer word ("在加拿大" is not 在家), and reads 入了籍 as foreign', () => {
    expect(match('我姐在加拿大入了籍，想回来收养亲戚家的孩子')).toMatchObject({ outcome: 'item', intent: 'adoption.foreign' });
    expect(match('我姐在加拿大入了籍').normalized).toContain('加拿大');
  });

  it('takes 办个基金会 as founding one, and a 民办幼儿园 as the 民非 it is registered as', () => {
    expect(match('想办个基金会要多少钱')).toMatchObject({ outcome: 'item', intent: 'foundation.establish' });
    expect(match('民办幼儿园要改名，民政这边怎么办')).toMatchObject({ outcome: 'item', intent: 'nonprofit-unit.change' });
  });

  it('asks which place-name service a bare 地名 question means, and gives an address asked for no 社团 move', () => {
    expect(offered('地名的事找哪个部门')).toEqual(expect.arrayContaining(['place-name.query', 'place-name.naming']));
    expect(match('市图书馆的办公地址在哪').intent).not.toBe('social-group.change-address');
  });

  it('reads 美籍/日籍 as a foreign national, a changed 秘书长 or 副会长 as a 负责人 filing, and 过身 as a death', () => {
    expect(match('我先生是日籍华人，我们想收养一个孩子')).toMatchObject({ outcome: 'item', intent: 'adoption.foreign' });
    expect(match('商会换了个副会长，要不要去民政备案')).toMatchObject({ outcome: 'item', intent: 'social-org.leader-filing' });
    expect(match('阿公过身了要办咩手续').normalized).toContain('去世');
  });

  it('claims no item whose concept the question never says (名额 is no 婚, 香港居民 no 收养)', () => {
    expect(match('老年大学国画班名额太少了')).toMatchObject({ outcome: 'unknown' });
    expect(match('香港居民在内地看病能报销吗').intent).toBeNull();
    expect(match('七夕想领证，婚姻登记要提前预约吗')).toMatchObject({ outcome: 'item', intent: 'marriage.appointment' });
  });

  it('keeps a question that names 民政 as the place to go with 民政, but not one that weighs or refuses it', () => {
    expect(match('养老院的营业执照拿到了，还得去民政那边备案吗')).toMatchObject({ outcome: 'item', intent: 'elderly.institution-filing' });
    expect(match('老公不肯去民政局离婚，只能去法院起诉吗')).toMatchObject({ outcome: 'referral' });
    expect(match('医疗救助归民政管还是医保管')).toMatchObject({ outcome: 'referral' });
  });

  it('does not read another department\'s word inside an organisation kind ("企业" in 民办非企业单位)', () => {
    expect(match('我们社工机构评了5A，几年复评一次').outcome).not.toBe('referral');
    expect(match('民非能不能转成企业')).toMatchObject({ outcome: 'referral' });
  });

  it('still answers a follow-up about the item under discussion', () => {
    expect(match('要多久', 'marriage.divorce')).toMatchObject({ intent: 'marriage.divorce', followUp: true, outcome: 'item' });
  });
});
