import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogError } from '../../src/errors.js';
import { lintCatalog, loadCatalogSnapshot } from '../../src/catalog/load-catalog.js';
import { copyFixture, editFile, removeFixtures, VALID_FIXTURE } from './helpers.js';

const MARRIAGE = 'catalog/marriage.yaml';
const SOCIAL = 'catalog/social-org.yaml';

async function problemsAfter(file: string, from: string, to: string) {
  const dir = await copyFixture();
  await editFile(dir, file, from, to);
  return (await lintCatalog(dir)).problems;
}

afterEach(removeFixtures);

describe('loadCatalogSnapshot', () => {
  it('loads a valid data dir with categories in file order and schema defaults filled in', async () => {
    const snapshot = await loadCatalogSnapshot(VALID_FIXTURE);
    expect(snapshot.categories.map((c) => c.name)).toEqual(['婚姻', '社会组织']);
    expect(snapshot.items.map((i) => i.id)).toEqual(['marriage.register', 'marriage.divorce', 'social-group.establish']);
    const register = snapshot.byId.get('marriage.register');
    expect(register?.category).toBe('婚姻');
    expect(register?.file).toBe(MARRIAGE);
    expect(register?.materials[0]).toEqual({ name: '本人居民身份证', form: '原件', copies: 1, required: true });
    expect(snapshot.hall.referrals[0]?.department).toBe('公安机关');
  });

  it('throws a CatalogError whose problems carry file, field path and reason', async () => {
    const dir = await copyFixture();
    await editFile(dir, MARRIAGE, 'kind: 行政确认', 'kind: 行政审批');
    const error = await loadCatalogSnapshot(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).message).toContain(`${MARRIAGE} items[marriage.register].kind: 取值无效（行政审批）`);
  });
});

