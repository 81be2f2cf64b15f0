import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalogSnapshot } from '../../../src/catalog/load-catalog.js';
import { ScopeModelError } from '../../../src/errors.js';
import { loadScopeModel } from '../../../src/matching/scope/load-model.js';
import { rowCount } from '../../../src/matching/scope/model.js';
import { OUT_OF_SCOPE } from '../../../src/matching/scope/train.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function fileWith(text: string): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'scope-model-'));
  const file = join(dir, 'scope-model.json');
  await writeFile(file, text);
  return file;
}

describe('loadScopeModel', () => {
  it('loads the shipped model, which knows every catalog item and the out-of-scope class', async () => {
    const model = await loadScopeModel('data/scope-model.json');
    const snapshot = await loadCatalogSnapshot('data');
    expect(model.classes).toContain(OUT_OF_SCOPE);
    expect(model.classes).toEqual(expect.arrayContaining(snapshot.items.map((i) => i.id)));
    expect(rowCount(model)).toBeGreaterThan(1000);
  });

  it('names the file when it is missing', async () => {
    await expect(loadScopeModel('no-such-dir/scope-model.json')).rejects.toThrow(ScopeModelError);
    await expect(loadScopeModel('no-such-dir/scope-model.json')).rejects.toThrow(/no-such-dir\/scope-model\.json.*\n.*无法读取/);
  });

  it('names the file when it is not JSON', async () => {
    const file = await fileWith('{"format": ');
    await expect(loadScopeModel(file)).rejects.toThrow(new RegExp(`${file.replaceAll('\\', '\\\\')}[^]*JSON`));
  });

  it('names the file and the field when it is not a model of this version', async () => {
    const file = await fileWith(JSON.stringify({ format: 'minzheng-scope-model', version: 0 }));
    const error = await loadScopeModel(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScopeModelError);
    expect((error as ScopeModelError).file).toBe(file);
    expect((error as ScopeModelError).problems.join('\n')).toMatch(/version/);
  });
});
