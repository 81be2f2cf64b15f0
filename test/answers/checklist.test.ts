import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checklistAnswer } from '../../src/answers/checklist.js';
import { checklistPdf, findCjkFont } from '../../src/answers/checklist-pdf.js';
import { createChecklistStore } from '../../src/answers/checklist-store.js';
import type { AnswerSources } from '../../src/answers/compose.js';
import { itemOf, plainText, shippedSources } from './helpers.js';

let sources: AnswerSources;
beforeAll(async () => {
  sources = await shippedSources();
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mz-checklist-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the checklist store', () => {
  // Ticks across restarts, per chat and item: test/store/contract/checklists.contract.test.ts (both stores).
  it('refuses a corrupt file, naming it, and leaves it as it was', async () => {
    await writeFile(join(dir, 'checklists.json'), '{ not json');
    await expect(createChecklistStore(dir)).rejects.toThrow('checklists.json');
    expect(await readFile(join(dir, 'checklists.json'), 'utf8')).toBe('{ not json');
  });
});

describe('the checklist answer', () => {
  it('lists only what is still missing, with a tick button for every material', () => {
    const item = itemOf(sources, 'marriage.divorce');
    const [a, b] = item.materials;
    if (!a || !b) throw new Error('needs two materials');
    const answer = checklistAnswer(item, new Set([a.name]));
    const text = plainText(answer);
    expect(text).not.toContain(a.name);
    expect(text).toContain(b.name);
    expect(text).toContain(`已备好1样，还差${item.materials.length - 1}样`);
    expect(answer.actions.flat().filter((x) => x.type === 'tick')).toHaveLength(item.materials.length);
    expect(answer.actions.flat().find((x) => x.type === 'tick' && x.index === 0)?.label.startsWith('☑')).toBe(true);
  });
});

describe('the printed checklist', () => {
  it('is a small PDF whose text renders: the item name and the missing materials, with the date', async () => {
    const item = itemOf(sources, 'social-group.establish');
    const [ready, missing] = item.materials;
    if (!ready || !missing) throw new Error('needs two materials');
    const pdf = await checklistPdf({ item, ticked: new Set([ready.name]), hall: sources.snapshot.hall, date: new Date(2026, 11, 2), font: findCjkFont() });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The font is subset: a whole CJK font would be megabytes.
    expect(pdf.length).toBeLessThan(200_000);
    const file = join(dir, 'checklist.pdf');
    await writeFile(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain(item.name);
    expect(text).toContain(missing.name.replace(/\s+/g, '').slice(0, 12));
    expect(text).toContain('还需准备');
    expect(text).toContain('2026年12月2日');
    const missingAt = text.indexOf('还需准备');
    const readyAt = text.indexOf('已备好');
    expect(text.indexOf(ready.name.slice(0, 10))).toBeGreaterThan(readyAt);
    expect(readyAt).toBeGreaterThan(missingAt);
    execFileSync('pdftoppm', ['-r', '40', '-png', '-f', '1', '-l', '1', file, join(dir, 'page')]);
    expect((await stat(join(dir, 'page-1.png'))).size).toBeGreaterThan(2_000);
  });
});
