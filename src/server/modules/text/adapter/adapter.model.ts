/**
 * An organisation's sentiment adapter: a small correction laid over the shared
 * sentiment model, learnt from that organisation's own labelled comments.
 *
 *   logit = a · sharedLogit + b + scale · Σ Δw[i] over the comment's hashed features
 *   score = tanh(logit / 2), labelled with the shared neutral band
 *
 * where sharedLogit = 2·atanh(shared score). With a = 1, b = 0 and no Δw the
 * adapter returns the shared score unchanged. It knows the shared model only
 * through its score and `featuresOf` (the hashed feature buckets), so the
 * shared model can be retrained without touching this file; the fingerprint
 * below tells when that happened, and a stale adapter is not used.
 */
import { createHash } from 'node:crypto';
import { FEATURE_BITS, featuresOf } from '../features.ts';
import { shippedModel } from '../model.ts';
import { labelOf, sentimentOf, type SentimentLabel } from '../sentiment.ts';
import { normalizeText } from '../text.normalize.ts';

/** A trained adapter, ready to apply. Δw is sparse: only the buckets the organisation's comments touched. */
export interface SentimentAdapter {
  a: number;
  b: number;
  /** Bucket → weight correction. */
  weights: Map<number, number>;
}

/** The shared score is clamped before atanh, so a shared "certain" (±1) stays finite (logit ±7.6). */
const MAX_SHARED = 0.999;

/** The shared model's logit recovered from its score −1..1. */
export function sharedLogitOf(sharedScore: number): number {
  const s = Math.max(-MAX_SHARED, Math.min(MAX_SHARED, sharedScore));
  return 2 * Math.atanh(s);
}

/** The adapter's logit for a normalised comment whose shared score is known. */
export function adapterLogit(adapter: SentimentAdapter, normalized: string, sharedScore: number): number {
  const f = featuresOf(normalized);
  let sum = 0;
  for (const i of f.idx) sum += adapter.weights.get(i) ?? 0;
  return adapter.a * sharedLogitOf(sharedScore) + adapter.b + sum * f.scale;
}

/** The adapted sentiment of a normalised comment: its score (rounded as the shared one is) and label. */
export function adaptSentiment(adapter: SentimentAdapter, normalized: string, sharedScore: number): { label: SentimentLabel; score: number } {
  const score = Math.round(Math.tanh(adapterLogit(adapter, normalized, sharedScore) / 2) * 1000) / 1000;
  return { label: labelOf(score), score };
}

/** The stored form: a and b, and Δw as parallel little-endian arrays of uint32 bucket indices and float32 weights. */
export interface StoredAdapter {
  a: number;
  b: number;
  featureBits: number;
  indices: Uint8Array;
  weights: Uint8Array;
}

/** Weights smaller than this move a logit by less than 1/10,000 and are not stored. */
const NEGLIGIBLE = 1e-3;

/** Packs an adapter for storage (indices sorted, negligible weights dropped). */
export function encodeAdapter(adapter: SentimentAdapter): StoredAdapter {
  const kept = [...adapter.weights].filter(([, w]) => Math.abs(w) >= NEGLIGIBLE).sort((x, y) => x[0] - y[0]);
  const indices = new Uint8Array(kept.length * 4);
  const weights = new Uint8Array(kept.length * 4);
  const iv = new DataView(indices.buffer);
  const wv = new DataView(weights.buffer);
  kept.forEach(([i, w], k) => {
    iv.setUint32(k * 4, i, true);
    wv.setFloat32(k * 4, w, true);
  });
  return { a: adapter.a, b: adapter.b, featureBits: FEATURE_BITS, indices, weights };
}

/** Unpacks a stored adapter; refuses one written for another feature layout or with mismatched arrays. */
export function decodeAdapter(stored: StoredAdapter): SentimentAdapter {
  if (stored.featureBits !== FEATURE_BITS) throw new Error(`adapter has feature layout ${stored.featureBits}, code expects ${FEATURE_BITS}`);
  if (stored.indices.length !== stored.weights.length || stored.indices.length % 4 !== 0) throw new Error('adapter arrays do not match');
  const iv = new DataView(stored.indices.buffer, stored.indices.byteOffset, stored.indices.byteLength);
  const wv = new DataView(stored.weights.buffer, stored.weights.byteOffset, stored.weights.byteLength);
  const weights = new Map<number, number>();
  for (let k = 0; k < stored.indices.length; k += 4) weights.set(iv.getUint32(k, true), wv.getFloat32(k, true));
  return { a: stored.a, b: stored.b, weights };
}

/**
 * Comments whose shared scores and features identify the shared model: if the
 * lead retrains it or changes its features, the fingerprint changes and an
 * adapter fitted to the old one is set aside until it is trained again.
 */
const PROBES = [
  '服务很好，下次还来',
  '等了一个小时，太失望了',
  '东西不错，但是物流太慢了',
  '一般般吧',
  'the courier was late and rude',
  'great service, thank you!',
  '没有想象中那么差',
  '客服态度特别好 👍',
];

let fingerprint: string | undefined;

/** The shared model's fingerprint (computed once per process). */
export function sharedModelFingerprint(): string {
  if (fingerprint === undefined) {
    const hash = createHash('sha256').update(`bits:${FEATURE_BITS}`);
    for (const probe of PROBES.map(normalizeText)) {
      hash.update(`|${sentimentOf(shippedModel(), probe).score}|`);
      hash.update(featuresOf(probe).idx.join(','));
    }
    fingerprint = hash.digest('hex').slice(0, 16);
  }
  return fingerprint;
}
