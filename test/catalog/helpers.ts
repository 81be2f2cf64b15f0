import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const VALID_FIXTURE = 'test/fixtures/catalog/valid';

const made: string[] = [];

/** Copies the valid fixture data dir to a fresh temp dir the test may break at will. */
export async function copyFixture(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'minzheng-catalog-'));
  made.push(dir);
  await cp(VALID_FIXTURE, dir, { recursive: true });
  return dir;
}

/** Removes every temp dir made so far (call from afterEach). */
export async function removeFixtures(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/**
 * Replaces the first occurrence of `from` in a file. Throws when `from` is absent, so a fixture
 * change cannot silently turn a "rejects X" test into one that checks an unbroken file.
 */
export async function editFile(dir: string, file: string, from: string, to: string): Promise<void> {
  const path = join(dir, file);
  const text = await readFile(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} 中找不到要替换的文字：${from}`);
  await writeFile(path, text.replace(from, to));
}
