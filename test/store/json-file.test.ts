import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StoreCorruptError } from '../../src/errors.js';
import { openJsonFile } from '../../src/store/json-file.js';

const Schema = z.object({ version: z.literal(2), items: z.array(z.string()) });
const options = { schema: Schema, version: 2, defaults: () => ({ version: 2 as const, items: [] }) };

async function tempFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'mz-json-')), 'store.json');
}

describe('a schema-versioned JSON file', () => {
  it('is created with its defaults and version, and reads back what was written', async () => {
    const file = await tempFile();
    const store = await openJsonFile(file, options);
    await store.update((d) => d.items.push('a'));
    const again = await openJsonFile(file, options);
    expect(again.data).toEqual({ version: 2, items: ['a'] });
  });

  it('serialises concurrent updates so none is lost', async () => {
    const file = await tempFile();
    const store = await openJsonFile(file, options);
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.update((d) => d.items.push(String(i)))));
    const disk = JSON.parse(await readFile(file, 'utf8')) as { items: string[] };
    expect(disk.items).toHaveLength(50);
  });

  const corruptions: [string, string, RegExp][] = [
    ['not JSON', '{"version": 2, "items": [', /不是有效的 JSON/],
    ['another schema version', '{"version": 1, "items": []}', /版本为 1.*需要版本 2/],
    ['a field of the wrong shape', '{"version": 2, "items": [3]}', /items\.0/],
  ];
  for (const [name, content, reason] of corruptions) {
    it(`refuses a file that is ${name}, naming the file and the reason, and leaves it untouched`, async () => {
      const file = await tempFile();
      await writeFile(file, content);
      const error = await openJsonFile(file, options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreCorruptError);
      expect((error as Error).message).toContain(file);
      expect((error as Error).message).toMatch(reason);
      expect(await readFile(file, 'utf8')).toBe(content);
    });
  }
});
