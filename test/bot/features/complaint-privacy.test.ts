import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers.js';

let t: TestBot;
beforeEach(async () => {
  t = await createTestBot({ now: () => new Date('2026-09-30T15:00:00+08:00') });
});
afterEach(async () => {
  await t.close();
});

describe('an abandoned complaint', () => {
  it('leaves no phone or ID number in chats.json', async () => {
    await t.send('/complaint');
    await t.send('１３８１２３４５６７８');
    await t.deps.chats.flush();
    const stored = await readFile(join(t.dataDir, 'chats.json'), 'utf8');
    expect(stored).toContain('complaint');
    expect(stored).not.toMatch(/1234|１２３４/);
    expect(stored).toContain('138****5678');
  });
});
