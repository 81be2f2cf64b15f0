import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers.js';

let t: TestBot;
beforeEach(async () => {
  t = await createTestBot();
});
afterEach(async () => {
  await t.close();
});

describe('a broken unanswered log', () => {
  it('never stops the answer to an out-of-scope question (a folder where unanswered.jsonl belongs)', async () => {
    await mkdir(join(t.dataDir, 'unanswered.jsonl'));
    const texts = t.texts(await t.send('帮我查一下明天的天气预报'));
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.join('\n')).not.toContain('小差');
  });
});
