/**
 * "Visionary" units (CULTURE.md §5). Pure.
 *
 * Callers pass ONLY units the disclosure plan shows (at least minGroupSize
 * respondents); nothing here checks group sizes, and a unit below the
 * threshold must never reach either method.
 */
import { seededRandom } from '../../platform/seeded-random.ts';
import { PILLARS, type Pillar } from './vocabulary.ts';

export interface UnitProfile {
  unitId: string;
  /** Pillar index 0–100 (a missing pillar may be NaN). */
  pillars: Record<Pillar, number>;
  /** Item index 0–100 per likert item key. */
  items: Record<string, number>;
  /** Share 0–1 of the unit's respondents choosing `core_dna` for `vision_state`. */
  coreDnaShare: number;
  /** Percent favourable (0–100) of `ideal_cx_in_vision`. */
  idealCx: number;
  /** Percent favourable (0–100) of `vision_team`. */
  visionTeam: number;
  /** Respondents. */
  n: number;
}

export type Segment = 'visionary' | 'other';

export interface KmeansResult {
  k: number;
  silhouette: number;
  units: Array<{ unitId: string; segment: Segment; cluster: number }>;
  discriminatingItems: Array<{ item: string; effect: number }>;
}

/**
 * The report's three defining traits, judged on the unit's (shown) respondents:
 * a majority chose "core of our DNA", and the ideal-CX and vision-team items
 * are each at least 50 % favourable.
 */
export function ruleSegments(units: readonly UnitProfile[]): Array<{ unitId: string; segment: Segment }> {
  return units.map((u) => ({
    unitId: u.unitId,
    segment: u.coreDnaShare > 0.5 && u.idealCx >= 50 && u.visionTeam >= 50 ? 'visionary' : 'other',
  }));
}

export const MIN_UNITS_FOR_KMEANS = 8;
const MAX_ITEMS = 8;
const RESTARTS = 10;

/**
 * k-means on the units' standardised pillar indexes, k = 2..4 chosen by the
 * mean silhouette (ties to the smaller k), seeded k-means++ with a few
 * restarts so the same input and seed give the same answer. The cluster whose
 * units have the highest mean pillar index is "visionary" (cluster 0; the
 * others are numbered by falling mean index). Discriminating items: |Cohen's d|
 * of each item between the visionary cluster and the rest, the largest 8.
 * Null with fewer than 8 units or when no pillar varies between units.
 */
export function kmeansSegments(units: readonly UnitProfile[], seed = 1): KmeansResult | null {
  if (units.length < MIN_UNITS_FOR_KMEANS) return null;
  const sorted = [...units].sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  const points = standardise(sorted.map((u) => PILLARS.map((p) => u.pillars[p])));
  if (!points) return null;
  let best: { k: number; silhouette: number; labels: number[] } | null = null;
  for (let k = 2; k <= Math.min(4, sorted.length - 1); k++) {
    const labels = kmeans(points, k, seed * 7919 + k);
    const s = silhouette(points, labels, k);
    if (!best || s > best.silhouette + 1e-12) best = { k, silhouette: s, labels };
  }
  const { k, silhouette: sil, labels } = best!;
  const meanIndex = (u: UnitProfile) => mean(PILLARS.map((p) => u.pillars[p]).filter(Number.isFinite));
  const clusterMean = Array.from({ length: k }, (_, c) => {
    const members = sorted.filter((_, i) => labels[i] === c);
    return members.length ? mean(members.map(meanIndex)) : -Infinity;
  });
  const order = clusterMean.map((m, c) => [m, c] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, c]) => c);
  const rank = new Map(order.map((c, r) => [c, r]));
  const clusterOf = new Map(sorted.map((u, i) => [u.unitId, rank.get(labels[i]!)!]));
  const visionary = sorted.filter((u) => clusterOf.get(u.unitId) === 0);
  const rest = sorted.filter((u) => clusterOf.get(u.unitId) !== 0);
  return {
    k,
    silhouette: sil,
    units: units.map((u) => {
      const cluster = clusterOf.get(u.unitId)!;
      return { unitId: u.unitId, segment: cluster === 0 ? 'visionary' : 'other', cluster };
    }),
    discriminatingItems: discriminating(visionary, rest),
  };
}

/** Items ranked by |Cohen's d| between two groups of units (pooled sd; items with no spread are left out). */
export function discriminating(a: readonly UnitProfile[], b: readonly UnitProfile[]): Array<{ item: string; effect: number }> {
  const keys = [...new Set([...a, ...b].flatMap((u) => Object.keys(u.items)))].sort();
  const out: Array<{ item: string; effect: number }> = [];
  for (const item of keys) {
    const xs = a.map((u) => u.items[item]).filter((x): x is number => Number.isFinite(x));
    const ys = b.map((u) => u.items[item]).filter((x): x is number => Number.isFinite(x));
    const d = cohensD(xs, ys);
    if (d !== null) out.push({ item, effect: d });
  }
  return out.sort((x, y) => Math.abs(y.effect) - Math.abs(x.effect) || (x.item < y.item ? -1 : 1)).slice(0, MAX_ITEMS);
}

