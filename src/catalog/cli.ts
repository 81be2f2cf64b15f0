/**
 * `npm run catalog:check [dataDir] [--spec file | --no-spec] [--local-hall file]`: lints the 办事指南 data and
 * prints every problem as `file path: reason`, then every warning. Exits 1 on problems (placeholders, an
 * item without a source …) so CI and editors can stop a bad change; warnings (no local hall file, an item
 * not verified for 12 months) are printed loudly but do not fail. The local hall file defaults to
 * LOCAL_HALL_FILE.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lintCatalog } from './load-catalog.js';
import { missingSpecItems, readServiceSpec } from './spec.js';
import type { CatalogProblem } from './types.js';
import { runCli } from '../run-cli.js';
import { loadConfig } from '../config.js';
import { describeDrift, scopeModelDrift } from '../matching/scope/drift.js';
import { loadScopeModel } from '../matching/scope/load-model.js';

// The spec list lives beside the project in development; the Docker image has none, so it is optional.
const DEFAULT_SPEC = '../shared/spec/service-items.tsv';

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      spec: { type: 'string' },
      'no-spec': { type: 'boolean', default: false },
      'local-hall': { type: 'string' },
    },
  });
  const dir = resolve(positionals[0] ?? './data');
  const found = values.spec ?? (existsSync(DEFAULT_SPEC) ? DEFAULT_SPEC : undefined);
  const specFile = values['no-spec'] ? undefined : found;
  if (values.spec !== undefined && !existsSync(values.spec)) {
    console.error(`找不到规格清单 ${values.spec}：请检查 --spec 后面的路径`);
    return 2;
  }

  const config = loadConfig();
  const localHallFile = values['local-hall'] ?? config.LOCAL_HALL_FILE;
  const lint = await lintCatalog(dir, { localHallFile });
  const problems: CatalogProblem[] = [...lint.problems];
  if (specFile) problems.push(...missingSpecItems(await readServiceSpec(specFile), lint.ids));
  // The matcher's learned second opinion must load (the app refuses to start without it) and should
  // know every item: one trained before the catalog changed is told, not failed.
  try {
    const drift = describeDrift(scopeModelDrift(await loadScopeModel(config.SCOPE_MODEL_FILE), lint.ids));
    if (drift) lint.warnings.push({ file: config.SCOPE_MODEL_FILE, path: 'classes', message: drift });
  } catch (err) {
    problems.push({ file: config.SCOPE_MODEL_FILE, path: '(文件)', message: (err as Error).message });
  }

  for (const p of problems) console.log(`${p.file} ${p.path}: ${p.message}`);
  // Warnings go to stderr so the problem list on stdout stays one line per problem for editors and CI.
  for (const w of lint.warnings) console.error(`⚠️ 警告 ${w.file} ${w.path}: ${w.message}`);
  if (problems.length > 0) {
    const files = new Set(problems.map((p) => p.file)).size;
    console.log(`共 ${problems.length} 处错误，涉及 ${files} 个文件（数据目录 ${dir}）`);
    return 1;
  }
  const snapshot = lint.snapshot;
  const specNote = specFile ? `，已对照规格清单 ${specFile}` : '';
  console.log(`OK: ${snapshot?.items.length ?? 0} 个事项 / ${snapshot?.categories.length ?? 0} 个分类${specNote}`);
  return 0;
}

runCli(main);
