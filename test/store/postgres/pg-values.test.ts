import { describe, expect, it } from 'vitest';
import { pgIntArray } from '../../../src/store/postgres/pg-values.js';

describe('bigint[] parameters', () => {
  it('are written as array literals, a missing value as NULL', () => {
    expect(pgIntArray([1, -2, 9_007_199_254_740_991, null, undefined])).toBe('{1,-2,9007199254740991,NULL,NULL}');
    expect(pgIntArray([])).toBe('{}');
  });

  it('refuse anything but a safe integer rather than send a wrong key', () => {
    expect(() => pgIntArray([1.5])).toThrow(TypeError);
    expect(() => pgIntArray([Number.NaN])).toThrow(TypeError);
  });
});
