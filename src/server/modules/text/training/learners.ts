/**
 * The candidate learners eval:text compares, all over the same hashed
 * features so that any of them (or a blend) ships as one weight vector:
 * - logistic regression (AdaGrad, L2), the model Lodestar shipped first;
 * - NBSVM (Wang & Manning 2012): logistic regression over features scaled by
 *   their Naive Bayes log-count ratio, strong on short texts and on words
 *   that are rare but one-sided;
 * - a plain multinomial Naive Bayes over character 1–2-grams, the baseline.
 * Rows carry weights (source weight × class balance), so a small or noisy
 * source counts for what it is worth.
 */
import { FEATURE_BITS } from '../features.ts';
import { hashCodes, normalizeText } from '../text.normalize.ts';
import { seededRandom } from '../../../platform/seeded-random.ts';
import type { FeatureStore } from './feature-store.ts';

const DIM = 1 << FEATURE_BITS;

/** A linear model over the hashed features: logit = scale · Σ weights[i] + bias. */
export interface LinearModel {
  weights: Float32Array;
  bias: number;
}

export interface LogisticOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Per-bucket multiplier of the feature value (NBSVM's ratios); 1 when absent. */
  featureValue?: Float32Array;
}

export const LOGISTIC_DEFAULTS: LogisticOptions = { epochs: 5, learningRate: 0.2, l2: 1e-6, seed: 7 };

/**
 * Fits a logistic regression with AdaGrad on the given rows and row weights. With featureValue the
 * returned weights are already multiplied by it, so the model scores like any other linear model.
 */
export function trainLogistic(store: FeatureStore, rows: Uint32Array, rowWeight: Float32Array, options: Partial<LogisticOptions> = {}): LinearModel {
  const { epochs, learningRate, l2, seed, featureValue } = { ...LOGISTIC_DEFAULTS, ...options };
  const w = new Float32Array(DIM);
  const g2 = new Float32Array(DIM).fill(1e-8);
  let bias = 0;
  let biasG2 = 1e-8;
  const random = seededRandom(seed);
  const order = Uint32Array.from(rows);
  const { start, idx, scale, label } = store;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    for (let k = 0; k < order.length; k++) {
      const r = order[k]!;
      const s = scale[r]!;
      const a = start[r]!;
      const b = start[r + 1]!;
      let z = bias;
      if (featureValue) for (let q = a; q < b; q++) z += w[idx[q]!]! * featureValue[idx[q]!]! * s;
      else for (let q = a; q < b; q++) z += w[idx[q]!]! * s;
      const p = 1 / (1 + Math.exp(-z));
      const g = rowWeight[r]! * (p - label[r]!);
      for (let q = a; q < b; q++) {
        const i = idx[q]!;
        const gi = g * s * (featureValue ? featureValue[i]! : 1) + l2 * w[i]!;
        g2[i]! += gi * gi;
        w[i]! -= (learningRate * gi) / Math.sqrt(g2[i]!);
      }
      biasG2 += g * g;
      bias -= (learningRate * g) / Math.sqrt(biasG2);
    }
  }
  if (featureValue) for (let i = 0; i < DIM; i++) w[i]! *= featureValue[i]!;
  return { weights: w, bias };
}

/** Naive Bayes log-count ratios over binarised features (NBSVM's r), smoothed by alpha, clipped to ±clip. */
export function logCountRatios(store: FeatureStore, rows: Uint32Array, rowWeight: Float32Array, alpha = 1, clip = 4): Float32Array {
  const count = [new Float64Array(DIM), new Float64Array(DIM)];
  const seen = new Int32Array(DIM).fill(-1);
  for (const r of rows) {
    const c = count[store.label[r]!]!;
    for (let q = store.start[r]!; q < store.start[r + 1]!; q++) {
      const i = store.idx[q]!;
      if (seen[i] === r) continue; // binarised: once per text
      seen[i] = r;
      c[i]! += rowWeight[r]!;
    }
  }
  let total1 = 0;
  let total0 = 0;
  for (let i = 0; i < DIM; i++) {
    total1 += count[1]![i]! + alpha;
    total0 += count[0]![i]! + alpha;
  }
  const ratio = new Float32Array(DIM);
  for (let i = 0; i < DIM; i++) {
    const v = Math.log((count[1]![i]! + alpha) / total1) - Math.log((count[0]![i]! + alpha) / total0);
    ratio[i] = Math.max(-clip, Math.min(clip, v));
  }
  return ratio;
}

