/**
 * Each fact corrected under issue 10, read back from the shipped catalog as a citizen sees it (the
 * 办事指南 card) and from the item data. Each test names the rule it checks.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { aspectAnswer, itemSummary } from '../../src/answers/direct.js';
import { fullGuide, partBlocks } from '../../src/answers/item-parts.js';
import { renderPlain } from '../../src/answers/render-plain.js';
import { loadCatalogSnapshot } from '../../src/catalog/load-catalog.js';
import type { CatalogItem, CatalogSnapshot } from '../../src/catalog/types.js';
import { createWorkCalendar } from '../../src/calendar/work-calendar.js';
import { composeReminder } from '../../src/reminders/message.js';
import { planPass } from '../../src/reminders/plan.js';
import { loadReminderRules, type ReminderRules } from '../../src/reminders/rules.js';
import type { OrgKind } from '../../src/reminders/types.js';
import { foundationCode, socialGroupCode } from '../reminders/helpers.js';

let snapshot: CatalogSnapshot;
beforeAll(async () => {
  snapshot = await loadCatalogSnapshot('data');
});

function item(id: string): CatalogItem {
  const found = snapshot.byId.get(id);
  if (!found) throw new Error(`missing item ${id}`);
  return found;
}

type Part = 'time' | 'steps' | 'basis' | 'faq';
const PARTS = { time: 'time-fee', steps: 'steps', basis: 'basis', faq: 'faq' } as const;

/** The guide as a citizen reads it (the answer model's plain rendering): the whole guide, or one part. */
function card(id: string, part?: Part): string {
  const blocks = part ? partBlocks(item(id), PARTS[part]) : fullGuide(item(id));
  return renderPlain({ kind: 'part', blocks, actions: [], notes: [] }).text;
}

describe('结婚登记', () => {
  it('asks for the 离婚证 / 判决书 / 死亡证明 of a remarriage when the declared status differs from the records, not as abolished', () => {
    const text = card('marriage.register');
    expect(text).toMatch(/· 离婚证、离婚判决书（调解书）或配偶死亡证明.*：再婚的，本人声明的婚姻状况与全国婚姻登记信息系统记录不一致的/);
    expect(text).not.toMatch(/✂ 离婚证/);
    expect(item('marriage.register').abolishedMaterials.map((a) => a.name)).toEqual(['居民户口簿']);
  });
});

describe('离婚登记', () => {
  it('counts the 30-day cooling-off period from the day after the office receives the application', () => {
    expect(card('marriage.divorce', 'steps')).toContain('从婚姻登记机关收到离婚登记申请之日的次日开始计算');
    expect(card('marriage.divorce', 'time')).toContain('从登记机关收到申请的次日起算');
  });

  it('lists the papers of the second visit: 回执单, both 结婚证, the agreement and photos', () => {
    const text = card('marriage.divorce', 'steps');
    expect(text).toContain('发给《离婚登记申请受理回执单》');
    expect(text).toContain('再次带上身份证、双方的结婚证、离婚协议书、照片和《离婚登记申请受理回执单》');
  });

  it('cites the 婚姻登记工作规范 in force (民发〔2025〕23号), not 民发〔2020〕116号', () => {
    const text = card('marriage.divorce', 'basis');
    expect(text).toContain('民发〔2025〕23号');
    expect(text).not.toContain('116号');
  });
});

describe('最低生活保障', () => {
  it('no longer declares the 户口簿 abolished; local guides may ask for it', () => {
    const text = card('assistance.dibao');
    expect(text).not.toMatch(/✂ 居民户口簿/);
    expect(text).toMatch(/· 居民户口簿.*：当地办事指南要求提供的/);
    expect(text).not.toContain('57号施行后');
  });
});

describe('临时救助', () => {
  it('declares no 困难证明 abolished: no document read says so, only that 急难 cases are handled where they happen', () => {
    expect(item('assistance.temporary').abolishedMaterials).toEqual([]);
    expect(card('assistance.temporary')).toContain('急难型临时救助不受户籍限制');
  });
});

describe('特困人员', () => {
  it('leaves the 其他情形 to the 省、自治区、直辖市人民政府, not the provincial 民政 department', () => {
    const text = card('assistance.tekun');
    expect(text).toContain('省、自治区、直辖市人民政府规定的其他情形');
    expect(text).not.toContain('省级民政部门规定的其他情形');
  });

  it('lists when an obligor is unable to support as the 认定办法 (民发〔2021〕43号) does, with its income and property tests', () => {
    const text = card('assistance.tekun');
    for (const part of [
      '（一）本人是特困人员',
      '（二）60周岁以上的最低生活保障对象',
      '（三）70周岁以上的老年人，本人收入低于当地上年人均可支配收入，且财产符合当地低收入家庭财产状况规定',
      '（四）重度残疾人和残疾等级为三级的智力、精神残疾人，本人收入低于当地上年人均可支配收入',
      '（五）无民事行为能力、被宣告失踪或者在监狱服刑的人员，且财产符合当地低收入家庭财产状况规定',
      '（六）省、自治区、直辖市人民政府规定的其他情形',
    ]) {
      expect(text).toContain(part);
    }
    // The earlier wording tested the obligor's income against the 低保 standard: the 认定办法 does not.
    expect(text).not.toMatch(/70周岁以上的老年人或重度残疾人，其收入低于当地低保标准/);
    expect(card('assistance.tekun', 'faq')).toContain('本人收入低于当地上年人均可支配收入');
  });
});

