import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { CatalogError } from '../errors.js';
import { crossCheck, idsIn, type CheckedFile } from './cross-check.js';
import { isStale, REVIEW_AFTER_MONTHS } from './freshness.js';
import { missingLocalHallWarning, readLocalHall } from './local-hall.js';
import { findPlaceholders } from './placeholders.js';
import { CatalogFileSchema, HallSchema, ServiceItemSchema, type CatalogFile, type Hall } from './schema.js';
import type { CatalogItem, CatalogProblem, CatalogSnapshot } from './types.js';
import { problemAt, readYaml, validate, WHOLE_FILE, type YamlSource } from './yaml-problems.js';

/** Everything a lint run found: the problems, and the snapshot when there were none. */
export interface CatalogLint {
  problems: CatalogProblem[];
  /** Worth an operator's attention but not blocking: an item not verified for 12 months, no local hall. */
  warnings: CatalogProblem[];
  snapshot?: CatalogSnapshot;
  /** Every item id written in the files, valid or not (for checks against the spec list). */
  ids: ReadonlySet<string>;
}

const CATALOG_SUBDIR = 'catalog';

export interface LintOptions {
  /** The operator's local hall file (LOCAL_HALL_FILE); without it only national contacts are shown. */
  localHallFile?: string;
  /** "Today" for the 12-month freshness check. */
  now?: Date;
}

interface ValidFile {
  file: string;
  value: CatalogFile;
}

function fileProblem(file: string, message: string): CatalogProblem {
  return { file, path: WHOLE_FILE, message };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function readSource(dir: string, file: string): Promise<{ source?: YamlSource; problems: CatalogProblem[] }> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { problems: [fileProblem(file, missing ? '文件不存在，请在数据目录下创建它' : `无法读取：${reasonOf(error)}`)] };
  }
  const { source, problems } = readYaml(file, text);
  if (problems.length > 0) return { problems };
  if (source.data === null || source.data === undefined) {
    return { problems: [fileProblem(file, '文件是空的')] };
  }
  return { source, problems: [] };
}

async function listCatalogFiles(dir: string): Promise<{ files: string[]; problems: CatalogProblem[] }> {
  const rel = `${CATALOG_SUBDIR}/`;
  try {
    const names = (await readdir(join(dir, CATALOG_SUBDIR))).filter((n) => /\.ya?ml$/.test(n)).sort();
    if (names.length > 0) return { files: names.map((n) => rel + n), problems: [] };
    return { files: [], problems: [fileProblem(rel, '目录里没有任何 .yaml 文件：至少要有一个分类文件')] };
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const reason = missing ? `目录不存在：请在 ${dir} 下建立 catalog/ 并放入分类 .yaml 文件` : reasonOf(error);
    return { files: [], problems: [fileProblem(rel, reason)] };
  }
}

/** The items of a file that pass the schema on their own, so cross-checks still see them. */
function goodItems(data: unknown): CheckedFile['items'] {
  const items: unknown = typeof data === 'object' && data !== null && 'items' in data ? data.items : undefined;
  if (!Array.isArray(items)) return [];
  return items.flatMap((raw: unknown, index) => {
    const parsed = ServiceItemSchema.safeParse(raw);
    return parsed.success ? [{ index, item: parsed.data }] : [];
  });
}

/** Other YAML files at the top of the data dir (reminder-rules.yaml …): checked for placeholders only. */
async function otherRootFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n) && n !== 'hall.yaml').sort();
  } catch {
    return [];
  }
}

function buildSnapshot(files: readonly ValidFile[], hall: Hall): CatalogSnapshot {
  const categories: { name: string; items: CatalogItem[] }[] = [];
  const items: CatalogItem[] = [];
  for (const { file, value } of files) {
    const loaded = value.items.map((item) => ({ ...item, category: value.category, file }));
    items.push(...loaded);
    // Two files may share a category (a long one split in two); they merge, first file first.
    const existing = categories.find((c) => c.name === value.category);
    if (existing) existing.items.push(...loaded);
    else categories.push({ name: value.category, items: loaded });
  }
  return {
    items: Object.freeze(items),
    byId: new Map(items.map((item) => [item.id, item])),
    categories: Object.freeze(categories.map((c) => Object.freeze({ name: c.name, items: Object.freeze(c.items) }))),
    hall,
    loadedAt: new Date(),
  };
}