describe('lintCatalog rejects each kind of mistake precisely', () => {
  it('reports a missing required field at the item that lacks it', async () => {
    const problems = await problemsAfter(MARRIAGE, '    summary: 内地居民在婚姻登记机关办理结婚登记。\n', '');
    expect(problems).toEqual([
      { file: MARRIAGE, path: 'items[marriage.register].summary', message: '缺少必填字段（第 3 行）', line: 3 },
    ]);
  });

  it('reports a value outside an enum and lists the allowed values', async () => {
    const problems = await problemsAfter(MARRIAGE, 'kind: 行政确认', 'kind: 行政审批');
    expect(problems).toEqual([
      {
        file: MARRIAGE,
        path: 'items[marriage.register].kind',
        message: '取值无效（行政审批），只能是：行政许可、行政确认、行政给付、行政备案、其他行政权力、公共服务（第 6 行）',
        line: 6,
      },
    ]);
  });

  it('reports an unknown time-limit type as a bad value of its type field', async () => {
    const problems = await problemsAfter(SOCIAL, 'statutory: { type: 工作日, days: 60 }', 'statutory: { type: 月, days: 2 }');
    expect(problems).toEqual([
      {
        file: SOCIAL,
        path: 'items[social-group.establish].timeLimit.statutory.type',
        message: '取值无效（月），只能是：工作日、自然日、现场办结、即时办结、未统一规定（第 15 行）',
        line: 15,
      },
    ]);
  });

  it('reports a non-required material without a condition', async () => {
    const problems = await problemsAfter(MARRIAGE, '        condition: 再婚的\n', '');
    expect(problems).toEqual([
      {
        file: MARRIAGE,
        path: 'items[marriage.register].materials[1].condition',
        message: '非必需材料须写明 condition（什么情况下需要）（第 11 行）',
        line: 11,
      },
    ]);
  });

  it('reports a misspelt field name as an unknown field at its own path', async () => {
    const problems = await problemsAfter(SOCIAL, 'fee: { amount: 0, basis: 不收费 }', 'fee: { amount: 0, basis: 不收费, currency: CNY }');
    expect(problems.map((p) => [p.path, p.line])).toEqual([['items[social-group.establish].fee.currency', 17]]);
    expect(problems[0]?.message).toMatch(/^未知字段/);
  });

  describe('a fee set locally', () => {
    const FEE = 'fee: { amount: 0, basis: 不收费 }';
    it('accepts amount local with a note saying what may be charged, and where the standard is stated', async () => {
      const to = 'fee: { amount: local, localSource: 当地价格主管部门公布的标准, note: 可能收取证书工本费, basis: 以当地规定为准 }';
      expect(await problemsAfter(SOCIAL, FEE, to)).toEqual([]);
    });

    it('rejects amount local without a note, at the note', async () => {
      const problems = await problemsAfter(SOCIAL, FEE, 'fee: { amount: local, basis: 以当地规定为准 }');
      expect(problems.map((p) => p.path)).toEqual(['items[social-group.establish].fee.note']);
      expect(problems[0]?.message).toContain('amount 为 local 时须在 note 写明');
    });

    it('rejects any other word for the amount and a localSource beside a fixed amount', async () => {
      const word = await problemsAfter(SOCIAL, FEE, 'fee: { amount: 当地定, note: 工本费, basis: 以当地规定为准 }');
      expect(word.map((p) => p.path)).toEqual(['items[social-group.establish].fee.amount']);
      const beside = await problemsAfter(SOCIAL, FEE, 'fee: { amount: 0, localSource: 当地公布的标准, basis: 不收费 }');
      expect(beside.map((p) => p.path)).toEqual(['items[social-group.establish].fee.localSource']);
    });
  });

  it('reports an id used twice across files at the second use', async () => {
    const problems = await problemsAfter(SOCIAL, 'id: social-group.establish', 'id: marriage.register');
    expect(problems).toEqual([
      {
        file: SOCIAL,
        path: 'items[marriage.register].id',
        message: '事项 id 重复：marriage.register 已在 catalog/marriage.yaml 中定义（第 3 行）',
        line: 3,
      },
    ]);
  });

  it('reports a related id that names no item', async () => {
    const problems = await problemsAfter(MARRIAGE, 'related: [marriage.divorce]', 'related: [marriage.divorse]');
    expect(problems).toEqual([
      {
        file: MARRIAGE,
        path: 'items[marriage.register].related[0]',
        message: '相关事项 marriage.divorse 不存在（检查 id 拼写）（第 26 行）',
        line: 26,
      },
    ]);
  });

  it('reports a promised time limit longer than the statutory one after converting working days', async () => {
    // 60 working days count as 84 calendar days: 90 is too long.
    const problems = await problemsAfter(SOCIAL, 'promised: { type: 工作日, days: 20 }', 'promised: { type: 自然日, days: 90 }');
    expect(problems).toEqual([
      {
        file: SOCIAL,
        path: 'items[social-group.establish].timeLimit.promised',
        message: '承诺时限（90 个自然日）长于法定时限（60 个工作日），承诺时限不得超过法定时限（第 16 行）',
        line: 16,
      },
    ]);
  });

  it('accepts a promised limit in calendar days equal to the statutory working days converted', async () => {
    const problems = await problemsAfter(SOCIAL, 'promised: { type: 工作日, days: 20 }', 'promised: { type: 自然日, days: 84 }');
    expect(problems).toEqual([]);
  });

  it('accepts 未统一规定 for either limit, and compares nothing against it', async () => {
    const dir = await copyFixture();
    await editFile(dir, SOCIAL, 'statutory: { type: 工作日, days: 60 }', 'statutory: { type: 未统一规定 }');
    await editFile(dir, SOCIAL, 'promised: { type: 工作日, days: 20 }', 'promised: { type: 工作日, days: 90 }');
    expect((await lintCatalog(dir)).problems).toEqual([]);
    await editFile(dir, SOCIAL, 'promised: { type: 工作日, days: 90 }', 'promised: { type: 未统一规定 }');
    const { problems, snapshot } = await lintCatalog(dir);
    expect(problems).toEqual([]);
    expect(snapshot?.byId.get('social-group.establish')?.timeLimit).toEqual({ statutory: { type: '未统一规定' }, promised: { type: '未统一规定' } });
  });

  it('rejects a number of days on a limit that is not set nationally', async () => {
    const problems = await problemsAfter(SOCIAL, 'statutory: { type: 工作日, days: 60 }', 'statutory: { type: 未统一规定, days: 20 }');
    expect(problems).toEqual([
      {
        file: SOCIAL,
        path: 'items[social-group.establish].timeLimit.statutory.days',
        message: '未知字段（可能拼错了；允许的字段见 src/catalog/schema.ts）（第 15 行）',
        line: 15,
      },
    ]);
  });

  it('reports a statutory number beside a note saying no national text sets one', async () => {
    const problems = await problemsAfter(
      SOCIAL,
      'promised: { type: 工作日, days: 20 }',
      'promised: { type: 工作日, days: 20 }\n      note: 国家未统一规定审核时限，以本省规定为准。',
    );
    expect(problems).toEqual([
      {
        file: SOCIAL,
        path: 'items[social-group.establish].timeLimit.statutory',
        message: '说明称国家未规定时限，法定时限却写成60 个工作日：没有全国性依据的，写 { type: 未统一规定 }（第 15 行）',
        line: 15,
      },
    ]);
  });

  it('reports an empty material list', async () => {
    const problems = await problemsAfter(SOCIAL, 'materials:\n      - name: 登记申请书\n        form: 原件\n', 'materials: []\n');
    expect(problems).toEqual([
      { file: SOCIAL, path: 'items[social-group.establish].materials', message: '材料清单不能为空（第 8 行）', line: 8 },
    ]);
  });

  it('reports a YAML syntax error with its line instead of failing on the first parse', async () => {
    const problems = await problemsAfter(MARRIAGE, '    name: 离婚登记\n', '    name: 离婚登记\n\tnote: 制表符\n');
    expect(problems).toEqual([
      { file: MARRIAGE, path: '(YAML 语法)', message: 'YAML 语法错误：不能用 Tab 缩进，请改用空格（第 36 行）', line: 36 },
    ]);
  });

  it('reports a missing hall.yaml', async () => {
    const dir = await copyFixture();
    await rm(join(dir, 'hall.yaml'));
    expect((await lintCatalog(dir)).problems).toEqual([
      { file: 'hall.yaml', path: '(整个文件)', message: '文件不存在，请在数据目录下创建它' },
    ]);
  });

  it('reports an empty catalog directory', async () => {
    const dir = await copyFixture();
    await rm(join(dir, MARRIAGE));
    await rm(join(dir, SOCIAL));
    expect((await lintCatalog(dir)).problems).toEqual([
      { file: 'catalog/', path: '(整个文件)', message: '目录里没有任何 .yaml 文件：至少要有一个分类文件' },
    ]);
  });

  it('collects every problem in every file in one run, in reading order', async () => {
    const dir = await copyFixture();
    await editFile(dir, 'hall.yaml', 'hotline: "12345"', 'hotline: 12');
    await editFile(dir, MARRIAGE, 'kind: 行政确认', 'kind: 行政审批');
    await editFile(dir, MARRIAGE, 'related: [marriage.register]', 'related: [marriage.nothing]');
    await editFile(dir, SOCIAL, 'id: social-group.establish', 'id: marriage.divorce');
    const { problems, snapshot } = await lintCatalog(dir);
    expect(snapshot).toBeUndefined();
    expect(problems.map((p) => `${p.file} ${p.path}`)).toEqual([
      'hall.yaml hotline',
      `${MARRIAGE} items[marriage.register].kind`,
      `${MARRIAGE} items[marriage.divorce].related[0]`,
      `${SOCIAL} items[marriage.divorce].id`,
    ]);
  });
});
