import { describe, expect, it } from 'vitest';
import { featurize, HASH_BITS, hashFeature } from '../../../src/matching/scope/features.js';

describe('featurize', () => {
  it('gives the same sorted, unit-length vector for the same text and terms', () => {
    const a = featurize('结婚证 丢了', ['结婚证', '丢']);
    const b = featurize('结婚证 丢了', ['结婚证', '丢']);
    expect(a).toEqual(b);
    expect([...a.ids].sort((x, y) => x - y)).toEqual(a.ids);
    expect(a.values.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 9);
  });

  it('counts a repeated n-gram once, so a longer question of the same words is the same vector', () => {
    expect(featurize('低保 低保', []).ids).toEqual(featurize('低保', []).ids);
  });

  it('does not join characters across a gap', () => {
    expect(featurize('结婚 登记', []).ids).not.toContain(hashFeature('2婚登'));
    expect(featurize('结婚登记', []).ids).toContain(hashFeature('2婚登'));
  });

  it('hashes into the model’s bucket range', () => {
    for (const t of ['a', '低保', '3^结婚', 'w殡葬']) expect(hashFeature(t)).toBeLessThan(2 ** HASH_BITS);
  });

  it('gives nothing for an empty question', () => {
    expect(featurize('', [])).toEqual({ ids: [], values: [] });
  });
});
