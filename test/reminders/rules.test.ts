import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { ReminderRulesError } from '../../src/errors.js';
import { loadReminderRules } from '../../src/reminders/rules.js';
import { RULES_FILE, removeTempDirs, tempDir } from './helpers.js';

afterEach(removeTempDirs);

async function writeRules(edit: (text: string) => string): Promise<string> {
  const file = join(await tempDir(), 'reminder-rules.yaml');
  await writeFile(file, edit(await readFile(RULES_FILE, 'utf8')));
  return file;
}

async function errorOf(file: string): Promise<ReminderRulesError> {
  const error = await loadReminderRules(file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ReminderRulesError);
  return error as ReminderRulesError;
}

describe('loadReminderRules', () => {
  it('loads the shipped rules file', async () => {
    const rules = await loadReminderRules(RULES_FILE);
    expect(rules.sendTime).toBe('09:00');
    expect(rules.timezone).toBe('Asia/Shanghai');
    expect(rules.kinds.社会团体.deadlines.map((d) => d.date)).toEqual(['03-31', '05-31']);
    expect(rules.kinds.基金会.deadlines.map((d) => d.date)).toEqual(['03-31']);
    expect(rules.kinds.慈善组织.deadlines.map((d) => d.date)).toEqual(['03-31', '05-31', '05-31']);
    expect(rules.holidayRule).toBe('none');
    expect(rules.offsets).toEqual({ before: [30, 14, 7, 3, 1], after: [1, 7] });
    expect(new URL(rules.filing.url).hostname).toBe('chinanpo.mca.gov.cn');
  });

  it('names the file and the field of a bad send time', async () => {
    const file = await writeRules((t) => t.replace('sendTime: "09:00"', 'sendTime: "9 点"'));
    const error = await errorOf(file);
    expect(error.message).toContain(file);
    expect(error.problems).toEqual([expect.objectContaining({ path: 'sendTime', message: expect.stringContaining('HH:MM') })]);
  });

  it('names the deadline field path of a bad date', async () => {
    const file = await writeRules((t) => t.replace('date: "03-31"', 'date: "3月31日"'));
    const error = await errorOf(file);
    expect(error.problems[0]?.path).toBe('kinds.社会团体.deadlines.0.date');
  });

  it('refuses a deadline id too long for the 已提交 button’s 64-byte data', async () => {
    const file = await writeRules((t) => t.replace('id: related-parties', `id: ${'related-parties-'.repeat(2)}`));
    expect((await errorOf(file)).message).toContain('id 最多 24 个字符');
  });

  it('refuses an unknown holiday rule', async () => {
    const file = await writeRules((t) => t.replace('holidayRule: none', 'holidayRule: skip'));
    expect((await errorOf(file)).problems[0]?.path).toBe('holidayRule');
  });

  it('refuses a file without one of the kinds', async () => {
    const file = await writeRules((t) => t.replace(/ {2}慈善组织:[\s\S]*?windowStart: "01-01"\n/, ''));
    expect((await errorOf(file)).message).toContain('慈善组织');
  });

  it('reports a YAML syntax error instead of crashing', async () => {
    const file = await writeRules((t) => `${t}\n  : : [\n`);
    expect((await errorOf(file)).problems[0]?.path).toBe('(YAML 语法)');
  });

  it('reports a missing file by name', async () => {
    const error = await errorOf('/nonexistent/reminder-rules.yaml');
    expect(error.message).toContain('/nonexistent/reminder-rules.yaml');
  });
});
