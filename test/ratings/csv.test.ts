import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/ratings/csv.js';

describe('CSV for Excel', () => {
  it('starts with a UTF-8 BOM, quotes every field and ends lines with CRLF', () => {
    const csv = toCsv([['事项', '评价'], ['结婚登记', '非常满意']]);
    expect(csv).toBe('\uFEFF"事项","评价"\r\n"结婚登记","非常满意"\r\n');
  });

  it('doubles quotes and keeps commas and newlines inside a field', () => {
    expect(csvCell('他说"不行",\n再问')).toBe('"他说""不行"",\n再问"');
  });

  it.each(['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tcmd'])('defuses the formula start of %j', (text) => {
    expect(csvCell(text).startsWith(`"'`)).toBe(true);
  });

  it('leaves numbers and empty cells alone', () => {
    expect(csvCell(-1)).toBe('"-1"');
    expect(csvCell(undefined)).toBe('""');
  });
});