describe('社会团体、民办非企业单位和基金会成立', () => {
  it.each(['social-group.establish', 'nonprofit-unit.establish', 'foundation.establish'])(
    '%s has a statutory limit of 60日 (calendar days), not 60 工作日',
    (id) => {
      expect(item(id).timeLimit.statutory).toEqual({ type: '自然日', days: 60 });
      const text = card(id, 'time');
      expect(text).toContain('法定时限：60天');
      expect(text).not.toContain('60个工作日');
    },
  );

  it('keeps the 验资报告 the regulations still list, with the bank statement some provinces accept', () => {
    expect(card('social-group.establish')).toMatch(/• 验资报告（或本省认可的银行出具的活动资金存款证明）/);
    expect(card('nonprofit-unit.establish')).toMatch(/• 验资报告（或本省认可的开办资金证明）/);
    for (const id of ['social-group.establish', 'nonprofit-unit.establish']) {
      expect(item(id).abolishedMaterials.map((a) => a.name).join()).not.toContain('验资');
    }
  });

  it('declares no 筹备 approval abolished for 民非 or 基金会, which never had one; 社团 cites the 2016 change', () => {
    expect(item('nonprofit-unit.establish').abolishedMaterials).toEqual([]);
    expect(item('foundation.establish').abolishedMaterials).toEqual([]);
    expect(card('social-group.establish')).toMatch(/✂ 筹备申请书及批准筹备文件 不用再交 · 2016年2月6日/);
  });

  it('cites the 社会团体登记管理条例 as revised on 12 March 2026, whose article numbers the card uses', () => {
    const text = card('social-group.establish', 'basis');
    expect(text).toContain('国务院关于修改〈社会团体登记管理条例〉的决定');
    expect(text).toContain('《社会团体登记管理条例》（2026年3月12日修订）第三条');
    expect(text).not.toContain('尚未核对');
  });
});

describe('慈善组织认定', () => {
  it('decides within 二十日 (calendar days) under 慈善法 第十条', () => {
    expect(item('charity.recognition').timeLimit.statutory).toEqual({ type: '自然日', days: 20 });
    expect(card('charity.recognition', 'time')).toContain('法定时限：20天');
  });

  it('counts the 公开募捐资格 decision in the same calendar days (慈善法 第二十二条 二十日)', () => {
    expect(item('charity.public-fundraising').timeLimit.statutory).toEqual({ type: '自然日', days: 20 });
  });

  it('cites the 认定办法 in force: 民政部令第73号 of 5 September 2024, not an unnamed "现行文本"', () => {
    const text = card('charity.recognition', 'basis');
    expect(text).toContain('民政部令第73号');
    expect(text).not.toContain('以现行文本为准');
  });

  it('names the 慈善中国 platform at its current address', () => {
    expect(card('charity.recognition')).toContain('https://cszg.mca.gov.cn');
    expect(card('charity.recognition')).not.toContain('cishan.chinanpo.gov.cn');
  });
});

