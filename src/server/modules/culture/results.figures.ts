/**
 * Figures of one group from its answer counts: item and pillar scores, the
 * vision-state distribution and maturity. Callers ask only for groups the
 * disclosure plan shows. Scores come from counts of each value 1–5, computed
 * exactly as the scoring engine's `summarise` does over the same answers (a
 * test holds the two together), without rebuilding every answer in memory.
 */
import { maturityOf, toHundred, type ScoreSummary } from './scoring.ts';
import type { Agg, ItemIndex } from './results.view.ts';
import type { TemplateSection } from './results.query.ts';
import { FAVOURABLE_FROM, LIKERT_MAX, LIKERT_MIN, PILLARS, VISION_STATE_ITEM, VISION_STATES, type Maturity, type Pillar, type VisionState } from './vocabulary.ts';

const Z95 = 1.959964;
const LIKERT_SCALE = Array.from({ length: LIKERT_MAX - LIKERT_MIN + 1 }, (_, i) => LIKERT_MIN + i);
const clamp = (x: number) => Math.min(100, Math.max(0, x));

/**
 * Index, favourable share and 95 % interval from counts per likert value
 * (counts[0] answers of 1 … counts[4] answers of 5): the engine's `summarise`
 * of the same answers. Null when there are none.
 */
export function summariseCounts(counts: ArrayLike<number>): ScoreSummary | null {
  let n = 0;
  let sum = 0;
  let favourable = 0;
  LIKERT_SCALE.forEach((x, i) => {
    const c = counts[i] ?? 0;
    n += c;
    sum += c * toHundred(x);
    if (x >= FAVOURABLE_FROM) favourable += c;
  });
  if (n === 0) return null;
  const index = sum / n;
  let squares = 0;
  LIKERT_SCALE.forEach((x, i) => (squares += (counts[i] ?? 0) * (toHundred(x) - index) ** 2));
  const half = Z95 * Math.sqrt((n > 1 ? squares / (n - 1) : 0) / n);
  return { n, index, favourable: (100 * favourable) / n, ci95: [clamp(index - half), clamp(index + half)] };
}

/** The counts of one item's values in the group (zeros when the template has no such item). */
export function countsOf(agg: Agg, items: ItemIndex, item: string): Float64Array {
  const at = items.offsets.get(item);
  return at ? agg.counts.subarray(at.offset, at.offset + at.values.length) : new Float64Array(LIKERT_SCALE.length);
}

export interface PillarScore {
  index: number;
  favourable: number;
  ci95: [number, number];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Figures leave the API with one decimal; maturity and correlations use the unrounded ones. */
export const rounded = (s: ScoreSummary): ScoreSummary => ({ n: s.n, index: round1(s.index), favourable: round1(s.favourable), ci95: [round1(s.ci95[0]), round1(s.ci95[1])] });

export const itemSummary = (agg: Agg, items: ItemIndex, item: string): ScoreSummary | null => summariseCounts(countsOf(agg, items, item));

/** Every likert item's summary, leaving out items fewer than `minN` answered (a skipped item must not narrow a group). */
export function itemSummaries(agg: Agg, items: ItemIndex, minN: number): Record<string, ScoreSummary> {
  const out: Record<string, ScoreSummary> = {};
  for (const key of items.likert) {
    const s = itemSummary(agg, items, key);
    if (s && s.n >= minN) out[key] = rounded(s);
  }
  return out;
}

/** Each pillar's score over the answers to all its items, pooled. */
export function pillarSummaries(agg: Agg, items: ItemIndex): Partial<Record<Pillar, ScoreSummary>> {
  const out: Partial<Record<Pillar, ScoreSummary>> = {};
  for (const pillar of PILLARS) {
    const keys = items.pillarItems.get(pillar);
    if (!keys) continue;
    const pooled = new Float64Array(LIKERT_SCALE.length);
    for (const key of keys) countsOf(agg, items, key).forEach((c, i) => (pooled[i]! += c));
    const s = summariseCounts(pooled);
    if (s) out[pillar] = s;
  }
  return out;
}

export const pillarScores = (summaries: Partial<Record<Pillar, ScoreSummary>>): Partial<Record<Pillar, PillarScore>> =>
  Object.fromEntries(
    Object.entries(summaries).map(([p, s]) => {
      const r = rounded(s);
      return [p, { index: r.index, favourable: r.favourable, ci95: r.ci95 }];
    }),
  );

/** Percent of the group choosing each vision state (absent when nobody answered the item). */
export function visionStateOf(agg: Agg, items: ItemIndex): Partial<Record<VisionState, number>> | undefined {
  const h = stateCounts(agg, items);
  const total = VISION_STATES.reduce((sum, s) => sum + h[s], 0);
  if (total === 0) return undefined;
  return Object.fromEntries(VISION_STATES.map((s) => [s, round1((100 * h[s]) / total)]));
}

function stateCounts(agg: Agg, items: ItemIndex): Record<VisionState, number> {
  const at = items.offsets.get(VISION_STATE_ITEM);
  const count = (state: VisionState) => {
    const i = at?.values.indexOf(state) ?? -1;
    return i < 0 ? 0 : agg.counts[at!.offset + i]!;
  };
  return Object.fromEntries(VISION_STATES.map((s) => [s, count(s)])) as Record<VisionState, number>;
}

/** Share (0–1) of the group choosing "core of our DNA" among those who answered the vision-state item. */
export function coreDnaShare(agg: Agg, items: ItemIndex): number | null {
  const h = stateCounts(agg, items);
  const total = VISION_STATES.reduce((sum, s) => sum + h[s], 0);
  return total === 0 ? null : h.core_dna / total;
}

/** The overall index: the mean of the pillar indexes present. */
export function overallIndex(summaries: Partial<Record<Pillar, ScoreSummary>>): number | null {
  const xs = Object.values(summaries).map((s) => s.index);
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

export function maturities(summaries: Partial<Record<Pillar, ScoreSummary>>): { overall: Maturity | null; pillars: Partial<Record<Pillar, Maturity>> } {
  const overall = overallIndex(summaries);
  return {
    overall: overall === null ? null : maturityOf(overall),
    pillars: Object.fromEntries(Object.entries(summaries).map(([p, s]) => [p, maturityOf(s.index)])),
  };
}

/** The likert items of one template section, in template order, with their index and favourable share. */
export function sectionScores(
  agg: Agg,
  items: ItemIndex,
  sections: readonly TemplateSection[],
  sectionKey: string,
  minN: number,
): Array<{ key: string; index: number; favourable: number; n: number }> {
  const section = sections.find((s) => s.key === sectionKey);
  const out: Array<{ key: string; index: number; favourable: number; n: number }> = [];
  for (const item of section?.items ?? []) {
    if (item.type !== 'likert') continue;
    const s = itemSummary(agg, items, item.key);
    if (s && s.n >= minN) out.push({ key: item.key, index: round1(s.index), favourable: round1(s.favourable), n: s.n });
  }
  return out;
}
