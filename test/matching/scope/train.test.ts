import { describe, expect, it } from 'vitest';
import { featurize } from '../../../src/matching/scope/features.js';
import { fromModelFile, predict, toModelFile } from '../../../src/matching/scope/model.js';
import { DEFAULT_TRAIN, OUT_OF_SCOPE, trainSoftmax, type TrainingExample } from '../../../src/matching/scope/train.js';

const example = (text: string, label: string): TrainingExample => ({ x: featurize(text, []), label });
const toy: TrainingExample[] = [
  ...['结婚登记', '领结婚证', '结婚要带什么', '结婚证怎么领'].map((t) => example(t, 'marriage.register')),
  ...['低保申请', '申请低保', '低保怎么办', '低保标准'].map((t) => example(t, 'assistance.dibao')),
  ...['社保卡挂失', '社保缴费', '社保转移', '社保查询'].map((t) => example(t, OUT_OF_SCOPE)),
];
const options = { ...DEFAULT_TRAIN, minCount: 1, epochs: 20 };

describe('trainSoftmax', () => {
  it('is deterministic: the same examples and seed give the same weights', () => {
    const a = trainSoftmax(toy, options);
    const b = trainSoftmax(toy, options);
    expect(Buffer.from(a.weights.buffer)).toEqual(Buffer.from(b.weights.buffer));
    expect(a.buckets).toEqual(b.buckets);
  });

  it('depends on the seed (the order of examples), so determinism is not an accident of a fixed order', () => {
    const a = trainSoftmax(toy, options);
    const b = trainSoftmax(toy, { ...options, seed: options.seed + 1 });
    expect(Buffer.from(a.weights.buffer)).not.toEqual(Buffer.from(b.weights.buffer));
  });

  it('learns which class each kind of question belongs to', () => {
    const model = fromModelFile(toModelFile(trainSoftmax(toy, options), 0));
    const top = (text: string): string => {
      const p = predict(model, featurize(text, []));
      return model.classes[p.indexOf(Math.max(...p))]!;
    };
    expect(top('结婚登记要带啥')).toBe('marriage.register');
    expect(top('低保怎么申请')).toBe('assistance.dibao');
    expect(top('社保卡丢了')).toBe(OUT_OF_SCOPE);
  });

  it('keeps most weights at exactly zero under a strong L1 penalty', () => {
    const dense = trainSoftmax(toy, { ...options, l1: 0 });
    const sparse = trainSoftmax(toy, { ...options, l1: 0.05 });
    const zeros = (w: Float64Array): number => w.filter((v) => v === 0).length;
    expect(zeros(sparse.weights)).toBeGreaterThan(zeros(dense.weights));
  });

  it('drops n-grams seen fewer than minCount times', () => {
    expect(trainSoftmax(toy, { ...options, minCount: 2 }).buckets.length).toBeLessThan(trainSoftmax(toy, options).buckets.length);
  });
});
