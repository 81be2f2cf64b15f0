import { isNode, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import type { z } from 'zod';
import type { CatalogProblem } from './types.js';
import { catalogErrorMap } from './zod-messages.js';

/** A parsed YAML file kept together with what is needed to point at a line. */
export interface YamlSource {
  /** Relative to the data dir, forward slashes. */
  file: string;
  doc: Document;
  lineCounter: LineCounter;
  /** Plain JS value of the document (only meaningful when it parsed without errors). */
  data: unknown;
}

export type PathPart = PropertyKey;

/** Path used for problems about a whole file rather than one field. */
export const WHOLE_FILE = '(整个文件)';

const YAML_CODES: Record<string, string> = {
  BAD_INDENT: '缩进不对，或 [ ] { } 括号没有闭合',
  TAB_AS_INDENT: '不能用 Tab 缩进，请改用空格',
  DUPLICATE_KEY: '同一层里有重复的键',
  MISSING_CHAR: '缺少配对的括号或引号',
  MULTILINE_IMPLICIT_KEY: '键不能跨行（可能少了冒号或缩进不对）',
  BLOCK_AS_IMPLICIT_KEY: '缩进或冒号位置不对',
  UNEXPECTED_TOKEN: '出现了不该出现的符号',
  BAD_SCALAR_START: '值不能以这个符号开头（请加引号）',
};

function withLine(reason: string, line: number | undefined): string {
  return line === undefined ? reason : `${reason}（第 ${line} 行）`;
}

function itemId(data: unknown, index: number): string | undefined {
  if (typeof data !== 'object' || data === null || !('items' in data)) return undefined;
  const items = (data as { items: unknown }).items;
  const item: unknown = Array.isArray(items) ? items[index] : undefined;
  if (typeof item !== 'object' || item === null || !('id' in item)) return undefined;
  const id = (item as { id: unknown }).id;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

/**
 * Formats a field path for people: `items[marriage.register].materials[0].condition`. Top-level
 * items are named by id so the path survives reordering; deeper lists keep their index.
 */
export function formatPath(path: readonly PathPart[], data: unknown): string {
  if (path.length === 0) return WHOLE_FILE;
  let out = '';
  path.forEach((part, i) => {
    if (typeof part === 'number') {
      const id = i === 1 && path[0] === 'items' ? itemId(data, part) : undefined;
      out += `[${id ?? part}]`;
    } else {
      out += i === 0 ? String(part) : `.${String(part)}`;
    }
  });
  return out;
}

/** Line of the deepest node that exists along `path` (a missing field points at its parent). */
function lineOf(source: YamlSource, path: readonly PathPart[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const keys = path.slice(0, depth) as unknown[];
    const node: unknown = depth === 0 ? source.doc.contents : source.doc.getIn(keys, true);
    if (isNode(node) && node.range) return source.lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** A problem at a field of a parsed file, with its line when the node can be found. */
export function problemAt(source: YamlSource, path: readonly PathPart[], reason: string): CatalogProblem {
  const line = lineOf(source, path);
  return { file: source.file, path: formatPath(path, source.data), message: withLine(reason, line), line };
}

function syntaxProblem(file: string, error: YAMLError): CatalogProblem {
  const line = error.linePos?.[0].line;
  const english = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  const reason = `YAML 语法错误：${YAML_CODES[error.code] ?? english}`;
  return { file, path: '(YAML 语法)', message: withLine(reason, line), line };
}

/** Parses one YAML file; the first syntax error comes back as a problem with its line number. */
export function readYaml(file: string, text: string): { source: YamlSource; problems: CatalogProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  // After the first syntax error the parser is out of step and the rest are mostly echoes of it.
  const first = doc.errors[0];
  const problems = first ? [syntaxProblem(file, first)] : [];
  const data: unknown = problems.length === 0 ? doc.toJS() : undefined;
  return { source: { file, doc, lineCounter, data }, problems };
}

/**
 * Validates a parsed file against a schema; every zod issue becomes a problem (unknown keys one
 * per key, so each points at its own line).
 */
export function validate<S extends z.ZodType>(
  source: YamlSource,
  schema: S,
): { value?: z.output<S>; problems: CatalogProblem[] } {
  const result = schema.safeParse(source.data, { error: catalogErrorMap });
  if (result.success) return { value: result.data, problems: [] };
  const problems = result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => problemAt(source, [...issue.path, key], issue.message))
      : [problemAt(source, issue.path, issue.message)],
  );
  return { problems };
}
