import { describe, expect, it } from 'vitest';
import { missingSpecItems, readServiceSpec } from '../../src/catalog/spec.js';

describe('readServiceSpec', () => {
  it('reads id, name and category by header name', async () => {
    expect(await readServiceSpec('test/fixtures/catalog/spec.tsv')).toEqual([
      { id: 'marriage.register', name: '结婚登记', category: '婚姻' },
      { id: 'marriage.reissue-certificate', name: '补领婚姻登记证', category: '婚姻' },
    ]);
  });
});

describe('missingSpecItems', () => {
  it('reports only the spec ids the catalog lacks', () => {
    const spec = [
      { id: 'marriage.register', name: '结婚登记', category: '婚姻' },
      { id: 'adoption.register', name: '收养登记', category: '儿童福利' },
    ];
    expect(missingSpecItems(spec, new Set(['marriage.register']))).toEqual([
      {
        file: 'catalog/',
        path: 'items[adoption.register]',
        message: '规格清单要求的事项缺失：收养登记（分类「儿童福利」），请在对应分类文件中补上',
      },
    ]);
  });
});
