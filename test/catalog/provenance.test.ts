import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hallContact, onlineLink } from '../../src/catalog/contact.js';
import { isStale } from '../../src/catalog/freshness.js';
import { lintCatalog } from '../../src/catalog/load-catalog.js';
import { placeholderReason } from '../../src/catalog/placeholders.js';
import { copyFixture, editFile, removeFixtures, VALID_FIXTURE } from './helpers.js';

const MARRIAGE = 'catalog/marriage.yaml';
const LOCAL_HALL = 'test/fixtures/catalog/local-hall.yaml';
const NOW = new Date('2025-12-01T00:00:00Z');

afterEach(removeFixtures);

describe('catalog provenance', () => {
  it('fails an item that names no source', async () => {
    const dir = await copyFixture();
    await editFile(dir, MARRIAGE, '    sources:\n      - { title: 示例来源文件, article: 第一条 }\n', '    sources: []\n');
    const { problems } = await lintCatalog(dir, { now: NOW });
    expect(problems.map((p) => [p.path, p.message.replace(/（第 \d+ 行）$/, '')])).toEqual([
      ['items[marriage.register].sources', '须至少写明一个来源（法规、文件或公开网页）'],
    ]);
  });

  it('warns, without failing, on an item not verified for twelve months', async () => {
    const { problems, warnings } = await lintCatalog(VALID_FIXTURE, { now: new Date('2026-06-02T00:00:00Z'), localHallFile: LOCAL_HALL });
    expect(problems).toEqual([]);
    expect(warnings.map((w) => w.path)).toEqual([
      'items[marriage.register].lastChecked',
      'items[marriage.divorce].lastChecked',
      'items[social-group.establish].lastChecked',
    ]);
    expect(warnings[0]?.message).toContain('已超过 12 个月未核对（2025-06-01）');
  });

  it('counts twelve months to the day', () => {
    expect(isStale('2025-06-01', new Date('2026-06-01T00:00:00Z'))).toBe(false);
    expect(isStale('2025-06-01', new Date('2026-06-02T00:00:00Z'))).toBe(true);
  });
});

describe('placeholders in the data dir', () => {
  it('recognises the placeholder shapes and leaves real values alone', () => {
    expect(placeholderReason('https://zwfw.example.gov.cn/x')).toBeDefined();
    expect(placeholderReason('https://example.com')).toBeDefined();
    expect(placeholderReason('0471-0000000')).toBeDefined();
    expect(placeholderReason('地址待定')).toBeDefined();
    expect(placeholderReason('TODO: 补链接')).toBeDefined();
    for (const real of ['https://www.mca.gov.cn', '12345', '0471-6901234', '原始基金不低于800万元', '慈善法第十条']) {
      expect(placeholderReason(real)).toBeUndefined();
    }
  });

  it('fails a placeholder in a catalog file, in hall.yaml and in any other YAML file of the dir', async () => {
    const dir = await copyFixture();
    await editFile(dir, MARRIAGE, '      window: 婚姻登记处窗口\n', '      window: 婚姻登记处窗口（地址待定）\n');
    await editFile(dir, 'hall.yaml', '    phone: "12345"\n', '    phone: "12345"\n    url: https://mzt.example.gov.cn\n');
    await writeFile(join(dir, 'reminder-rules.yaml'), 'filing:\n  url: https://shzz.example.gov.cn/nianjian\n');
    const { problems, snapshot } = await lintCatalog(dir, { now: NOW });
    expect(snapshot).toBeUndefined();
    expect(problems.map((p) => `${p.file} ${p.path}`)).toEqual([
      'hall.yaml national[0].url',
      `${MARRIAGE} items[marriage.register].where.window`,
      'reminder-rules.yaml filing.url',
    ]);
    expect(problems[1]?.message).toContain('不能当作真实信息展示给群众');
  });

  it('refuses local hall data shipped inside hall.yaml', async () => {
    const dir = await copyFixture();
    await editFile(dir, 'hall.yaml', 'referrals:', 'local:\n  name: 某某大厅\n  address: 某某路一号大楼\n  hours: 工作日上午\n  phone: 0471-6901234\nreferrals:');
    const { problems } = await lintCatalog(dir, { now: NOW });
    expect(problems.map((p) => p.path)).toEqual(['local']);
  });
});

describe('the operator local hall file', () => {
  it('warns loudly when none is supplied and shows only national contacts', async () => {
    const { warnings, snapshot } = await lintCatalog(VALID_FIXTURE, { now: NOW });
    expect(warnings.map((w) => w.file)).toEqual(['LOCAL_HALL_FILE']);
    expect(warnings[0]?.message).toContain('地址、办公时间、咨询电话、监督投诉电话');
    expect(snapshot?.hall.local).toBeUndefined();
    const contact = hallContact(snapshot!.hall);
    expect(contact.local).toBe(false);
    expect(contact.lines.map((l) => l.label)).toEqual(['热线']);
  });

  it('loads a valid file into hall.local and uses its per-item online link', async () => {
    const { problems, warnings, snapshot } = await lintCatalog(VALID_FIXTURE, { now: NOW, localHallFile: LOCAL_HALL });
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    const hall = snapshot!.hall;
    expect(hall.local?.address).toBe('测试市人民路 1 号政务服务中心三楼');
    expect(hallContact(hall).lines.map((l) => l.label)).toEqual(['地址', '时间', '电话', '咨询电话', '监督投诉电话', '网站', '热线']);
    const register = snapshot!.byId.get('marriage.register')!;
    expect(onlineLink(hall, register)?.url).toBe('https://zwfw.nmg.gov.cn/marriage/register');
    expect(onlineLink(hall, snapshot!.byId.get('marriage.divorce')!)).toBeUndefined();
  });

  it('names the file and field of a bad local hall: unknown item, placeholder, missing field', async () => {
    const dir = await copyFixture();
    const file = join(dir, 'local.yaml');
    await writeFile(file, 'name: 测试大厅\naddress: 测试路一号\nhours: 工作日\nphone: 0471-0000000\nonline:\n  marriage.regster: https://zwfw.nmg.gov.cn/x\n');
    const { problems, snapshot } = await lintCatalog(dir, { now: NOW, localHallFile: file });
    expect(snapshot).toBeUndefined();
    expect(problems.map((p) => `${p.file === file ? 'LOCAL' : p.file} ${p.path}`)).toEqual([
      'LOCAL hours',
      'LOCAL phone',
      'LOCAL online.marriage.regster',
    ]);
  });

  it('reports a missing local hall file by its path', async () => {
    const { problems } = await lintCatalog(VALID_FIXTURE, { now: NOW, localHallFile: '/nonexistent/local-hall.yaml' });
    expect(problems).toEqual([
      { file: '/nonexistent/local-hall.yaml', path: '(整个文件)', message: '文件不存在：请检查 LOCAL_HALL_FILE 的路径' },
    ]);
  });
});
