/**
 * The Chinese sentiment model: a logistic regression over hashed features
 * (features.ts), shipped in the repository as int8 weights with one scale,
 * gzipped (models/text/sentiment-zh.bin.gz), and loaded once per process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { FEATURE_BITS, featuresOf, type Features } from './features.ts';
import { SERVICE_LEXICON_WEIGHT } from './lexicon.service.ts';

export const MODEL_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../models/text/sentiment-zh.bin.gz');

/** What the file says about itself (JSON header before the weights). */
export interface ModelInfo {
  version: 1;
  featureBits: number;
  trainedOn: string;
  trainedRows: number;
  epochs: number;
  /** Multiply an int8 weight by this to get the float weight. */
  quantScale: number;
  bias: number;
}

/** A loaded model: its header and float weights. */
export interface SentimentModel {
  info: ModelInfo;
  weights: Float32Array;
}

const MAGIC = 'LSTXT1\n';

/** The trained part of the logit for pre-computed features (positive means positive sentiment). */
export function logitOf(model: SentimentModel, f: Features): number {
  let sum = 0;
  const w = model.weights;
  for (let i = 0; i < f.idx.length; i++) sum += w[f.idx[i]!]!;
  return sum * f.scale + model.info.bias;
}

/** Share of the logit given to the clause after a contrast word ("东西不错，但是物流太慢了"). */
export const AFTER_CONTRAST_SHARE = 0.3;

/**
 * The logit for a normalised text: the model over the whole text, blended with
 * the model over the clause after the last contrast word when there is one,
 * plus the service lexicon's valence.
 */
export function scoreText(model: SentimentModel, normalized: string): number {
  const f = featuresOf(normalized);
  let logit = logitOf(model, f);
  if (f.afterContrast) {
    const after = logitOf(model, featuresOf(normalized.slice(...f.afterContrast)));
    logit = (1 - AFTER_CONTRAST_SHARE) * logit + AFTER_CONTRAST_SHARE * after;
  }
  return logit + SERVICE_LEXICON_WEIGHT * f.lexicon;
}

/** Serialises weights as int8 (symmetric, max |w| → 127) behind a JSON header, gzipped. */
export function encodeModel(weights: Float32Array, info: Omit<ModelInfo, 'quantScale' | 'version' | 'featureBits'>): Buffer {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const quantScale = max / 127 || 1;
  const q = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) q[i] = Math.round(weights[i]! / quantScale);
  const header = JSON.stringify({ version: 1, featureBits: FEATURE_BITS, quantScale, ...info } satisfies ModelInfo);
  return gzipSync(Buffer.concat([Buffer.from(MAGIC + header + '\n'), Buffer.from(q.buffer)]), { level: 9 });
}

/** Reads a model written by encodeModel; refuses a file for another feature layout. */
export function decodeModel(file: Buffer): SentimentModel {
  const raw = gunzipSync(file);
  if (raw.subarray(0, MAGIC.length).toString() !== MAGIC) throw new Error('not a Lodestar text model');
  const end = raw.indexOf(0x0a, MAGIC.length);
  const info = JSON.parse(raw.subarray(MAGIC.length, end).toString()) as ModelInfo;
  if (info.version !== 1 || info.featureBits !== FEATURE_BITS) throw new Error(`model has feature layout ${info.featureBits}, code expects ${FEATURE_BITS}`);
  const q = new Int8Array(raw.buffer, raw.byteOffset + end + 1, 1 << FEATURE_BITS);
  const weights = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) weights[i] = q[i]! * info.quantScale;
  return { info, weights };
}

let loaded: SentimentModel | undefined;

/** The shipped model, read from the repository on first use. */
export function shippedModel(): SentimentModel {
  loaded ??= decodeModel(fs.readFileSync(MODEL_PATH));
  return loaded;
}
