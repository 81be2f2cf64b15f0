import { mkdtemp, readFile, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IntentsError } from '../../src/errors.js';
import { loadIntents } from '../../src/matching/load-intents.js';

const SPEC_IDS = [
  'greeting',
  'thanks',
  'goodbye',
  'help',
  'human-handoff',
  'complaint',
  'office-info',
  'progress-query',
  'reminder-subscribe',
  'reminder-unsubscribe',
  'praise',
];

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function copyWith(file: string, text: string): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'intents-'));
  await cp('intents', dir, { recursive: true });
  await writeFile(join(dir, file), text);
  return dir;
}

describe('loadIntents', () => {
  it('loads every system intent of the spec (and ours beyond it), the dictionary, the declined topics and the catalog gaps', async () => {
    const data = await loadIntents('intents');
    expect(data.system.map((s) => s.id)).toEqual(expect.arrayContaining(SPEC_IDS));
    expect(data.system.map((s) => s.id)).toContain('bot-identity');
    expect(data.dictionary.synonyms['民办非企业单位']).toContain('民非');
    expect(data.outOfScope.length).toBeGreaterThan(0);
    expect(data.gaps?.map((g) => g.topic)).toContain('社会工作者职业资格');
  });

  it('names the file and the field when a system intent has no examples', async () => {
    const at = await copyWith('system.yaml', 'intents:\n  - id: greeting\n    examples: []\n');
    const error = await loadIntents(at).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntentsError);
    expect((error as IntentsError).message).toContain('system.yaml');
    expect((error as IntentsError).message).toContain('intents.0.examples');
  });

  it('rejects a dictionary pattern that is not a valid regular expression', async () => {
    const original = await readFile('intents/dictionary.yaml', 'utf8');
    const at = await copyWith('dictionary.yaml', `${original}\n  - regex: '(unclosed'\n    add: x\n`);
    await expect(loadIntents(at)).rejects.toThrow(/dictionary\.yaml[\s\S]*patterns\.\d+\.regex/);
  });

  it('rejects a family that is not a list of at least two item ids', async () => {
    const original = await readFile('intents/dictionary.yaml', 'utf8');
    const at = await copyWith('dictionary.yaml', original.replace('families:\n', 'families:\n  测试: [低保]\n'));
    await expect(loadIntents(at)).rejects.toThrow(/dictionary\.yaml[\s\S]*families\.测试/);
  });

  it('reports a YAML syntax error with the file name', async () => {
    const at = await copyWith('out-of-scope.yaml', 'topics: [unclosed\n');
    await expect(loadIntents(at)).rejects.toThrow(/out-of-scope\.yaml[\s\S]*YAML/);
  });

  it('says which directory to check when a file is missing', async () => {
    await expect(loadIntents('no-such-dir')).rejects.toThrow(/INTENTS_DIR/);
  });
});
