import type { SparseVector } from './features.js';

/** One labelled example: its features and its class (an item id, or OUT_OF_SCOPE). */
export interface TrainingExample {
  x: SparseVector;
  label: string;
}

/** The class of questions that are not 民政 items' business (other departments, gaps, chit-chat). */
export const OUT_OF_SCOPE = '~out-of-scope';

export interface TrainOptions {
  epochs: number;
  /** Starting learning rate of AdaGrad. */
  rate: number;
  /** L2 penalty per update on the weights an example touches. */
  l2: number;
  /**
   * L1 penalty, applied as a proximal step after each update: it sets most weights of a bucket to
   * exactly zero, which is what keeps the model file small (a softmax is otherwise dense).
   */
  l1: number;
  /** Seed of the example order: the same data and seed give the same weights. */
  seed: number;
  /** Buckets seen in fewer examples than this are dropped (noise, and file size). */
  minCount: number;
}

/**
 * Chosen by 5-fold cross-validation on the seen halves: more epochs or a stronger L1 lose accuracy,
 * a weaker L1 triples the file for no better decision.
 */
export const DEFAULT_TRAIN: TrainOptions = { epochs: 15, rate: 0.5, l2: 1e-4, l1: 1e-4, seed: 20261203, minCount: 2 };

/** Trained weights, dense per kept bucket: `weights[f * classes.length + c]`. */
export interface TrainedModel {
  classes: string[];
  buckets: number[];
  bias: Float64Array;
  weights: Float64Array;
}

/** A small seeded PRNG (mulberry32): the example order is part of what makes training repeatable. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Softmax in place. */
export function softmax(z: Float64Array): void {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < z.length; i++) sum += z[i] = Math.exp(z[i]! - max);
  for (let i = 0; i < z.length; i++) z[i]! /= sum;
}

/**
 * Trains a multinomial logistic regression (softmax over items and OUT_OF_SCOPE) with AdaGrad. A
 * linear model over n-grams suits a few thousand short texts: it learns which character runs say
 * "another department" without the hand rules' vocabulary, and its probabilities are usable as is.
 */
export function trainSoftmax(examples: readonly TrainingExample[], options: TrainOptions = DEFAULT_TRAIN): TrainedModel {
  const classes = [...new Set(examples.map((e) => e.label))].sort();
  const classOf = new Map(classes.map((c, i) => [c, i]));
  const counts = new Map<number, number>();
  for (const e of examples) for (const id of e.x.ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const buckets = [...counts].filter(([, n]) => n >= options.minCount).map(([id]) => id).sort((a, b) => a - b);
  const row = new Map(buckets.map((b, i) => [b, i]));
  const C = classes.length;
  const weights = new Float64Array(buckets.length * C);
  const grad2 = new Float64Array(buckets.length * C);
  const bias = new Float64Array(C);
  const biasGrad2 = new Float64Array(C);
  const rows = examples.map((e) => {
    const r: number[] = [];
    const v: number[] = [];
    e.x.ids.forEach((id, i) => {
      const at = row.get(id);
      if (at === undefined) return;
      r.push(at);
      v.push(e.x.values[i]!);
    });
    return { r, v, y: classOf.get(e.label)! };
  });
  const random = mulberry32(options.seed);
  const order = rows.map((_, i) => i);
  const z = new Float64Array(C);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const k of order) {
      const { r, v, y } = rows[k]!;
      z.set(bias);
      for (let j = 0; j < r.length; j++) {
        const base = r[j]! * C;
        for (let c = 0; c < C; c++) z[c]! += weights[base + c]! * v[j]!;
      }
      softmax(z);
      z[y]! -= 1;
      for (let c = 0; c < C; c++) {
        const g = z[c]!;
        biasGrad2[c]! += g * g;
        bias[c]! -= (options.rate * g) / Math.sqrt(biasGrad2[c]! + 1e-8);
      }
      for (let j = 0; j < r.length; j++) {
        const base = r[j]! * C;
        for (let c = 0; c < C; c++) {
          const at = base + c;
          const g = z[c]! * v[j]! + options.l2 * weights[at]!;
          grad2[at]! += g * g;
          const rate = options.rate / Math.sqrt(grad2[at]! + 1e-8);
          const w = weights[at]! - rate * g;
          const shrink = rate * options.l1;
          weights[at] = w > shrink ? w - shrink : w < -shrink ? w + shrink : 0;
        }
      }
    }
  }
  return { classes, buckets, bias, weights };
}