/** NBSVM: logistic regression over NB-ratio-scaled features. */
export function trainNbsvm(store: FeatureStore, rows: Uint32Array, rowWeight: Float32Array, options: Partial<LogisticOptions> = {}): LinearModel {
  return trainLogistic(store, rows, rowWeight, { ...options, featureValue: logCountRatios(store, rows, rowWeight) });
}

/** Character 1- and 2-gram buckets of a text, for the Naive Bayes baseline. */
function charGrams(text: string): number[] {
  const s = normalizeText(text);
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    out.push(hashCodes(1, s.charCodeAt(i)) & (DIM - 1));
    if (i + 1 < s.length) out.push(hashCodes(2, s.charCodeAt(i), s.charCodeAt(i + 1)) & (DIM - 1));
  }
  return out;
}

/** Multinomial Naive Bayes over character 1–2-grams, Laplace-smoothed, unweighted: the plain baseline. Returns a logit. */
export function trainNaiveBayes(texts: ReadonlyArray<{ text: string; label: 0 | 1 }>): (text: string) => number {
  const counts = [new Float64Array(DIM), new Float64Array(DIM)];
  const totals = [0, 0];
  const docs = [0, 0];
  for (const t of texts) {
    docs[t.label]!++;
    for (const g of charGrams(t.text)) {
      counts[t.label]![g]!++;
      totals[t.label]!++;
    }
  }
  const ratio = new Float32Array(DIM);
  for (let i = 0; i < DIM; i++) ratio[i] = Math.log((counts[1]![i]! + 1) / (totals[1]! + DIM)) - Math.log((counts[0]![i]! + 1) / (totals[0]! + DIM));
  const prior = Math.log(docs[1]! / docs[0]!);
  return (text) => charGrams(text).reduce((sum, g) => sum + ratio[g]!, prior);
}

/**
 * Fits y ~ σ(c · x) on a few columns by Newton's method (stacking and Platt calibration): the columns
 * are candidate logits and the lexicon, the last coefficient is the intercept. Weighted, lightly L2-regularised.
 */
export function fitStacker(columns: Float64Array[], y: Uint8Array, weight: Float32Array, l2 = 1e-3): number[] {
  const k = columns.length + 1;
  let c = new Array<number>(k).fill(0);
  const x = (r: number, j: number) => (j < columns.length ? columns[j]![r]! : 1);
  const lossOf = (cs: number[]) => {
    let loss = 0;
    for (let r = 0; r < y.length; r++) {
      let z = 0;
      for (let j = 0; j < k; j++) z += cs[j]! * x(r, j);
      // log(1 + e^z) − y·z, computed without overflow
      loss += weight[r]! * ((z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[r]! * z);
    }
    for (let j = 0; j < k - 1; j++) loss += 0.5 * l2 * cs[j]! * cs[j]!;
    return loss;
  };
  let loss = lossOf(c);
  for (let iter = 0; iter < 50; iter++) {
    const grad = new Array<number>(k).fill(0);
    const hess = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    for (let r = 0; r < y.length; r++) {
      let z = 0;
      for (let j = 0; j < k; j++) z += c[j]! * x(r, j);
      const p = 1 / (1 + Math.exp(-z));
      const wr = weight[r]!;
      for (let j = 0; j < k; j++) {
        grad[j]! += wr * (p - y[r]!) * x(r, j);
        for (let m = 0; m < k; m++) hess[j]![m]! += wr * p * (1 - p) * x(r, j) * x(r, m);
      }
    }
    for (let j = 0; j < k - 1; j++) {
      grad[j]! += l2 * c[j]!;
      hess[j]![j]! += l2;
    }
    const step = solve(hess, grad);
    // Backtracking: a full Newton step can overshoot when the candidates' logits are large.
    let t = 1;
    let next = c.map((v, j) => v - t * step[j]!);
    let nextLoss = lossOf(next);
    while (nextLoss > loss && t > 1e-4) {
      t /= 2;
      next = c.map((v, j) => v - t * step[j]!);
      nextLoss = lossOf(next);
    }
    if (nextLoss > loss) break;
    const improved = loss - nextLoss;
    c = next;
    loss = nextLoss;
    if (improved < 1e-9 * (1 + loss)) break;
  }
  return c;
}

/** Gaussian elimination with partial pivoting for the small Newton systems. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const d = m[col]![col]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / d;
      for (let j = col; j <= n; j++) m[r]![j]! -= f * m[col]![j]!;
    }
  }
  return m.map((row, i) => row[n]! / (row[i]! || 1e-12));
}
