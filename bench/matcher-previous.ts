import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import type { MatchableSnapshot } from '../src/matching/build-index.js';
import type { MatchResult } from '../src/matching/types.js';

/**
 * The matchers earlier rounds started from, checked out at bench time: main before issue 9, and main
 * at the start of the latest session (37cf192, before rounds 11 and 12 were written), with the scope
 * model it shipped.
 */
export const ORIGINAL_COMMIT = '648b8c6';
export const PREVIOUS_COMMIT = '37cf192';

type PrevBuild = (snapshot: unknown, intents: unknown, options?: unknown) => unknown;

const hasPath = (commit: string, path: string): boolean => {
  try {
    execFileSync('git', ['cat-file', '-e', `${commit}:${path}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
type PrevMatch = (index: unknown, text: string) => MatchResult;

/**
 * Builds the previous matcher from git (its src/, intents/ and the hall's referrals as they were at
 * `commit`) in node_modules/.cache, so no copy of old code is committed. Undefined, with the
 * reason, when git or the commit is not at hand (a shallow clone).
 */
export async function previousMatcher(commit: string = PREVIOUS_COMMIT): Promise<
  { make: (snapshot: MatchableSnapshot) => (q: string) => MatchResult } | { missing: string }
> {
  const dir = resolve(`node_modules/.cache/minzheng-previous-matcher-${commit}`);
  try {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // A commit that shipped a scope model is rebuilt with it, as the app ran then.
    const model = hasPath(commit, 'data/scope-model.json') ? ['data/scope-model.json'] : [];
    const tar = execFileSync('git', ['archive', commit, 'src', 'intents', 'data/hall.yaml', ...model], { maxBuffer: 64 << 20 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
  } catch (error) {
    return { missing: `git archive ${commit} failed (${(error as Error).message.split('\n')[0]})` };
  }
  if (!existsSync(join(dir, 'src/matching/build-index.ts'))) return { missing: 'no src/matching in the archive' };
  const url = (p: string): string => pathToFileURL(join(dir, p)).href;
  const { buildMatcherIndex } = (await import(url('src/matching/build-index.ts'))) as { buildMatcherIndex: PrevBuild };
  const { matchWithIndex } = (await import(url('src/matching/create-matcher.ts'))) as { matchWithIndex: PrevMatch };
  const { loadIntents } = (await import(url('src/matching/load-intents.ts'))) as { loadIntents: (d: string) => Promise<unknown> };
  const intents = await loadIntents(join(dir, 'intents'));
  const hall = parse(await readFile(join(dir, 'data/hall.yaml'), 'utf8')) as { referrals: MatchableSnapshot['hall']['referrals'] };
  const modelFile = join(dir, 'data/scope-model.json');
  const options = existsSync(modelFile)
    ? { scopeModel: await ((await import(url('src/matching/scope/load-model.ts'))) as { loadScopeModel: (f: string) => Promise<unknown> }).loadScopeModel(modelFile) }
    : {};
  return {
    make: (snapshot) => {
      const index = buildMatcherIndex({ ...snapshot, hall: { referrals: hall.referrals } }, intents, options);
      return (q) => matchWithIndex(index, q);
    },
  };
}
