import type { z } from 'zod';

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true / false）',
  array: '列表',
  object: '键值对象',
  null: '空值',
  undefined: '空',
};

function typeName(t: string): string {
  return TYPE_NAMES[t] ?? t;
}

function typeOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

/** Lists allowed values the way the YAML author must write them. */
function oneOf(values: readonly unknown[]): string {
  return values.map((v) => String(v)).join('、');
}

function sizeMessage(origin: string, limit: number | bigint, inclusive: boolean, small: boolean): string {
  const n = Number(limit);
  if (origin === 'string') return small ? `至少 ${n} 个字` : `最多 ${n} 个字`;
  if (origin === 'array' || origin === 'set') return small ? `至少要有 ${n} 项` : `最多 ${n} 项`;
  if (small) return inclusive ? `不能小于 ${n}` : `须大于 ${n}`;
  return inclusive ? `不能大于 ${n}` : `须小于 ${n}`;
}

/**
 * Per-parse zod error map giving Chinese reasons. Messages written in the schema itself win
 * (zod 4 ranks schema-level messages above this map), so only zod's English defaults are replaced.
 */
export const catalogErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '缺少必填字段';
      if (issue.input === null) return '不能留空（冒号后面没有写值）';
      return `类型不对：应为${typeName(issue.expected)}，实际是${typeName(typeOf(issue.input))}`;
    case 'invalid_value':
      return `取值无效（${String(issue.input)}），只能是：${oneOf(issue.values)}`;
    case 'invalid_union':
      // A discriminated union with an unknown `type` is really a bad enum value.
      // zod reports the whole object as input there, so show just the discriminator's value.
      if ('options' in issue && Array.isArray(issue.options)) {
        const key = 'discriminator' in issue ? String(issue.discriminator) : '';
        const input: unknown = issue.input;
        const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[key] : input;
        if (value === undefined) return `缺少 ${key} 字段，只能是：${oneOf(issue.options)}`;
        return `取值无效（${String(value)}），只能是：${oneOf(issue.options)}`;
      }
      return '格式不符合任何一种允许的写法';
    case 'too_small':
      return sizeMessage(issue.origin, issue.minimum, issue.inclusive ?? true, true);
    case 'too_big':
      return sizeMessage(issue.origin, issue.maximum, issue.inclusive ?? true, false);
    case 'invalid_format':
      if (issue.format === 'url') return '网址格式不对（须是以 http:// 或 https:// 开头的完整网址）';
      return '格式不对';
    case 'unrecognized_keys':
      return '未知字段（可能拼错了；允许的字段见 src/catalog/schema.ts）';
    default:
      return undefined;
  }
};
