/**
 * Fitting the shipped model: logistic regression and NBSVM on the training
 * rows, then a stacker on a separate calibration slice that blends the two
 * with the service lexicon and calibrates the result (so p is a probability
 * one can set a neutral margin on). Both learners are linear over the same
 * features, so the blend folds into one weight vector: the shipped model
 * costs one dot product, like the first one did.
 */
import { FEATURE_BITS } from '../features.ts';
import type { ModelInfo, SentimentModel } from '../model.ts';
import { seededRandom } from '../../../platform/seeded-random.ts';
import { sourceInfo, type LabelledText } from './corpus.ts';
import { dotAfter, dotRow, type FeatureStore } from './feature-store.ts';
import { fitStacker, trainLogistic, trainNbsvm, type LinearModel, type LogisticOptions } from './learners.ts';

/**
 * Bounds on the share of the logit the clause after a strong contrast word carries (the stacker fits it).
 * Star-rated reviews forgive a complaint after 但是 (four stars for "东西不错，但是物流慢"), so the data
 * alone says about 0.2; in service feedback that clause is what someone has to act on, so it gets at least 0.4.
 */
export const AFTER_CONTRAST_SHARE_RANGE = [0.4, 0.8] as const;
/**
 * |2p − 1| under which a Chinese comment is neutral: the calibrated model gives itself at most a 53 %
 * chance of being right, a coin toss. Wider margins (0.1, 0.2) swallowed 5–15 % of clearly polar
 * reviews from sources the model had not seen (eval:text prints the neutral share per source).
 */
export const NEUTRAL_MARGIN = 0.06;
/** A source's rarer class is weighted up to balance it, but never more than this many times. */
export const MAX_CLASS_WEIGHT = 3;
/** Fraction of the training rows kept aside to fit the blend and its calibration. */
export const CALIBRATION_FRACTION = 0.05;

export const FIT_DEFAULTS: Partial<LogisticOptions> = { epochs: 4, l2: 1e-6 };

/** Row weights: the source's weight times a per-source class balance (capped), so a small or noisy source counts for what it is worth. */
export function rowWeights(rows: readonly LabelledText[]): Float32Array {
  const totals = new Map<string, [number, number]>();
  for (const r of rows) {
    const t = totals.get(r.source) ?? [0, 0];
    t[r.label]++;
    totals.set(r.source, t);
  }
  return Float32Array.from(rows, (r) => {
    const t = totals.get(r.source)!;
    return sourceInfo(r.source).weight * Math.min((t[0] + t[1]) / (2 * t[r.label]), MAX_CLASS_WEIGHT);
  });
}

/** Seeded choice of calibration rows among the non-test rows. */
export function calibrationMask(rows: readonly LabelledText[], seed = 5): Uint8Array {
  const random = seededRandom(seed);
  return Uint8Array.from(rows, (r) => (!r.isTest && random() < CALIBRATION_FRACTION ? 1 : 0));
}

/** The blended logit before bias and lexicon: whole text, and the after-contrast clause when there is one. */
export function rawLogit(store: FeatureStore, r: number, weights: Float32Array, afterShare: number): number {
  const whole = dotRow(store, r, weights);
  const after = dotAfter(store, r, weights);
  return after === null ? whole : (1 - afterShare) * whole + afterShare * after;
}

/** A stored row's full logit under a model, exactly as scoreText computes it for the text. */
export function rowLogit(model: SentimentModel, store: FeatureStore, r: number): number {
  const { bias, lexiconWeight, afterContrastShare } = model.info;
  return rawLogit(store, r, model.weights, afterContrastShare) + bias + lexiconWeight * store.lexicon[r]!;
}

/** Whether a model calls a stored row neutral: inside its margin. */
export function isNeutralRow(model: SentimentModel, store: FeatureStore, r: number, logit = rowLogit(model, store, r)): boolean {
  return Math.abs(Math.tanh(logit / 2)) < model.info.neutralMargin;
}

export interface Candidates {
  logistic: SentimentModel;
  nbsvm: SentimentModel;
  /** Both blended and calibrated: what ships. */
  ensemble: SentimentModel;
}

/** Trains the candidates on `train`, blends and calibrates them on `calibration`. */
export function fitCandidates(
  store: FeatureStore,
  train: Uint32Array,
  calibration: Uint32Array,
  weight: Float32Array,
  about: Pick<ModelInfo, 'trainedOn'>,
  options: Partial<LogisticOptions> = FIT_DEFAULTS,
): Candidates {
  const learners: Record<'logistic' | 'nbsvm', LinearModel> = {
    logistic: trainLogistic(store, train, weight, options),
    nbsvm: trainNbsvm(store, train, weight, options),
  };
  const y = Uint8Array.from(calibration, (r) => store.label[r]!);
  const w = Float32Array.from(calibration, (r) => weight[r]!);
  const whole = (weights: Float32Array) => Float64Array.from(calibration, (r) => dotRow(store, r, weights));
  const lexicon = Float64Array.from(calibration, (r) => store.lexicon[r]!);
  /**
   * Second stage, for any blend of the learners: scale, bias, lexicon weight and the after-contrast share,
   * fitted together (the share is the after-clause column's coefficient over the whole text's).
   */
  const calibrate = (weights: Float32Array, blend: Record<string, number>): SentimentModel => {
    const afterGap = Float64Array.from(calibration, (r) => {
      const after = dotAfter(store, r, weights);
      return after === null ? 0 : after - dotRow(store, r, weights);
    });
    const [scale, after, lexiconWeight, bias] = fitStacker([whole(weights), afterGap, lexicon], y, w);
    const [least, most] = AFTER_CONTRAST_SHARE_RANGE;
    const share = Math.min(most, Math.max(least, after! / scale!));
    const scaled = weights.map((v) => v * scale!);
    const info: ModelInfo = {
      version: 2, featureBits: FEATURE_BITS, trainedOn: about.trainedOn, trainedRows: train.length, quantScale: 1, bias: bias!,
      lexiconWeight: lexiconWeight!, afterContrastShare: share, neutralMargin: NEUTRAL_MARGIN, blend,
    };
    return { info, weights: scaled };
  };
  // First stage: how much each learner counts (whole texts only).
  const [a1, a2] = fitStacker([whole(learners.logistic.weights), whole(learners.nbsvm.weights), lexicon], y, w);
  const blended = new Float32Array(learners.logistic.weights.length);
  for (let i = 0; i < blended.length; i++) blended[i] = a1! * learners.logistic.weights[i]! + a2! * learners.nbsvm.weights[i]!;
  return {
    logistic: calibrate(learners.logistic.weights, { logistic: 1 }),
    nbsvm: calibrate(learners.nbsvm.weights, { nbsvm: 1 }),
    ensemble: calibrate(blended, { logistic: a1!, nbsvm: a2! }),
  };
}
