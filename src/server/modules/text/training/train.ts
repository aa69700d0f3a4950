/**
 * Training and evaluation of the Chinese sentiment model on the labelled
 * reviews: a seeded, stratified hold-out split the training never sees, and a
 * logistic regression fitted by AdaGrad over hashed features.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { FEATURE_BITS, featuresOf, type Features } from '../features.ts';
import type { SentimentModel } from '../model.ts';
import { normalizeText } from '../text.normalize.ts';

export const DATA_PATH = process.env.LODESTAR_TEXT_DATA ?? new URL('../../../../../../shared/data/reviews-zh-train.csv', import.meta.url).pathname;
/** Fraction of every (category, label) group held out for testing; fixed with the seed so train and eval agree. */
export const TEST_FRACTION = 0.1;
export const SPLIT_SEED = 20260507;

export interface Review {
  cat: string;
  label: 0 | 1;
  review: string;
}

export interface Split {
  train: Review[];
  test: Review[];
}

/** Reads the CSV (`cat,label,review`), skipping rows without text. */
export function readReviews(file = DATA_PATH): Review[] {
  const rows = parse(fs.readFileSync(file), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Array<Record<string, string>>;
  return rows
    .filter((r) => r.review && r.review.trim() !== '' && (r.label === '0' || r.label === '1'))
    .map((r) => ({ cat: r.cat!, label: r.label === '1' ? 1 : 0, review: r.review! }));
}

/** A small seeded PRNG (mulberry32): the same split on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Holds out TEST_FRACTION of each (category, label) group, chosen by a seeded shuffle. */
export function splitReviews(reviews: Review[], seed = SPLIT_SEED): Split {
  const groups = new Map<string, Review[]>();
  for (const r of reviews) {
    const key = `${r.cat}\u0001${r.label}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const random = seededRandom(seed);
  const split: Split = { train: [], test: [] };
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key)!;
    for (let i = group.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [group[i], group[j]] = [group[j]!, group[i]!];
    }
    const nTest = Math.round(group.length * TEST_FRACTION);
    split.test.push(...group.slice(0, nTest));
    split.train.push(...group.slice(nTest));
  }
  return split;
}

/** The settings the shipped model is trained with. */
export const TRAIN_DEFAULTS = { epochs: 6, learningRate: 0.2, l2: 1e-6, seed: 7 };

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
  onEpoch?: (epoch: number, loss: number) => void;
}

/** Fits a logistic regression with AdaGrad; classes are re-weighted so an unbalanced category cannot tilt the bias. */
export function trainModel(reviews: Review[], options: TrainOptions = {}): { weights: Float32Array; bias: number } {
  const { epochs, learningRate, l2, seed } = { ...TRAIN_DEFAULTS, ...options };
  const data: Array<{ f: Features; y: number }> = reviews.map((r) => ({ f: featuresOf(normalizeText(r.review)), y: r.label }));
  const positives = data.filter((d) => d.y === 1).length;
  const classWeight = [data.length / (2 * (data.length - positives)), data.length / (2 * positives)];
  const dim = 1 << FEATURE_BITS;
  const w = new Float32Array(dim);
  const g2 = new Float32Array(dim).fill(1e-8);
  let bias = 0;
  let biasG2 = 1e-8;
  const random = seededRandom(seed);
  const order = data.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let loss = 0;
    for (const k of order) {
      const { f, y } = data[k]!;
      let z = bias;
      for (const i of f.idx) z += w[i]! * f.scale;
      const p = 1 / (1 + Math.exp(-z));
      const cw = classWeight[y]!;
      loss += cw * (y === 1 ? -Math.log(p + 1e-12) : -Math.log(1 - p + 1e-12));
      const g = cw * (p - y);
      for (const i of f.idx) {
        const gi = g * f.scale + l2 * w[i]!;
        g2[i]! += gi * gi;
        w[i]! -= (learningRate * gi) / Math.sqrt(g2[i]!);
      }
      biasG2 += g * g;
      bias -= (learningRate * g) / Math.sqrt(biasG2);
    }
    options.onEpoch?.(epoch + 1, loss / data.length);
  }
  return { weights: w, bias };
}

export interface Accuracy {
  n: number;
  correct: number;
  accuracy: number;
}

/** Accuracy of a scorer (returns a logit or score, > 0 meaning positive) overall and per category. */
export function evaluate(reviews: Review[], score: (text: string) => number): { overall: Accuracy; byCategory: Record<string, Accuracy> } {
  const tally = new Map<string, { n: number; correct: number }>();
  const all = { n: 0, correct: 0 };
  for (const r of reviews) {
    const isCorrect = score(r.review) > 0 === (r.label === 1);
    const t = tally.get(r.cat) ?? { n: 0, correct: 0 };
    t.n++;
    all.n++;
    if (isCorrect) {
      t.correct++;
      all.correct++;
    }
    tally.set(r.cat, t);
  }
  const acc = (t: { n: number; correct: number }): Accuracy => ({ ...t, accuracy: t.n ? t.correct / t.n : 0 });
  return { overall: acc(all), byCategory: Object.fromEntries([...tally].sort().map(([k, t]) => [k, acc(t)])) };
}

/** A float model in memory (before quantisation), for evaluating what training produced. */
export function inMemoryModel(weights: Float32Array, bias: number): SentimentModel {
  return { info: { version: 1, featureBits: FEATURE_BITS, trainedOn: 'memory', trainedRows: 0, epochs: 0, quantScale: 1, bias }, weights };
}
