import { z } from 'zod';
import { HASH_BITS, type SparseVector } from './features.js';
import { softmax, type TrainedModel } from './train.js';

/** The model file's version: bumped when features or layout change, so a stale file is refused. */
export const MODEL_VERSION = 1;

/**
 * The artefact under data/. `rows` packs, per kept bucket, its non-negligible weights as bytes:
 * bucket (uint32 LE), pair count (uint8), then (class uint8, weight int8 × `step`) pairs, in base64.
 * Bytes, not JSON numbers, keep the file about a third of the size; 1/127 of the largest weight is
 * finer than any decision threshold needs.
 */
export const ScopeModelFileSchema = z
  .object({
    format: z.literal('minzheng-scope-model'),
    version: z.literal(MODEL_VERSION),
    hashBits: z.literal(HASH_BITS),
    classes: z.array(z.string().min(1)).min(2).max(255),
    bias: z.array(z.number().finite()),
    step: z.number().positive().finite(),
    rows: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'rows must be base64'),
  })
  .strict()
  .refine((m) => m.bias.length === m.classes.length, { message: 'bias must have one entry per class' });

export type ScopeModelFile = z.infer<typeof ScopeModelFileSchema>;

/**
 * The loaded model: each hash bucket's sparse row of class weights, ready for dot products. The rows
 * live in a few flat typed arrays indexed by bucket, not in an object per bucket: tens of thousands
 * of small objects cost about 30 MB and lengthened every garbage collection of the bot's heap.
 */
export interface ScopeModel {
  classes: readonly string[];
  /** Each class's position in `classes`: looked up per question, so built once. */
  classIndex: ReadonlyMap<string, number>;
  bias: Float64Array;
  /** Per bucket (2^hashBits of them): where its row starts in `cls`/`w`, or -1 when it has none. */
  rowStart: Int32Array;
  /** Per bucket: how many (class, weight) pairs its row holds. */
  rowLength: Uint8Array;
  cls: Uint8Array;
  w: Float64Array;
}

/** A model with no rows: its bias alone decides (for tests and as a base). */
export function biasOnlyModel(classes: readonly string[], bias: readonly number[]): ScopeModel {
  return {
    classes, classIndex: new Map(classes.map((c, i) => [c, i])), bias: Float64Array.from(bias),
    rowStart: new Int32Array(1 << HASH_BITS).fill(-1), rowLength: new Uint8Array(1 << HASH_BITS), cls: new Uint8Array(0), w: new Float64Array(0),
  };
}

/** How many buckets have a row. */
export const rowCount = (model: ScopeModel): number => model.rowStart.reduce((n, s) => (s >= 0 ? n + 1 : n), 0);

const MAX_PAIRS = 255;

/** Weights smaller than this are dropped from the file; with L1 training few are left near it. */
export const MIN_WEIGHT = 0.02;

/**
 * Writes a trained model as the compact file: weights under `minWeight` in magnitude are dropped
 * (most of a softmax's weights are near zero and move no decision), the rest quantised to int8.
 */
export function toModelFile(model: TrainedModel, minWeight: number): ScopeModelFile {
  const C = model.classes.length;
  let max = 0;
  for (const w of model.weights) max = Math.max(max, Math.abs(w));
  const step = Math.max(max, 1e-9) / 127;
  const bytes: number[] = [];
  model.buckets.forEach((bucket, f) => {
    const pairs: number[] = [];
    for (let c = 0; c < C && pairs.length < 2 * MAX_PAIRS; c++) {
      const w = model.weights[f * C + c]!;
      const q = Math.round(w / step);
      if (Math.abs(w) >= minWeight && q !== 0) pairs.push(c, q & 0xff);
    }
    if (pairs.length === 0) return;
    bytes.push(bucket & 0xff, (bucket >>> 8) & 0xff, (bucket >>> 16) & 0xff, (bucket >>> 24) & 0xff, pairs.length / 2, ...pairs);
  });
  return {
    format: 'minzheng-scope-model',
    version: MODEL_VERSION,
    hashBits: HASH_BITS,
    classes: model.classes,
    bias: [...model.bias].map((b) => Math.round(b * 1000) / 1000),
    step,
    rows: Buffer.from(bytes).toString('base64'),
  };
}

/**
 * Builds the runtime model from a validated file.
 * @throws Error when the packed rows are cut short or name a class the file does not list.
 */
export function fromModelFile(file: ScopeModelFile): ScopeModel {
  const bytes = Buffer.from(file.rows, 'base64');
  const model = biasOnlyModel(file.classes, file.bias);
  // Every row costs 5 bytes plus 2 per pair, so the pairs never outnumber the bytes.
  const cls = new Uint8Array(bytes.length);
  const w = new Float64Array(bytes.length);
  let pairs = 0;
  let at = 0;
  while (at < bytes.length) {
    if (at + 5 > bytes.length) throw new Error('scope model rows are cut short');
    const bucket = bytes.readUInt32LE(at);
    const n = bytes[at + 4]!;
    at += 5;
    if (at + 2 * n > bytes.length) throw new Error('scope model rows are cut short');
    if (bucket >= model.rowStart.length) throw new Error(`scope model row names bucket ${bucket} beyond the hash space`);
    model.rowStart[bucket] = pairs;
    model.rowLength[bucket] = n;
    for (let i = 0; i < n; i++) {
      const c = bytes[at + 2 * i]!;
      if (c >= file.classes.length) throw new Error(`scope model row names class ${c} of ${file.classes.length}`);
      cls[pairs] = c;
      w[pairs] = bytes.readInt8(at + 2 * i + 1) * file.step;
      pairs += 1;
    }
    at += 2 * n;
  }
  return { ...model, cls: cls.slice(0, pairs), w: w.slice(0, pairs) };
}

/** Class probabilities of one question (indexed like `model.classes`): a sparse dot product and a softmax. */
export function predict(model: ScopeModel, x: SparseVector): Float64Array {
  const z = Float64Array.from(model.bias);
  for (let j = 0; j < x.ids.length; j++) {
    const start = model.rowStart[x.ids[j]!] ?? -1;
    if (start < 0) continue;
    const v = x.values[j]!;
    const end = start + model.rowLength[x.ids[j]!]!;
    for (let k = start; k < end; k++) z[model.cls[k]!]! += model.w[k]! * v;
  }
  softmax(z);
  return z;
}