describe('年检 / 年报', () => {
  it('does not exempt 基金会 or charities registered in the second half of the year', () => {
    const text = card('social-org.annual-inspection');
    expect(text).not.toContain('不满6个月的，当年可不参加年检');
    expect(text).toContain('不适用于基金会和慈善组织');
    expect(text).toContain('上一年12月31日前登记的基金会、慈善组织都要报送');
  });

  it('gives charities 31 March for the report to 民政 and 31 May for the 关联方名单', () => {
    const text = card('charity.annual-report');
    expect(text).toContain('每年3月31日前向办理登记的民政部门报送');
    expect(text).toContain('5月31日前，向办理其登记的民政部门报送');
    expect(text).toContain('关联方名单及关联关系说明');
    expect(text).toContain('民政部令第81号');
    // 民办函〔2024〕8号 is the 2023 annual-report notice, cited by its real title.
    expect(card('charity.annual-report', 'basis')).toContain('关于开展慈善组织（基金会）2023年度年报年检工作的通知');
    expect(card('charity.annual-report')).not.toContain('关于慈善组织年度工作报告报送有关事项的通知');
  });

  it('gives 基金会 31 March under the 条例 and the 年度检查办法 (民政部令第30号)', () => {
    const text = card('social-org.annual-inspection');
    expect(text).toContain('每年3月31日前向登记管理机关报送上一年度工作报告');
    expect(card('social-org.annual-inspection', 'basis')).toContain('民政部令第30号');
  });

  it('names the new 社会团体年度检查办法 in force from 2026-01-01', () => {
    expect(card('social-org.annual-inspection')).toContain('自2026年1月1日起按民政部《社会团体年度检查办法》办理');
  });

  it('reminds organisations of the published deadline, never a rolled-forward one', async () => {
    const rules = parse(await readFile('data/reminder-rules.yaml', 'utf8')) as {
      holidayRule: string;
      kinds: Record<string, { deadlines: { id: string; date: string }[] }>;
    };
    expect(rules.holidayRule).toBe('none');
    expect(rules.kinds.慈善组织?.deadlines.map((d) => [d.id, d.date])).toEqual([
      ['charity-report', '03-31'],
      ['publish', '05-31'],
      ['related-parties', '05-31'],
    ]);
    expect(rules.kinds.基金会?.deadlines.map((d) => d.date)).toEqual(['03-31']);
  });
});

