import { describe, expect, it } from 'vitest';
import { nameVariants } from '../../src/matching/name-variants.js';

describe('nameVariants', () => {
  const texts = (list: { text: string }[]): string[] => list.map((v) => v.text);

  it('leaves out one inner character of a long name, never the first or the last', () => {
    const out = texts(nameVariants([{ doc: 0, text: '基本殡葬服务费用减免' }], []));
    expect(out).toContain('基本殡葬服务费减免');
    expect(out).not.toContain('本殡葬服务费用减免');
    expect(out).not.toContain('基本殡葬服务费用减');
  });

  it('gives nothing for a name under six characters ("补领结婚证" is not "领结婚证")', () => {
    expect(nameVariants([{ doc: 0, text: '补领结婚证' }], [])).toEqual([]);
  });

  it('drops a variant another item says, or one holding another item’s phrase', () => {
    const phrases = [{ doc: 1, text: '殡葬服务费减免' }, { doc: 1, text: '基本殡葬服费用减免' }];
    const out = texts(nameVariants([{ doc: 0, text: '基本殡葬服务费用减免' }], phrases));
    expect(out).not.toContain('基本殡葬服务费减免');
    expect(out).not.toContain('基本殡葬服费用减免');
    expect(out.every((v) => v.length === 9)).toBe(true);
  });
});
