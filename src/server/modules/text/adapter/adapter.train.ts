/**
 * Fitting an adapter (adapter.model.ts) to one organisation's labelled
 * comments, and judging it against the shared model on held-out ones.
 *
 * The fit minimises a class-balanced log loss plus priors that keep the
 * adapter close to "no change":
 * - a Gaussian prior pulling every Δw to 0, and a bucket gets a Δw at all only
 *   when it recurs in a few training comments, so one comment's own n-grams
 *   cannot be memorised while a word the organisation's customers use again
 *   and again (a regional word, a product nickname) earns a weight. A few
 *   hundred comments refine the shared model; they cannot replace it.
 * - a stays in [1, 3]: the adapter may sharpen the shared verdicts, never
 *   soften them. Weak labels are noisy (a promoter grumbling about one thing),
 *   and a fit that may soften answers noise by shrinking every score into the
 *   neutral band, which hides sentiment instead of finding it.
 * - the loss knows weak labels are wrong now and then (P(label) = ε + (1 − 2ε)·p),
 *   for the same reason; an admin's correction is taken as right, and weighs more.
 * Full-batch AdaGrad over the whole set: deterministic, no shuffling.
 * (Trained on 300 or 600 reviews with 20 % of their labels flipped, an adapter
 * leaves the shared model's accuracy on the held-out reviews and the service
 * comments within about a point; one learnt from the simulated Sichuanese
 * organisation in adapter.fixtures.ts gains 10–20 points on its own comments.)
 */
import { featuresOf } from '../features.ts';
import { labelOf } from '../sentiment.ts';
import { adaptSentiment, sharedLogitOf, type SentimentAdapter } from './adapter.model.ts';

/** One comment with its label (1 positive, 0 negative), from the scores beside it or an admin's correction. */
export interface LabelledComment {
  normalized: string;
  sharedScore: number;
  label: 0 | 1;
  isCorrection: boolean;
}

/** An admin's correction counts as this many weak labels (it is chosen, checked and rare). */
export const CORRECTION_WEIGHT = 3;

export interface AdapterTrainOptions {
  iterations?: number;
  learningRate?: number;
  /** Prior precision of each Δw (pulls it to 0). */
  l2Weights?: number;
  /** A bucket gets a Δw only when at least this many training comments contain it. */
  minSupport?: number;
  /** Prior precision of a (pulls it to 1) and of b (to 0). */
  l2Calibration?: number;
  /** How often a weak label is taken to be wrong (a promoter grumbling about one thing); corrections are taken as right. */
  weakLabelNoise?: number;
  /** Called every iteration with the objective; may return a promise (the trainer awaits it, so a server can yield). */
  onIteration?: (iteration: number, objective: number) => void | Promise<void>;
}

export const ADAPTER_TRAIN_DEFAULTS = { iterations: 150, learningRate: 0.25, l2Weights: 0.3, l2Calibration: 10, weakLabelNoise: 0.1, minSupport: 3 };

/** The scale a may take: the adapter may sharpen or soften the shared model, never turn it around. */
const A_RANGE = [1, 3] as const;

/** Fits an adapter to labelled comments (at least one of each label, else it returns "no change"). */
export async function trainAdapter(comments: LabelledComment[], options: AdapterTrainOptions = {}): Promise<SentimentAdapter> {
  const { iterations, learningRate, l2Weights, l2Calibration, weakLabelNoise, minSupport } = { ...ADAPTER_TRAIN_DEFAULTS, ...options };
  const n = comments.length;
  const positives = comments.filter((c) => c.label === 1).length;
  if (positives === 0 || positives === n) return { a: 1, b: 0, weights: new Map() };

  // Buckets recurring in at least minSupport comments: one comment's own n-grams cannot be memorised.
  const features = comments.map((c) => featuresOf(c.normalized));
  const support = new Map<number, number>();
  for (const f of features) for (const bucket of new Set(f.idx)) support.set(bucket, (support.get(bucket) ?? 0) + 1);
  // Compact rows: each comment's learnable features as local indices.
  const local = new Map<number, number>();
  const offsets = new Int32Array(n + 1);
  const flat: number[] = [];
  const scale = new Float64Array(n);
  const shared = new Float64Array(n);
  const y = new Float64Array(n);
  const cost = new Float64Array(n);
  const noise = new Float64Array(n);
  const classWeight = [n / (2 * (n - positives)), n / (2 * positives)];
  comments.forEach((c, j) => {
    const f = features[j]!;
    for (const bucket of f.idx) {
      if (support.get(bucket)! < minSupport) continue;
      let k = local.get(bucket);
      if (k === undefined) local.set(bucket, (k = local.size));
      flat.push(k);
    }
    offsets[j + 1] = flat.length;
    scale[j] = f.scale;
    shared[j] = sharedLogitOf(c.sharedScore);
    y[j] = c.label;
    cost[j] = (c.isCorrection ? CORRECTION_WEIGHT : 1) * classWeight[c.label]!;
    noise[j] = c.isCorrection ? 0 : weakLabelNoise;
  });
  const rows = Int32Array.from(flat);
  const m = local.size;

  const w = new Float64Array(m);
  const gw = new Float64Array(m);
  const g2w = new Float64Array(m).fill(1e-12);
  let a = 1;
  let b = 0;
  let g2a = 1e-12;
  let g2b = 1e-12;
  for (let it = 0; it < iterations; it++) {
    gw.fill(0);
    let ga = l2Calibration * (a - 1);
    let gb = l2Calibration * b;
    let objective = 0.5 * l2Calibration * ((a - 1) ** 2 + b * b);
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = offsets[j]!; k < offsets[j + 1]!; k++) sum += w[rows[k]!]!;
      const z = a * shared[j]! + b + sum * scale[j]!;
      const p = 1 / (1 + Math.exp(-z));
      // The label is right with probability 1 − ε: P(label = 1) = ε + (1 − 2ε)·p. Fitting that instead of p
      // keeps the adapter from turning timid (scores shrunk into the neutral band) to explain noisy labels.
      const e = noise[j]!;
      const q = Math.min(1 - 1e-12, Math.max(1e-12, e + (1 - 2 * e) * p));
      objective -= cost[j]! * (y[j]! * Math.log(q) + (1 - y[j]!) * Math.log(1 - q));
      const g = cost[j]! * (1 - 2 * e) * p * (1 - p) * ((1 - y[j]!) / (1 - q) - y[j]! / q);
      ga += g * shared[j]!;
      gb += g;
      const gs = g * scale[j]!;
      for (let k = offsets[j]!; k < offsets[j + 1]!; k++) gw[rows[k]!]! += gs;
    }
    for (let i = 0; i < m; i++) {
      const g = gw[i]! + l2Weights * w[i]!;
      objective += 0.5 * l2Weights * w[i]! * w[i]!;
      g2w[i]! += g * g;
      w[i]! -= (learningRate * g) / Math.sqrt(g2w[i]!);
    }
    g2a += ga * ga;
    g2b += gb * gb;
    a = Math.min(A_RANGE[1], Math.max(A_RANGE[0], a - (learningRate * ga) / Math.sqrt(g2a)));
    b -= (learningRate * gb) / Math.sqrt(g2b);
    await options.onIteration?.(it + 1, objective);
  }
  const weights = new Map<number, number>();
  for (const [bucket, k] of local) if (w[k] !== 0) weights.set(bucket, w[k]!);
  return { a, b, weights };
}

