/**
 * Scores of the culture assessment (CULTURE.md §2). Pure.
 * Likert answers run 1–5. An answer x is worth (x − 1) / 4 × 100 on a 0–100
 * scale; the index is the mean of those values, "favourable" the percent of
 * answers of 4 or 5, and the 95 % interval the normal approximation of the mean
 * of the 0–100 values, clamped to [0, 100]. Figures are not rounded here.
 */
import { FAVOURABLE_FROM, LIKERT_MAX, LIKERT_MIN, MATURITY_BANDS, VISION_STATES, type Maturity, type VisionState } from './vocabulary.ts';

export type { Maturity } from './vocabulary.ts';

export interface ScoreSummary { n: number; index: number; favourable: number; ci95: [number, number] }

const Z95 = 1.959964;

/** A likert answer on the 0–100 scale. */
export const toHundred = (x: number): number => ((x - LIKERT_MIN) / (LIKERT_MAX - LIKERT_MIN)) * 100;

const isLikert = (x: number) => Number.isInteger(x) && x >= LIKERT_MIN && x <= LIKERT_MAX;
const clamp = (x: number) => Math.min(100, Math.max(0, x));

/**
 * Index, favourable share and 95 % interval of likert answers. Values that are
 * not whole numbers 1–5 are ignored; null when no valid answer remains. With a
 * single answer the interval is the point itself.
 */
export function summarise(values: readonly number[]): ScoreSummary | null {
  const xs = values.filter(isLikert);
  const n = xs.length;
  if (n === 0) return null;
  const hundreds = xs.map(toHundred);
  const index = hundreds.reduce((a, b) => a + b, 0) / n;
  const favourable = (100 * xs.filter((x) => x >= FAVOURABLE_FROM).length) / n;
  const variance = n > 1 ? hundreds.reduce((sum, v) => sum + (v - index) ** 2, 0) / (n - 1) : 0;
  const half = Z95 * Math.sqrt(variance / n);
  return { n, index, favourable, ci95: [clamp(index - half), clamp(index + half)] };
}

/** The maturity stage of an index: 0–20 investigate … 80–100 embed (a boundary belongs to the higher stage). */
export function maturityOf(index: number): Maturity {
  const x = Number.isFinite(index) ? clamp(index) : 0;
  for (let i = MATURITY_BANDS.length - 1; i >= 0; i--) if (x >= MATURITY_BANDS[i]!.from) return MATURITY_BANDS[i]!.maturity;
  return MATURITY_BANDS[0]!.maturity;
}

/**
 * Pearson's r over the pairs (xs[i], ys[i]) where both are finite numbers.
 * Null when fewer than 3 pairs remain or either side has no variance.
 */
export function pearson(xs: readonly number[], ys: readonly number[]): { r: number; n: number } | null {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const [x, y] = [xs[i]!, ys[i]!];
    if (Number.isFinite(x) && Number.isFinite(y)) pairs.push([x, y]);
  }
  const n = pairs.length;
  if (n < 3) return null;
  const mx = pairs.reduce((s, [x]) => s + x, 0) / n;
  const my = pairs.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  const flat = (ss: number, m: number) => ss <= 1e-12 * n * Math.max(1, m * m); // zero up to rounding
  if (flat(sxx, mx) || flat(syy, my)) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  return { r: Math.max(-1, Math.min(1, r)), n };
}

/** Percent choosing each vision state among the valid answers; null when there are none. */
export function visionStateShares(answers: readonly unknown[]): Record<VisionState, number> | null {
  const counts = new Map<VisionState, number>(VISION_STATES.map((s) => [s, 0]));
  let total = 0;
  for (const a of answers) {
    if (typeof a !== 'string' || !counts.has(a as VisionState)) continue;
    counts.set(a as VisionState, counts.get(a as VisionState)! + 1);
    total++;
  }
  if (total === 0) return null;
  return Object.fromEntries(VISION_STATES.map((s) => [s, (100 * counts.get(s)!) / total])) as Record<VisionState, number>;
}