describe('社会团体登记管理条例 revised on 12 March 2026 (full text read: article numbers unchanged)', () => {
  const citing = (): CatalogItem[] =>
    snapshot.items.filter((i) => JSON.stringify(i).includes('《社会团体登记管理条例》') || i.sources.some((s) => s.title === '社会团体登记管理条例'));

  it('cites the revised 条例 and the decision of 12 March 2026 on every card, with no 2016-text label left', () => {
    expect(citing().length).toBeGreaterThanOrEqual(10);
    for (const i of citing()) {
      const basis = card(i.id, 'basis');
      expect(basis, i.id).toContain('2026年3月12日第二次修订');
      expect(basis, i.id).toContain('国务院关于修改《社会团体登记管理条例》的决定 2026年3月12日公布，自公布之日起施行');
      expect(basis, i.id).not.toContain('条文序号都是2016年');
      // No article number of the 条例 is labelled as the 2016 text's any more.
      for (const m of JSON.stringify(i).matchAll(/《社会团体登记管理条例》([^；。"]{0,12})第[一二三四五六七八九十]+条/gu)) {
        expect(m[1], i.id).not.toContain('2016年');
      }
    }
  });

  it('gives the 60日 limit as 第十二条 and the 年检 dates as 第二十八条 of the text in force', () => {
    expect(card('social-group.establish', 'time')).toContain('《社会团体登记管理条例》第十二条');
    expect(card('social-org.annual-inspection')).toContain('《社会团体登记管理条例》第二十八条、《民办非企业单位登记管理暂行条例》第二十三条');
  });

  it('has a 社团 clear its debts under the guidance of the 业务主管单位 or the 登记管理机关 before 注销 (第二十条 as revised)', () => {
    const text = card('social-group.deregister');
    expect(text).toContain('在业务主管单位或者登记管理机关的指导下成立清算组织、完成债务处理等清算工作');
    expect(text).toContain('申请人民法院指定清算组');
  });
});

describe('社会团体年度检查办法 (in force 2026-01-01)', () => {
  it('keeps the published 31 March / 31 May dates and names where they come from', () => {
    const text = card('social-org.annual-inspection');
    expect(text).toContain('3月31日前将上一年度工作报告报业务主管单位初审');
    expect(text).toContain('5月31日前报送登记管理机关');
    expect(text).toContain('2026年各地的年检通知仍是这两个日期');
    const basis = card('social-org.annual-inspection', 'basis');
    expect(basis).toContain('民政部2025年6月25日发布，2026年1月1日起施行，共21条');
    expect(basis).toContain('嘉兴市民政局关于开展全市性社会团体2025年度检查工作的通知');
    // The publication date and article count as reported (the 办法's own text was not read).
    expect(basis).toContain('民政部官网发布《社会团体年度检查办法》，自2026年1月1日起施行');
    expect(basis).toContain('共21条；明确年检程序和时限');
  });

  it('leaves the second-half-year exemption to local notices, and asks for a 整改报告 only where it applies', () => {
    const text = card('social-org.annual-inspection');
    expect(text).toMatch(/只要求上一年6月30日前登记的社会团体、民办非企业单位参加当年年检[^。]*以本地年检通知为准/);
    const rectify = item('social-org.annual-inspection').materials.find((m) => m.name === '整改报告或情况说明');
    expect(rectify?.required).toBe(false);
    expect(rectify?.condition).toContain('年检结论为基本合格或不合格');
    // No national claim that no 社团/民非 anywhere needs an audit report for the 年检.
    expect(card('social-org.annual-inspection', 'faq')).not.toContain('社会团体和民办非企业单位不需要了');
  });
});

describe('婚姻登记工作规范 (民发〔2025〕23号)', () => {
  it('is cited with its public report and the divorce procedure it sets, with no 2020 notice beside it', () => {
    const basis = card('marriage.divorce', 'basis');
    expect(basis).toContain('共九章九十二条；离婚登记按“申请—受理—三十日—审查—登记（发证）”的程序办理');
    expect(basis).toContain('https://smzt.gd.gov.cn/mzzx/qgmz/content/post_4709136.html');
    expect(basis).not.toContain('民发〔2020〕');
  });
});

describe('离任审计 and 清算审计', () => {
  const CHANGE = ['social-group.change-legal-rep', 'nonprofit-unit.change', 'foundation.change'];
  const DEREGISTER = ['social-group.deregister', 'nonprofit-unit.deregister', 'foundation.deregister'];
  const AUDIT_SENTENCE = /(离任|清算)审计由谁委托、费用由谁承担[^。]*。/u;

  /** The sentence on who commissions and pays the audit, as the card's 时限和收费 part shows it. */
  function auditSentence(id: string): string {
    const sentence = AUDIT_SENTENCE.exec(card(id, 'time'))?.[0];
    if (!sentence) throw new Error(`${id}: no audit sentence in the fee part`);
    return sentence;
  }

  it('says on every card that paying for the audit is local practice (桂民函〔2024〕258号 as the example), never a national fact', () => {
    for (const id of [...CHANGE, ...DEREGISTER]) {
      const sentence = auditSentence(id);
      expect(sentence, id).toContain('国家没有统一规定');
      expect(sentence, id).toMatch(/一些地方由登记管理机关[^。]*委托会计师事务所[^。]*承担费用/);
      expect(sentence, id).toContain('桂民函〔2024〕258号');
      expect(sentence, id).toContain('请先向登记管理机关确认');
      const whole = card(id) + card(id, 'faq');
      for (const claim of ['由登记管理机关承担，无需支付', '审计费用由登记管理机关承担。', '不用掏钱', '费用由财政承担', '不向基金会收费', '不用。']) {
        expect(whole, `${id}: ${claim}`).not.toContain(claim);
      }
      expect(card(id, 'basis'), id).toContain('桂民函〔2024〕258号');
    }
  });

  it('gives 社团, 民非 and 基金会 the same rule, word for word, for each audit', () => {
    for (const ids of [CHANGE, DEREGISTER]) {
      const sentences = ids.map(auditSentence);
      expect(new Set(sentences).size, sentences.join('\n')).toBe(1);
    }
    expect(auditSentence(CHANGE[0] ?? '')).toMatch(/^离任审计/);
    expect(auditSentence(DEREGISTER[0] ?? '')).toMatch(/^清算审计/);
  });

  it('declares no self-commissioned audit report abolished; it is asked for only where the local authority requires it', () => {
    for (const id of [...CHANGE, ...DEREGISTER]) {
      expect(item(id).abolishedMaterials.map((a) => a.name).join(), id).not.toContain('审计报告');
      const report = item(id).materials.find((m) => /会计师事务所出具的.*审计报告/.test(m.name));
      expect(report?.required, id).toBe(false);
      expect(report?.condition, id).toContain('当地登记管理机关要求');
    }
  });

  it('cites what each rule rests on: 社团条例 第二十七条, the 基金会年度检查办法, and a province\'s notice as an example of the practice', () => {
    expect(card('social-group.change-legal-rep', 'basis')).toContain('第二十七条第二款');
    expect(card('foundation.change', 'basis')).toContain('民政部令第30号');
  });
});

describe('志愿服务', () => {
  it('links the national platform in service now, 中国志愿服务协同平台, not the 中国志愿服务网 closed on 20 July 2026', () => {
    expect(item('volunteer.register').where.online?.url).toBe('https://www.cvf.org.cn/xtpt/');
    const text = card('volunteer.register');
    expect(text).toContain('中国志愿服务协同平台');
    expect(text).toContain('已于2026年7月20日停止服务');
    // Neither address of the closed site, nor its app, is offered as a way to register.
    for (const id of ['volunteer.register', 'volunteer.record-certificate']) {
      // The sources may name the old site as history; what the card tells a person to use may not.
      const shown = (card(id).split('依据和来源')[0] ?? '') + card(id, 'steps');
      expect(shown, id).not.toMatch(/chinavolunteer\.(cn|mca\.gov\.cn)/);
      expect(shown, id).not.toMatch(/在中国志愿服务网[^，。]*注册|用“中国志愿”手机应用注册/);
    }
    expect(card('volunteer.record-certificate', 'steps')).toContain('在中国志愿服务协同平台或当地志愿服务平台有记录的');
  });

  it('issues the 志愿服务记录证明 under 民政部令第67号: who issues it, free and timely, and how to correct a record', () => {
    const text = card('volunteer.record-certificate');
    expect(text).toContain('民政部令第67号');
    expect(text).toContain('谁记录谁证明');
    expect(text).toContain('真实、准确、完整、无偿、及时');
    expect(text).toContain('基层群众性自治组织');
  });
});

describe('收养登记费', () => {
  it.each(['adoption.register', 'adoption.foreign'])('%s rests 不收费 on the 2017 stop of the 收养登记费 (财税〔2017〕20号)', (id) => {
    expect(item(id).fee.amount).toBe(0);
    expect(card(id, 'time')).toContain('不收费');
    expect(card(id, 'basis')).toContain('财税〔2017〕20号');
  });
});

describe('涉外收养登记', () => {
  it('reviews within 7 days from the next day and asks for the papers 第十条 lists', () => {
    expect(item('adoption.foreign').timeLimit.statutory).toEqual({ type: '自然日', days: 7 });
    expect(card('adoption.foreign', 'time')).toContain('自次日起7日内审查');
    const text = card('adoption.foreign');
    for (const paper of ['中国收养组织发出的来华收养子女通知书', '被收养人已被同意收养的通知', '书面收养协议']) {
      expect(text).toContain(paper);
    }
  });
});

describe('殡葬管理条例 (国务院令第824号, published 2026-01-07 per 新华社, in force 2026-03-30; article numbers from the 12-02 reading)', () => {
  const ids = ['funeral.cemetery-approval', 'funeral.after-death', 'funeral.basic-fee-waiver', 'funeral.eco-burial-reward', 'funeral.cemetery-purchase'];

  it.each(ids)('%s cites the revised 条例 with its own article numbers, not the 2012 text', (id) => {
    const text = card(id, 'basis');
    expect(text).toContain('国务院令第824号');
    expect(text).toContain('国务院令第824号修订，2026年1月7日公布，2026年3月30日起施行）第');
    expect(JSON.stringify(item(id))).not.toMatch(/2012年文本|2026年1月修订/);
  });

  it('no longer sends a new 公墓 to the province for approval: government builds it, no new for-profit operator, village graveyards are filed', () => {
    const approval = item('funeral.cemetery-approval');
    expect(approval.department).not.toContain('省级民政部门');
    expect(approval.summary).not.toContain('报省民政厅审批');
    const text = card('funeral.cemetery-approval');
    expect(text).toContain('不得再新设营利性殡葬服务机构');
    expect(text).toContain('报县级民政部门备案');
  });

  it('gives a 墓位 a period of use of at most 20 years, renewable (第三十六条)', () => {
    expect(card('funeral.cemetery-purchase')).toContain('一个使用周期不超过20年');
    expect(card('funeral.cemetery-purchase')).not.toContain('使用年限由省里规定');
  });

  it('cremates on the 死亡证明 and a 火化确认书, and keeps a body normally at most 3 days (第二十七条、第二十八条)', () => {
    const text = card('funeral.after-death');
    expect(text).toContain('签署火化确认书');
    expect(text).toContain('殡仪馆存放遗体一般不超过3日');
  });
});

describe('社会救助法 (passed 2026-04-30, in force 2026-07-01; full text read)', () => {
  const LAW = '《中华人民共和国社会救助法》（2026年7月1日起施行）';

  it('is cited next to the 社会救助暂行办法 on every card that cites the 暂行办法', () => {
    const citing = snapshot.items.filter((i) => i.sources.some((s) => s.title === '社会救助暂行办法'));
    expect(citing.length).toBeGreaterThanOrEqual(9);
    for (const i of citing) {
      expect(i.sources.map((s) => s.title), i.id).toContain('中华人民共和国社会救助法');
      expect(card(i.id, 'basis'), i.id).toContain('2026年7月1日起施行');
    }
  });

  it('lets 低保金 be paid as the difference or in fixed bands (第十八条)', () => {
    expect(card('assistance.dibao')).toContain('分档定额');
    expect(card('assistance.dibao', 'basis')).toContain(`${LAW}第十八条`);
  });

  it('takes a 临时救助 application where the emergency happened (第三十七条第二款)', () => {
    const text = card('assistance.temporary');
    expect(text).toContain('急难发生地乡镇人民政府（街道办事处）便民服务中心社会救助窗口');
    expect(text).not.toContain('急难发生地或户籍地、居住地');
  });

  it('defines a 刚性支出困难家庭 by the 上年度 per-capita disposable income and the share of necessary spending (第二十二条)', () => {
    const text = card('assistance.rigid-expense');
    expect(text).toContain('家庭人均收入低于上年度当地居民人均可支配收入');
    expect(text).toContain('超过所在地设区的市级以上人民政府规定的比例');
  });

  it('lets the seriously disabled or ill of a 低保边缘家庭 be taken into 低保 (第二十一条第二款)', () => {
    expect(item('assistance.marginal-household').summary).toContain('可以单独纳入低保');
  });
});

describe('every item', () => {
  it('names at least one source, the national guide elements and no placeholder link', () => {
    for (const i of snapshot.items) {
      expect(i.sources.length, i.id).toBeGreaterThan(0);
      expect(i.serviceObject.length, i.id).toBeGreaterThan(0);
      expect(i.outcome.name, i.id).not.toBe('');
      expect(i.fee.basis, i.id).not.toBe('');
      expect(JSON.stringify(i), i.id).not.toMatch(/example\./);
    }
  });

  it('keeps money held or received apart from the fee: benefits and founding capital carry amounts', () => {
    for (const id of ['assistance.dibao', 'disability.two-subsidies', 'elderly.care-subsidy', 'funeral.eco-burial-reward']) {
      expect(item(id).amounts.map((a) => a.localSource ?? '').join(), id).not.toBe('');
    }
    expect(item('foundation.establish').amounts[0]).toMatchObject({ kind: '原始基金' });
    expect(item('foundation.establish').amounts[0]?.text).toContain('非公募基金会不低于200万元');
    expect(item('social-group.establish').amounts[0]?.kind).toBe('注册资金');
    expect(item('nonprofit-unit.establish').amounts[0]?.kind).toBe('开办资金');
  });
});

describe('年检提醒 (the reminder an organisation reads)', () => {
  const calendar = createWorkCalendar();
  let rules: ReminderRules;
  beforeAll(async () => {
    rules = await loadReminderRules('data/reminder-rules.yaml');
  });

  function reminderText(kind: OrgKind, code: string, today: string): string {
    const sub = { chatId: 1, code, name: '某某组织', kind, createdAt: '2026-01-01T00:00:00.000Z', submitted: {}, progress: {} };
    const [planned] = planPass([sub], rules, calendar, today);
    if (!planned) throw new Error(`no reminder for ${kind} on ${today}`);
    return composeReminder(planned, rules, []).text;
  }

  it('tells a 社会团体 the published 31 May 2026 although it is a Sunday, with no rolled-forward date', () => {
    const text = reminderText('社会团体', socialGroupCode(), '2026-05-30');
    expect(text).toContain('截止日期：2026年5月31日。');
    expect(text).not.toMatch(/顺延|6月1日/);
  });

  it('tells a 基金会 31 March', () => {
    expect(reminderText('基金会', foundationCode(), '2026-03-28')).toContain('截止日期：2026年3月31日。');
  });

  it('tells a charity on 31 May, in two reminders, to publish its report and to file the 关联方名单', () => {
    const sub = { chatId: 1, code: foundationCode(2), name: '某某慈善会', kind: '慈善组织' as const, createdAt: '2026-01-01T00:00:00.000Z', submitted: {}, progress: {} };
    const texts = planPass([sub], rules, calendar, '2026-05-28').map((r) => composeReminder(r, rules, []).text);
    expect(texts).toHaveLength(2);
    for (const text of texts) expect(text).toContain('截止日期：2026年5月31日。');
    expect(texts[0]).toContain('向社会公开年度工作报告和财务会计报告');
    expect(texts[1]).toContain('关联方名单及关联关系说明报送民政部门');
  });
});

describe('外国人在中华人民共和国收养子女登记办法 (revised 2024-12-06, in force 2025-01-20; full text read)', () => {
  it('cites the revised 办法 and the decision that revised it, not the 1999 text alone', () => {
    const basis = card('adoption.foreign', 'basis');
    expect(basis).toContain('2024年12月6日修订，2025年1月20日起施行');
    expect(basis).toContain('国务院关于修改和废止部分行政法规的决定');
    expect(basis).not.toContain('1999年5月25日施行');
  });

  it('accepts papers proved under a treaty (第四条) and asks the adopter to sign a statement on them (第八条第二款)', () => {
    const text = card('adoption.foreign');
    expect(text).toContain('或者按我国缔结、参加的国际条约规定的证明手续办理；收养人对这些证明文书的真实性负责，签署书面声明');
    expect(text).toContain('• 收养人对所在国主管机关出具的证明文书真实性负责的书面声明（原件）');
    expect(text).toContain('夫妻一方不能来华的，另一方持有的书面委托书');
  });
});

describe('社会组织评估管理办法 (revised, in force 2026-03-01; read in 新华网/央视 reports)', () => {
  it('no longer bars an organisation for last year\'s 年检 result, and counts the 5 years from 1 January after the notice', () => {
    const text = card('social-org.rating');
    expect(text).not.toMatch(/上一?年度年检合格才能申请|上一年度年检合格；/);
    expect(text).toContain('不再一律不能参评');
    expect(text).toContain('从民政部门发布评估结果公告的次年1月1日起算，到第5年的12月31日止');
    expect(text).toContain('在有效期的前4年内可以申请重新评估');
  });

  it('cites the revised 办法 of 2026 as the rule in force, the 2010 民政部令第39号 only as replaced', () => {
    const basis = card('social-org.rating', 'basis');
    expect(basis).toContain('2026年3月1日起施行，共6章36条');
    expect(item('social-org.rating').legalBasis.join()).not.toMatch(/^《社会组织评估管理办法》（民政部令第39号）$/);
    expect(basis).toContain('2026年3月1日起由修订后的办法取代');
  });

  it('cites the report that says what the card says of eligibility, re-evaluation and validity, and claims no 令号', () => {
    const basis = card('social-org.rating', 'basis');
    expect(basis).toContain('总台央视记者李玉梅报道');
    expect(basis).toContain('在评估等级有效期的前4年内可以申请重新评估');
    expect(basis).toContain('延续至第5年的12月31日终止');
    // The revised 办法's 民政部令 number was not read: only the 2010 text's 第39号 may appear.
    expect(basis.match(/民政部令第\d+号/g) ?? []).toEqual(['民政部令第39号', '民政部令第39号']);
  });
});

describe('社会组织名称管理办法 (民政部令第69号, in force 2024-05-01)', () => {
  it.each(['foundation.establish', 'foundation.change'])('%s rests on 民政部令第69号, not the repealed 基金会名称管理规定', (id) => {
    const legal = item(id).legalBasis.join('；');
    expect(legal).toContain('《社会组织名称管理办法》（民政部令第69号，2024年5月1日起施行）');
    expect(legal).not.toContain('基金会名称管理规定');
    expect(card(id, 'basis')).toContain('已于2024年5月1日被本办法废止');
  });

  it('names a 基金会 by region, 字号, field and 基金会, and a 社团 by region, field or members and form', () => {
    expect(card('foundation.establish')).toContain('名称原则上由行政区划名称、字号、行（事）业领域和“基金会”字样依次构成');
    expect(card('social-group.establish')).toContain('名称中间含有这些字词的，只能作为行（事）业领域限定语');
    expect(card('social-group.change-name', 'basis')).toContain('民政部令第69号');
  });
});

describe('残疾人两项补贴的衔接 (择高, 叠加): read in local implementing documents; 民发〔2022〕79号 only in a news report', () => {
  it('lets the 两项补贴 stack with 高龄津贴 and 养老服务补贴, and the two care subsidies be taken as the higher one', () => {
    expect(card('disability.two-subsidies')).toContain('高龄津贴、养老服务补贴可以和两项补贴叠加享受');
    expect(card('disability.two-subsidies', 'basis')).toContain('民发〔2022〕79号');
    expect(card('elderly.care-subsidy')).toContain('两种护理补贴一般只能择高申领其中一类护理补贴，不重复享受');
    expect(card('elderly.care-subsidy')).not.toContain('与重度残疾人护理补贴、长期护理保险待遇能否同时享受，以当地规定为准');
    expect(card('elderly.senior-allowance')).toContain('同时符合残疾人两项补贴条件的，一般可以叠加享受');
  });

  it('does not say the 择高/叠加 rules come from 民发〔2022〕79号, whose text was not read (the rule is older: 四川 about 2016, 广州 2021)', () => {
    const conditions = (id: string) => item(id).conditions.join('\n');
    for (const id of ['elderly.care-subsidy', 'elderly.senior-allowance', 'disability.two-subsidies']) {
      expect(conditions(id), id).not.toMatch(/79号|精准管理的意见/);
    }
    const basis = card('elderly.care-subsidy', 'basis');
    expect(basis).toContain('可择高申领其中一类补贴（津贴）');
    expect(basis).toContain('养老护理补贴应与重度残疾人护理补贴择高享受');
  });
});

describe('慈善组织年度支出和管理费用 (慈善法 第六十一条, 2023 text read in LawRefBook/Laws)', () => {
  it('states the statutory standard of a foundation with 公募资格 and leaves the others to the standards in force', () => {
    const faq = card('charity.public-fundraising', 'faq');
    expect(faq).toContain('年度慈善活动支出不得低于上一年总收入的70%或者前三年收入平均数额的70%');
    expect(faq).toContain('年度管理费用不得超过当年总支出的10%');
    expect(faq).toContain('具体比例以现行规定为准');
    // The 2016 net-asset bands are not claimed: their replacement (with 募捐成本) was not read.
    expect(faq).not.toMatch(/上年末净资产|净资产.*百分之/);
    expect(card('charity.recognition', 'faq')).toContain('年度支出、管理费用和募捐成本标准');
    for (const id of ['charity.recognition', 'charity.public-fundraising']) {
      expect(card(id, 'basis')).toContain('第六十一条');
    }
  });
});

describe('时限 that no national text sets (issue 10): said to be so, never an invented number', () => {
  const timeAnswer = (id: string): string =>
    renderPlain({ kind: 'part', blocks: [...aspectAnswer(item(id), 'time', snapshot.hall)], actions: [], notes: [] }).text;
  const summaryTime = (id: string): string =>
    renderPlain({ kind: 'part', blocks: [...itemSummary(item(id), snapshot.hall)], actions: [], notes: [] }).text
      .split('\n')
      .find((l) => l.includes('多久：')) ?? '';
  const NUMBER = /\d+\s*(?:个工作日|天|日)/u;

  it.each(['social-org.rating', 'elderly.senior-allowance', 'elderly.service-subsidy', 'assistance.temporary'])(
    '%s: card, 要多久 and summary say there is no national limit and show no number of days',
    (id) => {
      expect(item(id).timeLimit.statutory).toEqual({ type: '未统一规定' });
      expect(item(id).timeLimit.promised).toEqual({ type: '未统一规定' });
      const text = card(id, 'time');
      expect(text).toContain('办理时限：国家没有统一规定，以当地公布的为准');
      expect(text).not.toMatch(/法定时限|承诺时限/);
      expect(text.split('收费：')[0]).not.toMatch(NUMBER);
      expect(timeAnswer(id)).toMatch(/^国家没有统一规定，以当地公布的为准。/);
      expect(summaryTime(id)).toBe('• 多久：国家没有统一规定，以当地公布的为准');
    },
  );

  it('社会组织等级评估 no longer shows 法定时限：180天, which no source states', () => {
    expect(card('social-org.rating', 'time')).not.toContain('180');
    expect(timeAnswer('social-org.rating')).not.toContain('180');
  });

  it('does not say "no national limit" twice when the note says it too', () => {
    // elderly.service-subsidy's note is only "国家未统一规定时限，以当地规定为准。"
    for (const id of ['elderly.service-subsidy', 'elderly.senior-allowance', 'social-org.leader-filing']) {
      expect(card(id, 'time').match(/统一规定/gu), id).toHaveLength(1);
      expect(timeAnswer(id).match(/统一规定/gu), id).toHaveLength(1);
    }
    expect(card('elderly.senior-allowance', 'time')).toContain('以本省高龄津贴政策为准');
  });

  it('keeps the law\'s limit and leaves the province\'s promise to the local hall (社会团体登记管理条例 第十二条 60日)', () => {
    expect(item('social-group.establish').timeLimit.promised).toEqual({ type: '未统一规定' });
    expect(card('social-group.establish', 'time')).toContain('法定时限：60天；承诺时限：各地不同，以当地公布的为准');
    expect(card('social-group.establish', 'time')).not.toContain('20个工作日');
    expect(timeAnswer('social-group.establish')).toMatch(/^法定60天内办结，各地承诺的时限以当地公布的为准。/);
  });

  it('gives no item a statutory number beside a note saying no national text sets one, nor reads "未统一规定天"', () => {
    for (const i of snapshot.items) {
      if (/国家[^。；，]{0,8}未(?:统一|单独)?规定/u.test(i.timeLimit.note ?? '')) expect(i.timeLimit.statutory, i.id).toEqual({ type: '未统一规定' });
      // The part before 收费 is the time limit and its note (amounts below may speak of 未统一规定 sums).
      expect(card(i.id, 'time').split('收费：')[0], i.id).not.toMatch(/未统一规定|没有统一规定(?:天|个)|：国家没有统一规定；/u);
    }
  });
});

describe('孤儿和事实无人抚养儿童基本生活保障: 民发〔2019〕62号 not readable (checked 2026-12-03)', () => {
  it('keeps the 30 working days but leaves the promise to the local hall, and says what the limit rests on', () => {
    expect(item('child.basic-living-allowance').timeLimit.promised).toEqual({ type: '未统一规定' });
    expect(card('child.basic-living-allowance', 'time')).toContain('法定时限：30个工作日；承诺时限：各地不同，以当地公布的为准');
    expect(card('child.basic-living-allowance', 'basis')).toContain('意见原文未能核对，具体时限以当地公布的为准');
  });

  it('does not say every case is posted on the village board: whether to post is local, the child\'s privacy is kept', () => {
    const steps = card('child.basic-living-allowance', 'steps');
    expect(steps).not.toContain('在村（居）务公开栏公示');
    expect(steps).toContain('是否张榜公示按当地规定');
  });
});
