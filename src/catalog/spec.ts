import { readFile } from 'node:fs/promises';
import type { CatalogProblem } from './types.js';

/** One row of the service-item spec list (`service-items.tsv`): the items the catalog must have. */
export interface SpecItem {
  id: string;
  name: string;
  category: string;
}

/**
 * Reads a spec TSV with a header row naming `id`, `name` and `category` columns.
 * Blank lines and lines starting with `#` are skipped.
 */
export async function readServiceSpec(file: string): Promise<SpecItem[]> {
  const lines = (await readFile(file, 'utf8')).split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const header = (lines.shift() ?? '').split('\t');
  const col = (name: string): number => header.indexOf(name);
  const [idCol, nameCol, categoryCol] = [col('id'), col('name'), col('category')];
  if (idCol < 0) throw new Error(`${file} 的表头缺少 id 列`);
  return lines.map((line) => {
    const cells = line.split('\t');
    return { id: cells[idCol] ?? '', name: cells[nameCol] ?? '', category: cells[categoryCol] ?? '' };
  });
}

/** One problem per spec item whose id appears in no catalog file. */
export function missingSpecItems(spec: readonly SpecItem[], ids: ReadonlySet<string>): CatalogProblem[] {
  return spec
    .filter((item) => !ids.has(item.id))
    .map((item) => ({
      file: 'catalog/',
      path: `items[${item.id}]`,
      message: `规格清单要求的事项缺失：${item.name}（分类「${item.category}」），请在对应分类文件中补上`,
    }));
}