export function cohensD(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length < 1 || ys.length < 1 || xs.length + ys.length < 3) return null;
  const [mx, my] = [mean(xs), mean(ys)];
  const ss = xs.reduce((s, x) => s + (x - mx) ** 2, 0) + ys.reduce((s, y) => s + (y - my) ** 2, 0);
  const sd = Math.sqrt(ss / (xs.length + ys.length - 2));
  return sd > 1e-9 ? (mx - my) / sd : null;
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const dist2 = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + (x - b[i]!) ** 2, 0);

/** z-scores per column (population sd); missing values become 0 (the mean). Null when no column varies. */
function standardise(rows: number[][]): number[][] | null {
  const cols = rows[0]!.length;
  const out = rows.map(() => new Array<number>(cols).fill(0));
  let varies = false;
  for (let j = 0; j < cols; j++) {
    const xs = rows.map((r) => r[j]!).filter(Number.isFinite);
    const m = mean(xs);
    const sd = Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
    if (!(sd > 1e-9)) continue;
    varies = true;
    rows.forEach((r, i) => (out[i]![j] = Number.isFinite(r[j]!) ? (r[j]! - m) / sd : 0));
  }
  return varies ? out : null;
}

/** Lloyd's k-means from k-means++ starts; the restart with the least within-cluster spread wins. */
function kmeans(points: number[][], k: number, seed: number): number[] {
  const rnd = seededRandom(seed);
  let best: { labels: number[]; cost: number } | null = null;
  for (let restart = 0; restart < RESTARTS; restart++) {
    const centres = [points[Math.floor(rnd() * points.length)]!];
    while (centres.length < k) {
      const d = points.map((p) => Math.min(...centres.map((c) => dist2(p, c))));
      const total = d.reduce((a, b) => a + b, 0);
      let pick = rnd() * total;
      let i = 0;
      while (i < d.length - 1 && (pick -= d[i]!) >= 0) i++;
      centres.push(points[total > 0 ? i : centres.length % points.length]!);
    }
    let labels = points.map(() => -1);
    for (let iter = 0; iter < 100; iter++) {
      const next = points.map((p) => nearest(p, centres));
      if (next.every((l, i) => l === labels[i])) break;
      labels = next;
      for (let c = 0; c < k; c++) {
        let members = points.filter((_, i) => labels[i] === c);
        if (!members.length) {
          // An emptied cluster takes the point farthest from its centre (from a cluster that can spare it).
          const sizes = labels.map((l) => labels.filter((x) => x === l).length);
          const far = points.reduce((f, p, i) => (sizes[i]! > 1 && (f < 0 || dist2(p, centres[labels[i]!]!) > dist2(points[f]!, centres[labels[f]!]!)) ? i : f), -1);
          if (far < 0) continue;
          labels[far] = c;
          members = [points[far]!];
        }
        centres[c] = members[0]!.map((_, j) => mean(members.map((m) => m[j]!)));
      }
    }
    const cost = points.reduce((s, p, i) => s + dist2(p, centres[labels[i]!]!), 0);
    if (!best || cost < best.cost - 1e-12) best = { labels, cost };
  }
  return best!.labels;
}

function nearest(p: readonly number[], centres: readonly number[][]): number {
  let best = 0;
  for (let c = 1; c < centres.length; c++) if (dist2(p, centres[c]!) < dist2(p, centres[best]!)) best = c;
  return best;
}

/** Mean silhouette (Euclidean); a point alone in its cluster scores 0. */
export function silhouette(points: readonly number[][], labels: readonly number[], k: number): number {
  const scores = points.map((p, i) => {
    const byCluster = Array.from({ length: k }, () => ({ sum: 0, n: 0 }));
    points.forEach((q, j) => {
      if (j === i) return;
      byCluster[labels[j]!]!.sum += Math.sqrt(dist2(p, q));
      byCluster[labels[j]!]!.n++;
    });
    const own = byCluster[labels[i]!]!;
    if (own.n === 0) return 0;
    const a = own.sum / own.n;
    const b = Math.min(...byCluster.filter((c, id) => id !== labels[i] && c.n > 0).map((c) => c.sum / c.n));
    if (!Number.isFinite(b)) return 0;
    return Math.max(a, b) > 0 ? (b - a) / Math.max(a, b) : 0;
  });
  return mean(scores);
}
