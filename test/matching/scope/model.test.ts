import { describe, expect, it } from 'vitest';
import { featurize } from '../../../src/matching/scope/features.js';
import { fromModelFile, predict, ScopeModelFileSchema, toModelFile } from '../../../src/matching/scope/model.js';
import { DEFAULT_TRAIN, OUT_OF_SCOPE, trainSoftmax } from '../../../src/matching/scope/train.js';

const trained = trainSoftmax(
  [
    { x: featurize('结婚登记', []), label: 'marriage.register' },
    { x: featurize('结婚证', []), label: 'marriage.register' },
    { x: featurize('社保缴费', []), label: OUT_OF_SCOPE },
    { x: featurize('社保登记', []), label: OUT_OF_SCOPE },
  ],
  { ...DEFAULT_TRAIN, minCount: 1 },
);

describe('the scope model file', () => {
  it('round-trips through the schema with probabilities close to the trained model’s', () => {
    const file = ScopeModelFileSchema.parse(JSON.parse(JSON.stringify(toModelFile(trained, 0))));
    const model = fromModelFile(file);
    const p = predict(model, featurize('结婚登记', []));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(p[model.classes.indexOf('marriage.register')]).toBeGreaterThan(0.5);
  });

  it('is refused when its version, bias or rows do not fit', () => {
    const file = toModelFile(trained, 0);
    expect(ScopeModelFileSchema.safeParse({ ...file, version: 99 }).success).toBe(false);
    expect(ScopeModelFileSchema.safeParse({ ...file, bias: [0] }).success).toBe(false);
    expect(ScopeModelFileSchema.safeParse({ ...file, rows: 'not base64!' }).success).toBe(false);
  });

  it('refuses packed rows that are cut short or name a class it does not list', () => {
    const file = toModelFile(trained, 0);
    const bytes = Buffer.from(file.rows, 'base64');
    expect(() => fromModelFile({ ...file, rows: bytes.subarray(0, bytes.length - 1).toString('base64') })).toThrow(/cut short/);
    const bad = Buffer.from(bytes);
    bad[5] = 200;
    expect(() => fromModelFile({ ...file, rows: bad.toString('base64') })).toThrow(/class 200/);
  });

  it('drops weights below minWeight, so a higher threshold gives a smaller file', () => {
    const largest = Math.max(...trained.weights.map(Math.abs));
    expect(toModelFile(trained, largest / 2).rows.length).toBeLessThan(toModelFile(trained, 0).rows.length);
    expect(toModelFile(trained, largest * 2).rows).toBe('');
  });
});
