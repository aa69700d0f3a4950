/**
 * Every labelled text turned into the model's features once (jieba is the
 * slow part), packed into flat typed arrays so that training many models on
 * many subsets (leave-one-source-out) costs no further tokenising.
 */
import { featuresOf } from '../features.ts';
import { normalizeText } from '../text.normalize.ts';
import type { LabelledText } from './corpus.ts';

/** Features of one text: the whole text, and the clause after its last contrast word when there is one. */
export interface FeatureStore {
  size: number;
  /** Row r's whole-text bucket indices are idx[start[r] .. start[r + 1]). */
  start: Uint32Array;
  idx: Uint32Array;
  scale: Float32Array;
  /** The after-contrast clause's indices, empty (afterStart[r] === afterStart[r + 1]) when there is none. */
  afterStart: Uint32Array;
  afterIdx: Uint32Array;
  afterScale: Float32Array;
  /** Service-lexicon valence. */
  lexicon: Float32Array;
  label: Uint8Array;
}

/** Tokenises and hashes every text (about 0.1 ms each), reporting progress every 20,000 rows. */
export function buildFeatureStore(rows: readonly LabelledText[], onProgress?: (done: number) => void): FeatureStore {
  const n = rows.length;
  const start = new Uint32Array(n + 1);
  const afterStart = new Uint32Array(n + 1);
  const scale = new Float32Array(n);
  const afterScale = new Float32Array(n);
  const lexicon = new Float32Array(n);
  const label = new Uint8Array(n);
  let idx: Uint32Array = new Uint32Array(1 << 22);
  let afterIdx: Uint32Array = new Uint32Array(1 << 20);
  let used = 0;
  let afterUsed = 0;
  const grow = (a: Uint32Array, need: number): Uint32Array => {
    if (need <= a.length) return a;
    const b = new Uint32Array(Math.max(need, a.length * 2));
    b.set(a);
    return b;
  };
  for (let r = 0; r < n; r++) {
    const normalized = normalizeText(rows[r]!.text);
    const f = featuresOf(normalized);
    idx = grow(idx, used + f.idx.length);
    idx.set(f.idx, used);
    used += f.idx.length;
    start[r + 1] = used;
    scale[r] = f.scale;
    lexicon[r] = f.lexicon;
    label[r] = rows[r]!.label;
    if (f.afterContrast) {
      const after = featuresOf(normalized.slice(...f.afterContrast));
      afterIdx = grow(afterIdx, afterUsed + after.idx.length);
      afterIdx.set(after.idx, afterUsed);
      afterUsed += after.idx.length;
      afterScale[r] = after.scale;
    }
    afterStart[r + 1] = afterUsed;
    if (onProgress && (r + 1) % 20_000 === 0) onProgress(r + 1);
  }
  return { size: n, start, idx: idx.slice(0, used), scale, afterStart, afterIdx: afterIdx.slice(0, afterUsed), afterScale, lexicon, label };
}

/** Σ w over row r's whole-text features, times its scale. */
export function dotRow(store: FeatureStore, r: number, w: Float32Array): number {
  let sum = 0;
  for (let k = store.start[r]!; k < store.start[r + 1]!; k++) sum += w[store.idx[k]!]!;
  return sum * store.scale[r]!;
}

/** Σ w over row r's after-contrast features, or null when it has no contrast. */
export function dotAfter(store: FeatureStore, r: number, w: Float32Array): number | null {
  const a = store.afterStart[r]!;
  const b = store.afterStart[r + 1]!;
  if (a === b) return null;
  let sum = 0;
  for (let k = a; k < b; k++) sum += w[store.afterIdx[k]!]!;
  return sum * store.afterScale[r]!;
}
