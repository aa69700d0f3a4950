/**
 * The Chinese sentiment model: one weight vector over hashed features
 * (features.ts), shipped in the repository as int8 weights with one scale,
 * gzipped (models/text/sentiment-zh.bin.gz), and loaded once per process.
 * Training blends several learners into that one vector and calibrates it
 * (training/fit.ts), so the JSON header carries how to read the logit: the
 * bias, the weight of the service lexicon, the share of the clause after a
 * contrast word, and the margin below which the model is too unsure to call.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { FEATURE_BITS, featuresOf, type Features } from './features.ts';

const MODELS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../models/text');
export const MODEL_PATH = path.join(MODELS, 'sentiment-zh.bin.gz');
/** The first shipped model (shopping reviews only), kept so eval:text can compare against it. */
export const FIRST_MODEL_PATH = path.join(MODELS, 'sentiment-zh-v1.bin.gz');

/** What the file says about itself (JSON header before the weights). */
export interface ModelInfo {
  version: 2;
  featureBits: number;
  trainedOn: string;
  trainedRows: number;
  /** Multiply an int8 weight by this to get the float weight. */
  quantScale: number;
  bias: number;
  /** Logit per point of service-lexicon valence. */
  lexiconWeight: number;
  /** Share of the logit given to the clause after a strong contrast word ("东西不错，但是物流太慢了"). */
  afterContrastShare: number;
  /** |2p − 1| below which a Chinese comment is neutral: the model's own chance of being right is under (1 + margin) / 2. */
  neutralMargin: number;
  /** How the learners were blended (for the record; already folded into the weights). */
  blend?: Record<string, number>;
}

/** A loaded model: its header and float weights. */
export interface SentimentModel {
  info: ModelInfo;
  weights: Float32Array;
}

const MAGIC = 'LSTXT1\n';
/** Version 1 files predate the header's reading instructions: these are the values that code hard-wired. */
const VERSION_1_READING = { lexiconWeight: 0.8, afterContrastShare: 0.3, neutralMargin: 0.3 };

/** Σ weights over pre-computed features, times their scale (no bias). */
export function dotFeatures(model: SentimentModel, f: Features): number {
  let sum = 0;
  const w = model.weights;
  for (let i = 0; i < f.idx.length; i++) sum += w[f.idx[i]!]!;
  return sum * f.scale;
}

/**
 * The logit for a normalised text (positive means positive sentiment): the
 * model over the whole text, blended with the model over the clause after the
 * last contrast word when there is one, plus the service lexicon's valence.
 */
export function scoreText(model: SentimentModel, normalized: string): number {
  const f = featuresOf(normalized);
  const { bias, lexiconWeight, afterContrastShare } = model.info;
  let z = dotFeatures(model, f);
  if (f.afterContrast) z = (1 - afterContrastShare) * z + afterContrastShare * dotFeatures(model, featuresOf(normalized.slice(...f.afterContrast)));
  return z + bias + lexiconWeight * f.lexicon;
}

/** Serialises weights as int8 (symmetric, max |w| → 127) behind a JSON header, gzipped. */
export function encodeModel(weights: Float32Array, info: Omit<ModelInfo, 'quantScale' | 'version' | 'featureBits'>): Buffer {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const quantScale = max / 127 || 1;
  const q = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) q[i] = Math.round(weights[i]! / quantScale);
  const header = JSON.stringify({ ...info, version: 2, featureBits: FEATURE_BITS, quantScale } satisfies ModelInfo);
  return gzipSync(Buffer.concat([Buffer.from(MAGIC + header + '\n'), Buffer.from(q.buffer)]), { level: 9 });
}

/** Reads a model written by encodeModel (or the first version's file); refuses a file for another feature layout. */
export function decodeModel(file: Buffer): SentimentModel {
  const raw = gunzipSync(file);
  if (raw.subarray(0, MAGIC.length).toString() !== MAGIC) throw new Error('not a Lodestar text model');
  const end = raw.indexOf(0x0a, MAGIC.length);
  const header = JSON.parse(raw.subarray(MAGIC.length, end).toString()) as Omit<ModelInfo, 'version'> & { version: number };
  if (header.featureBits !== FEATURE_BITS) throw new Error(`model has feature layout ${header.featureBits}, code expects ${FEATURE_BITS}`);
  if (header.version !== 1 && header.version !== 2) throw new Error(`model version ${header.version} is not known to this code`);
  const info: ModelInfo = header.version === 1 ? { ...VERSION_1_READING, ...header, version: 2 } : (header as ModelInfo);
  const q = new Int8Array(raw.buffer, raw.byteOffset + end + 1, 1 << FEATURE_BITS);
  const weights = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) weights[i] = q[i]! * info.quantScale;
  return { info, weights };
}

/** Reads a model file. */
export function readModel(file: string): SentimentModel {
  return decodeModel(fs.readFileSync(file));
}

let loaded: SentimentModel | undefined;

/** The shipped model, read from the repository on first use. */
export function shippedModel(): SentimentModel {
  loaded ??= readModel(MODEL_PATH);
  return loaded;
}
