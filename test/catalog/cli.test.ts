import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture, editFile, removeFixtures, VALID_FIXTURE } from './helpers.js';

const run = promisify(execFile);

/** Runs the CLI the way `npm run catalog:check` does; resolves with exit code and output either way. */
async function catalogCheck(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return catalogCheckWith({}, ...args);
}

async function catalogCheckWith(extraEnv: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, LOCAL_HALL_FILE: '', ...extraEnv };
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/catalog/cli.ts', ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

afterEach(removeFixtures);

describe('catalog:check', () => {
  it('exits 1 and prints file, field path and reason for each problem in a broken dir', async () => {
    const dir = await copyFixture();
    await editFile(dir, 'catalog/marriage.yaml', '        condition: 再婚的\n', '');
    await editFile(dir, 'catalog/social-org.yaml', 'promised: { type: 工作日, days: 20 }', 'promised: { type: 工作日, days: 61 }');
    const { code, stdout } = await catalogCheck(dir, '--no-spec');
    expect(code).toBe(1);
    expect(stdout.trim().split('\n')).toEqual([
      'catalog/marriage.yaml items[marriage.register].materials[1].condition: 非必需材料须写明 condition（什么情况下需要）（第 11 行）',
      'catalog/social-org.yaml items[social-group.establish].timeLimit.promised: 承诺时限（61 个工作日）长于法定时限（60 个工作日），承诺时限不得超过法定时限（第 16 行）',
      `共 2 处错误，涉及 2 个文件（数据目录 ${dir}）`,
    ]);
  });

  it('exits 0 with a count of items and categories for a valid dir, and warns loudly that no local hall was supplied', async () => {
    const { code, stdout, stderr } = await catalogCheck(VALID_FIXTURE, '--no-spec');
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('OK: 3 个事项 / 2 个分类');
    expect(stderr).toContain('⚠️ 警告 LOCAL_HALL_FILE (整个文件): 未配置本地大厅信息');
  });

  it('takes the local hall file with --local-hall and stops warning about it', async () => {
    const { code, stderr } = await catalogCheck(VALID_FIXTURE, '--no-spec', '--local-hall', 'test/fixtures/catalog/local-hall.yaml');
    expect(code).toBe(0);
    expect(stderr).not.toContain('LOCAL_HALL_FILE');
  });

  it('reports spec items missing from the catalog when given a spec list', async () => {
    const { code, stdout } = await catalogCheck(VALID_FIXTURE, '--spec', 'test/fixtures/catalog/spec.tsv');
    expect(code).toBe(1);
    expect(stdout).toContain('catalog/ items[marriage.reissue-certificate]: 规格清单要求的事项缺失：补领婚姻登记证（分类「婚姻」）');
    expect(stdout).not.toContain('items[marriage.register]:');
  });

  it('exits 0 for the shipped catalog, whose learned model knows every item', async () => {
    const { code, stdout, stderr } = await catalogCheck();
    expect(stdout).toMatch(/^OK: \d+ 个事项 \/ \d+ 个分类/);
    expect(stderr).not.toContain('学习模型');
    expect(code).toBe(0);
  });

  it('warns that the learned model must be retrained when the catalog holds items it never learnt', async () => {
    const dir = await copyFixture();
    const { code, stderr } = await catalogCheck(dir, '--no-spec');
    expect(code).toBe(0);
    expect(stderr).toMatch(/学习模型与目录不一致.*请运行 npm run train:scope/);
  });

  it('exits 1 naming the model file when the learned model cannot be read', async () => {
    const { code, stdout } = await catalogCheckWith({ SCOPE_MODEL_FILE: 'test/fixtures/no-such-model.json' }, '--no-spec');
    expect(code).toBe(1);
    expect(stdout).toContain('test/fixtures/no-such-model.json');
  });
});
