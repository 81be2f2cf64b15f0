import { readFile } from 'node:fs/promises';
import { findPlaceholders } from './placeholders.js';
import { LocalHallSchema, type LocalHall } from './schema.js';
import type { CatalogProblem } from './types.js';
import { problemAt, readYaml, validate, WHOLE_FILE } from './yaml-problems.js';

/** What reading the operator's local hall file gave: the hall when valid, else the problems. */
export interface LocalHallRead {
  local?: LocalHall;
  problems: CatalogProblem[];
}

/** The national-guide contact fields an operator should supply, named for the "still missing" warning. */
export const LOCAL_HALL_FIELDS = '大厅名称、地址、办公时间、咨询电话、监督投诉电话、网站和各事项的网上办理链接';

/**
 * Reads the operator's local hall file (LOCAL_HALL_FILE): address, hours, phones, website and the
 * per-item online links of the province's 政务服务网. Problems name the file as given, so the operator
 * sees exactly which file and field to fix; placeholder-looking values are refused like in data/.
 * @param knownIds item ids of the catalog, so an `online` link for an unknown item is caught.
 */
export async function readLocalHall(file: string, knownIds: ReadonlySet<string>): Promise<LocalHallRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const reason = missing ? '文件不存在：请检查 LOCAL_HALL_FILE 的路径' : `无法读取：${(error as Error).message}`;
    return { problems: [{ file, path: WHOLE_FILE, message: reason }] };
  }
  const { source, problems } = readYaml(file, text);
  if (problems.length > 0) return { problems };
  const checked = validate(source, LocalHallSchema);
  const all = [...checked.problems, ...findPlaceholders(source)];
  // From the raw data, so a mistyped id is reported beside other mistakes, not only once they are fixed.
  const raw: unknown = source.data;
  const online: unknown = typeof raw === 'object' && raw !== null && 'online' in raw ? raw.online : undefined;
  for (const id of typeof online === 'object' && online !== null ? Object.keys(online) : []) {
    if (!knownIds.has(id)) all.push(problemAt(source, ['online', id], `事项 ${id} 不在办事指南中（检查 id 拼写）`));
  }
  return all.length > 0 || !checked.value ? { problems: all } : { local: checked.value, problems: [] };
}

/** The warning shown by `catalog:check` and at start until the operator supplies the local hall. */
export function missingLocalHallWarning(): CatalogProblem {
  return {
    file: 'LOCAL_HALL_FILE',
    path: WHOLE_FILE,
    message: `未配置本地大厅信息：群众只能看到全国统一的联系方式（12345、民政部网站等），看不到本地${LOCAL_HALL_FIELDS}。请按 README「本地大厅信息」写好文件，并在 .env 中设置 LOCAL_HALL_FILE`,
  };
}
