// Flags near-duplicate questions in new fixture files, against each other and against every other
// fixture file and the shared dev set, without printing the earlier lines (the writer must not read them).
// Usage: npx tsx scripts/fixture-dedupe.mts test/matching/fixtures/in-scope-10.jsonl [more new files]
// Normalisation: opencc-js t/hk/tw/twp → cn, then punctuation, symbols and spaces dropped, Latin lowercased.
// Flag: bigram Dice ≥ 0.75, or one line containing the other when the shorter has 4+ characters.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import * as OpenCC from 'opencc-js';

const THRESHOLD = 0.75;
const converters = (['t', 'hk', 'tw', 'twp'] as const).map((from) => OpenCC.Converter({ from, to: 'cn' }));
const normalise = (q: string): string =>
  converters
    .reduce((s, convert) => convert(s), q.normalize('NFKC'))
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{Z}\s]/gu, '');

interface Line { file: string; n: number; q: string; norm: string; grams: Map<string, number>; size: number }

function bigrams(s: string): Map<string, number> {
  const chars = [...s];
  const grams = new Map<string, number>();
  const add = (g: string) => grams.set(g, (grams.get(g) ?? 0) + 1);
  if (chars.length < 2) chars.forEach(add);
  for (let i = 0; i + 1 < chars.length; i++) add(chars[i] + chars[i + 1]);
  return grams;
}

function load(file: string): Line[] {
  return readFileSync(file, 'utf8').split('\n').flatMap((raw, i) => {
    if (!raw.trim()) return [];
    const q = String(JSON.parse(raw).q ?? '');
    const norm = normalise(q);
    const grams = bigrams(norm);
    let size = 0;
    grams.forEach((c) => (size += c));
    return [{ file, n: i + 1, q, norm, grams, size }];
  });
}

function dice(a: Line, b: Line): number {
  if (a.size === 0 || b.size === 0) return 0;
  if (Math.min(a.size, b.size) / Math.max(a.size, b.size) < (THRESHOLD / (2 - THRESHOLD))) return 0;
  let common = 0;
  for (const [g, c] of a.grams) common += Math.min(c, b.grams.get(g) ?? 0);
  return (2 * common) / (a.size + b.size);
}

function clash(a: Line, b: Line): string | null {
  if (a.norm === b.norm) return 'exact';
  const [short, long] = a.norm.length <= b.norm.length ? [a.norm, b.norm] : [b.norm, a.norm];
  if ([...short].length >= 4 && long.includes(short)) return a.norm === short ? 'contained' : 'contains';
  const d = dice(a, b);
  return d >= THRESHOLD ? `dice ${d.toFixed(2)}` : null;
}

const newFiles = process.argv.slice(2).map((f) => resolve(f));
if (newFiles.length === 0) throw new Error('give the new fixture files');
const fixtureDir = resolve('test/matching/fixtures');
const devSet = resolve('../shared/eval/dev.jsonl');
const earlierFiles = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.jsonl'))
  .map((f) => join(fixtureDir, f))
  .concat(existsSync(devSet) ? [devSet] : [])
  .filter((f) => !newFiles.includes(f));

const fresh = newFiles.flatMap(load);
const earlier = earlierFiles.flatMap(load);
let flagged = 0;
for (const [i, a] of fresh.entries()) {
  const reasons: string[] = [];
  for (const b of earlier) {
    const why = clash(a, b);
    if (why) reasons.push(`earlier line (${why})`);
  }
  for (const [j, b] of fresh.entries()) {
    if (j === i) continue;
    const why = clash(a, b);
    if (why) reasons.push(`new ${basename(b.file)}:${b.n} (${why})`);
  }
  if (reasons.length) {
    flagged++;
    console.log(`${basename(a.file)}:${a.n}\t${a.q}\t${[...new Set(reasons)].join('; ')}`);
  }
}
console.log(`${flagged} of ${fresh.length} new lines flagged (${earlier.length} earlier lines checked)`);
process.exitCode = flagged ? 1 : 0;
