import { beforeAll, describe, expect, it } from 'vitest';
import { checkEligibility, loadEligibilityRules, type EligibilityRule } from '../../src/answers/eligibility.js';
import { extractFacts, parseNumber } from '../../src/answers/facts.js';
import { loadCatalogSnapshot } from '../../src/catalog/load-catalog.js';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let rules: EligibilityRule[];
beforeAll(async () => {
  rules = await loadEligibilityRules('data/eligibility.yaml');
});

const check = (item: string, q: string) => checkEligibility(rules, item, extractFacts(q));

describe('the facts a person states', () => {
  it('reads ages in digits and in Chinese numerals, and whose age by the sex words', () => {
    expect(extractFacts('我女朋友19岁能领证不')).toMatchObject({ age: 19, sex: 'female' });
    expect(extractFacts('我男朋友二十一岁')).toMatchObject({ age: 21, sex: 'male' });
    expect(extractFacts('我妈八十五岁了')).toMatchObject({ age: 85, sex: 'female' });
    expect(parseNumber('一百零二')).toBe(102);
  });

  it('reads member counts and amounts of money', () => {
    expect(extractFacts('我们有40个会员')).toMatchObject({ individualMembers: 40 });
    expect(extractFacts('35家单位会员')).toMatchObject({ unitMembers: 35 });
    expect(extractFacts('准备了300万元，想成立非公募基金会')).toMatchObject({ amountYuan: 3_000_000, variants: ['non-public'] });
  });
});

describe('"我能办吗"', () => {
  it('法定婚龄: no at 19 for her, yes at 22 for him, depends at 21 when nobody says whose age', () => {
    expect(check('marriage.register', '我女朋友19岁能领证不')?.verdict).toBe('no');
    expect(check('marriage.register', '我男朋友22岁了可以结婚吗')?.verdict).toBe('yes');
    expect(check('marriage.register', '21岁能结婚吗')?.verdict).toBe('depends');
    expect(check('marriage.register', '结婚要带什么')).toBeUndefined();
  });

  it('高龄津贴: yes at 85, depends on the local age at 75, no at 60', () => {
    expect(check('elderly.senior-allowance', '我妈八十五岁了')?.verdict).toBe('yes');
    expect(check('elderly.senior-allowance', '我爸75岁能领高龄津贴吗')?.verdict).toBe('depends');
    expect(check('elderly.senior-allowance', '60岁能领吗')?.verdict).toBe('no');
  });

  it('社会团体: 40 individual members are not enough, 35 unit members are, 20+35 mixed are', () => {
    expect(check('social-group.establish', '我们有40个会员能成立协会吗')?.verdict).toBe('no');
    expect(check('social-group.establish', '有35家单位会员')?.verdict).toBe('yes');
    expect(check('social-group.establish', '35个人会员和20家单位会员')?.verdict).toBe('yes');
  });

  it('基金会: ¥3m is enough for a non-public foundation only, so it depends unless the kind is said', () => {
    const v = check('foundation.establish', '有300万能成立基金会吗');
    expect(v?.verdict).toBe('depends');
    expect(v?.options.filter((o) => o.enough)).toHaveLength(1);
    expect(check('foundation.establish', '300万成立全国性公募基金会')?.verdict).toBe('no');
    expect(check('foundation.establish', '300万成立非公募基金会')?.verdict).toBe('yes');
  });

  it('names only items that exist in the shipped catalog', async () => {
    const snapshot = await loadCatalogSnapshot('data');
    for (const r of rules) for (const id of r.items) expect(snapshot.byId.has(id), `${r.id}: ${id}`).toBe(true);
  });

  it('refuses a malformed rules file, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mz-rules-'));
    const file = join(dir, 'eligibility.yaml');
    await writeFile(file, 'rules:\n  - id: x\n    items: []\n');
    await expect(loadEligibilityRules(file)).rejects.toThrow(file);
  });
});
