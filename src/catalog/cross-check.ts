import { isSetNationally, NOT_SET_NATIONALLY, type ServiceItem, type SetTimeLimit, type TimeLimit } from './schema.js';
import type { CatalogProblem } from './types.js';
import { problemAt, type YamlSource } from './yaml-problems.js';

/** The items of one file that passed the schema (all of them, or the good ones of a bad file). */
export interface CheckedFile {
  source: YamlSource;
  /** `index` is the item's position in the file, for field paths and line numbers. */
  items: readonly { index: number; item: ServiceItem }[];
}

/**
 * A time limit in calendar days, for comparing limits of different kinds. Working days count
 * ×7/5 (a week has five of them); done on the spot / at once count as 0. A limit no national text
 * sets has no length to compare: check `isSetNationally` first.
 */
export function toCalendarDays(limit: SetTimeLimit): number {
  switch (limit.type) {
    case '现场办结':
    case '即时办结':
      return 0;
    case '工作日':
      return (limit.days * 7) / 5;
    case '自然日':
      return limit.days;
  }
}

/** How a time limit reads in catalog:check messages: "20 个工作日", "现场办结", "国家未统一规定". */
export function describeTimeLimit(limit: TimeLimit): string {
  if (limit.type === NOT_SET_NATIONALLY) return `国家${NOT_SET_NATIONALLY}`;
  return 'days' in limit ? `${limit.days} 个${limit.type}` : limit.type;
}

/**
 * A time-limit note that says no national text sets the limit ("国家未统一规定审核时限", "国家未规定民政部门的
 * 办理时限", "国家未单独规定"): beside a number in `statutory` it is the self-contradiction of issue 10.
 */
export const SAYS_NOT_SET_NATIONALLY = /国家[^。；，]{0,8}未(?:统一|单独)?规定/u;

/** Item ids as written, valid item or not, so a duplicate is caught even beside other mistakes. */
function rawIds(data: unknown): { index: number; id: string }[] {
  const items: unknown = typeof data === 'object' && data !== null && 'items' in data ? data.items : undefined;
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: unknown, index) =>
    typeof item === 'object' && item !== null && 'id' in item && typeof item.id === 'string'
      ? [{ index, id: item.id }]
      : [],
  );
}

/** Every item id written in the files, in file order. */
export function idsIn(sources: readonly YamlSource[]): Set<string> {
  return new Set(sources.flatMap((s) => rawIds(s.data).map((r) => r.id)));
}

/**
 * Checks that need more than one field or more than one file: duplicate ids (across all parsed
 * files), `related` ids that do not exist, a promised time limit longer than the statutory one, and a
 * statutory number beside a note saying no national text sets one.
 */
export function crossCheck(sources: readonly YamlSource[], checked: readonly CheckedFile[]): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const firstSeen = new Map<string, string>();
  for (const source of sources) {
    for (const { index, id } of rawIds(source.data)) {
      const where = firstSeen.get(id);
      if (where === undefined) firstSeen.set(id, source.file);
      else problems.push(problemAt(source, ['items', index, 'id'], `事项 id 重复：${id} 已在 ${where} 中定义`));
    }
  }
  for (const { source, items } of checked) {
    for (const { index: i, item } of items) {
      item.related.forEach((rel, j) => {
        const path = ['items', i, 'related', j];
        if (rel === item.id) problems.push(problemAt(source, path, '相关事项不能指向自己'));
        else if (!firstSeen.has(rel)) problems.push(problemAt(source, path, `相关事项 ${rel} 不存在（检查 id 拼写）`));
      });
      const { statutory, promised, note } = item.timeLimit;
      if (isSetNationally(statutory) && note !== undefined && SAYS_NOT_SET_NATIONALLY.test(note)) {
        problems.push(
          problemAt(
            source,
            ['items', i, 'timeLimit', 'statutory'],
            `说明称国家未规定时限，法定时限却写成${describeTimeLimit(statutory)}：没有全国性依据的，写 { type: ${NOT_SET_NATIONALLY} }`,
          ),
        );
      }
      // A limit not set nationally has nothing to compare: a hall may promise any number where the law sets none.
      if (isSetNationally(promised) && isSetNationally(statutory) && toCalendarDays(promised) > toCalendarDays(statutory)) {
        problems.push(
          problemAt(
            source,
            ['items', i, 'timeLimit', 'promised'],
            `承诺时限（${describeTimeLimit(promised)}）长于法定时限（${describeTimeLimit(statutory)}），承诺时限不得超过法定时限`,
          ),
        );
      }
    }
  }
  return problems;
}
