import type { CatalogProblem } from './types.js';
import { problemAt, type PathPart, type YamlSource } from './yaml-problems.js';

/**
 * Values that look like a stand-in rather than a fact: an `example.*` host (RFC 2606 reserves it for
 * documentation), a run of zeros where a phone number should be, and the words authors leave behind
 * (待定, 待补充, TODO, XXX). A citizen must never see one of these presented as real.
 */
const PLACEHOLDER_PATTERNS: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /(^|[/.@\s])example\.[a-z]/i, why: '示例域名（example.*）' },
  { pattern: /\.example(\.|\/|$)/i, why: '示例域名（*.example.*）' },
  { pattern: /0{7,}/, why: '全零号码' },
  { pattern: /待定|待补充|待填写/, why: '“待定”类占位文字' },
  { pattern: /\bTODO\b|\bFIXME\b|\bXXX\b|\bTBD\b/i, why: '未完成标记（TODO 等）' },
];

/** Why a string looks like a placeholder, or undefined when it does not. */
export function placeholderReason(value: string): string | undefined {
  return PLACEHOLDER_PATTERNS.find((p) => p.pattern.test(value))?.why;
}

function walk(value: unknown, path: PathPart[], visit: (text: string, path: PathPart[]) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], visit));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      // A key can be a placeholder too (an `online:` map keyed by a made-up id is caught elsewhere).
      visit(key, path);
      walk(v, [...path, key], visit);
    }
  }
}

/**
 * Every placeholder-looking value anywhere in a parsed data file, each with its field path and line.
 * @returns one problem per offending value; empty when the file holds only real values.
 */
export function findPlaceholders(source: YamlSource): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  walk(source.data, [], (text, path) => {
    const why = placeholderReason(text);
    if (why) problems.push(problemAt(source, path, `疑似占位内容（${why}）：“${text.slice(0, 60)}”，不能当作真实信息展示给群众`));
  });
  return problems;
}