/** How the shared model and the adapter do on held-out comments: label accuracy (neutral counts as wrong) and sign accuracy. */
export interface HeldOutFigures {
  n: number;
  sharedAccuracy: number;
  adapterAccuracy: number;
  sharedBySign: number;
  adapterBySign: number;
  /** Comments the adapter labels right and the shared model wrong, and the reverse (McNemar's b and c). */
  adapterOnlyRight: number;
  sharedOnlyRight: number;
}

/** Scores both models on the same held-out comments. */
export function compareOnHeldOut(adapter: SentimentAdapter, heldOut: LabelledComment[]): HeldOutFigures {
  let shared = 0;
  let adapted = 0;
  let sharedSign = 0;
  let adaptedSign = 0;
  let adapterOnlyRight = 0;
  let sharedOnlyRight = 0;
  for (const c of heldOut) {
    const truth = c.label === 1 ? 'positive' : 'negative';
    const mine = adaptSentiment(adapter, c.normalized, c.sharedScore);
    const isSharedRight = labelOf(c.sharedScore) === truth;
    const isAdapterRight = mine.label === truth;
    if (isSharedRight) shared++;
    if (isAdapterRight) adapted++;
    if (isAdapterRight && !isSharedRight) adapterOnlyRight++;
    if (isSharedRight && !isAdapterRight) sharedOnlyRight++;
    if (Math.sign(c.sharedScore) === (c.label === 1 ? 1 : -1)) sharedSign++;
    if (Math.sign(mine.score) === (c.label === 1 ? 1 : -1)) adaptedSign++;
  }
  const n = heldOut.length;
  const ratio = (k: number) => (n === 0 ? 0 : Math.round((k / n) * 10000) / 10000);
  return {
    n,
    sharedAccuracy: ratio(shared),
    adapterAccuracy: ratio(adapted),
    sharedBySign: ratio(sharedSign),
    adapterBySign: ratio(adaptedSign),
    adapterOnlyRight,
    sharedOnlyRight,
  };
}

/** Held-out comments needed before any verdict. */
export const MIN_HELD_OUT = 50;
/** One-sided 95 % (z) for McNemar's test on the paired held-out verdicts. */
const Z_95 = 1.645;
/** The smallest gain in label accuracy worth changing the labels people already see. */
export const MIN_GAIN = 0.01;

/**
 * Whether the adapter should replace the shared model's verdicts. Both models
 * label the same held-out comments, so the question is paired: of the comments
 * where they differ, does the adapter win clearly more often than it loses?
 * McNemar's test (one-sided, 5 %) answers it: (b − c) / √(b + c) ≥ 1.645. A
 * paired test is far more sensitive than comparing two accuracies (the shared
 * errors the adapter keeps cancel out), yet still refuses a lead of two or
 * three comments out of a hundred, which is noise. On top, the gain must be at
 * least one point of accuracy, and the adapter must not get more signs wrong
 * than the shared model (it may not buy labels by pushing scores out of the
 * neutral band on the wrong side).
 */
export function beatsShared(f: HeldOutFigures): boolean {
  const b = f.adapterOnlyRight;
  const c = f.sharedOnlyRight;
  if (f.n < MIN_HELD_OUT || b <= c) return false;
  return (b - c) / Math.sqrt(b + c) >= Z_95 && (b - c) / f.n >= MIN_GAIN && f.adapterBySign >= f.sharedBySign;
}
