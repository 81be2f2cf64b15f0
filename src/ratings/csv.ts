/** Cells starting with these make Excel evaluate a formula (CSV injection); we prefix a quote. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: always quoted, inner quotes doubled, formula starts defused. */
export function csvCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Numbers are ours (counts, ids), never user text; only strings can carry an injected formula.
  const safe = typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * A CSV document Excel opens cleanly with Chinese text: UTF-8 BOM, CRLF line ends, every field quoted.
 */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