/**
 * Reads and checks every file under a data dir (`hall.yaml` and `catalog/*.yaml`) and collects
 * every problem instead of stopping at the first, so one run shows the author all there is to fix.
 * Placeholder-looking values anywhere in the dir's YAML, and items without a source, are problems;
 * an item not verified for 12 months and a missing local hall file are warnings.
 */
export async function lintCatalog(dir: string, options: LintOptions = {}): Promise<CatalogLint> {
  const problems: CatalogProblem[] = [];
  const warnings: CatalogProblem[] = [];
  const hallRead = await readSource(dir, 'hall.yaml');
  problems.push(...hallRead.problems);
  const hall = hallRead.source ? validate(hallRead.source, HallSchema) : undefined;
  problems.push(...(hall?.problems ?? []));
  if (hallRead.source) problems.push(...findPlaceholders(hallRead.source));
  if (hall?.value?.local) {
    problems.push(problemAt(hallRead.source as YamlSource, ['local'], '本地大厅信息不随代码发布：请移到 LOCAL_HALL_FILE 指定的文件'));
  }

  const listing = await listCatalogFiles(dir);
  problems.push(...listing.problems);
  const sources: YamlSource[] = [];
  const valid: ValidFile[] = [];
  const checked: CheckedFile[] = [];
  for (const file of listing.files) {
    const read = await readSource(dir, file);
    problems.push(...read.problems);
    if (!read.source) continue;
    sources.push(read.source);
    const result = validate(read.source, CatalogFileSchema);
    problems.push(...result.problems, ...findPlaceholders(read.source));
    if (result.value) valid.push({ file, value: result.value });
    const items = result.value ? result.value.items.map((item, index) => ({ index, item })) : goodItems(read.source.data);
    checked.push({ source: read.source, items });
    for (const { index, item } of items) {
      if (!isStale(item.lastChecked, options.now ?? new Date())) continue;
      warnings.push(problemAt(read.source, ['items', index, 'lastChecked'], `已超过 ${REVIEW_AFTER_MONTHS} 个月未核对（${item.lastChecked}），请对照来源重新核对`));
    }
  }
  // The local hall file may sit in the data dir; it is checked below with its own name, not twice.
  const localName = options.localHallFile ? relative(dir, resolve(options.localHallFile)) : undefined;
  const others = (await otherRootFiles(dir)).filter((f) => f !== localName);
  for (const file of others) {
    const read = await readSource(dir, file);
    if (read.source) problems.push(...findPlaceholders(read.source));
  }
  problems.push(...crossCheck(sources, checked));
  const ids = idsIn(sources);

  let local: Hall['local'];
  if (options.localHallFile) {
    const read = await readLocalHall(options.localHallFile, ids);
    problems.push(...read.problems);
    local = read.local;
  } else {
    warnings.push(missingLocalHallWarning());
  }

  // Report in reading order (hall first, then catalog files, each top to bottom), not check order.
  const order = ['hall.yaml', ...listing.files, ...others];
  const byOrder = (a: CatalogProblem, b: CatalogProblem): number =>
    order.indexOf(a.file) - order.indexOf(b.file) || (a.line ?? 0) - (b.line ?? 0);
  problems.sort(byOrder);
  warnings.sort(byOrder);
  if (problems.length > 0 || !hall?.value) return { problems, warnings, ids };
  const withLocal: Hall = local ? { ...hall.value, local } : hall.value;
  return { problems, warnings, ids, snapshot: buildSnapshot(valid, withLocal) };
}

/**
 * Loads the catalog under a data dir as one validated snapshot.
 * @throws CatalogError listing every problem (file, field path, reason) when anything is wrong.
 */
export async function loadCatalogSnapshot(dir: string, options: LintOptions = {}): Promise<CatalogSnapshot> {
  const { problems, snapshot } = await lintCatalog(dir, options);
  if (!snapshot) throw new CatalogError(problems);
  return snapshot;
}
