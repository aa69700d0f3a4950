/**
 * The statistics of the metrics: values and 95 % intervals from counts and sums,
 * and the significance tests of a change between two periods. Plain functions
 * (normal and Student t distributions included) so they are easy to check by hand.
 */
import type { MetricComparison, MetricName, MetricRow } from '../../../contracts/metrics.ts';

/** What every metric is computed from: n observations, two counts and the sum and sum of squares of a score. */
export interface Partials {
  n: number;
  pos: number;
  neg: number;
  sum: number;
  sq: number;
}

export const emptyPartials = (): Partials => ({ n: 0, pos: 0, neg: 0, sum: 0, sq: 0 });

export type MetricKind = 'nps' | 'mean' | 'proportion' | 'count';
export const KIND: Record<MetricName, MetricKind> = {
  nps: 'nps',
  csat: 'mean',
  ces: 'mean',
  resolution_time: 'mean',
  sentiment: 'mean',
  fcr: 'proportion',
  churn_rate: 'proportion',
  conversion_rate: 'proportion',
  response_rate: 'proportion',
  praise: 'count',
  audit_score: 'mean',
};

const Z95 = 1.959963984540054;
const round = (x: number, digits = 3) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** NPS and its variance in proportion units: (p₊ + p₋ − (p₊ − p₋)²)/n. */
export function npsOf(p: Partials): { nps: number; variance: number } {
  const pp = p.pos / p.n;
  const pm = p.neg / p.n;
  return { nps: 100 * (pp - pm), variance: (pp + pm - (pp - pm) ** 2) / p.n };
}

/** Mean and sample variance of a score from its n, sum and sum of squares. */
export function meanOf(p: Partials): { mean: number; variance: number } {
  const mean = p.sum / p.n;
  const variance = p.n > 1 ? Math.max(0, (p.sq - p.n * mean * mean) / (p.n - 1)) : NaN;
  return { mean, variance };
}

/** A result row: the metric's value, n, its 95 % interval and the extras of its kind. */
export function rowOf(metric: MetricName, key: string, p: Partials): MetricRow {
  const n = p.n;
  const row: MetricRow = { key, value: null, n };
  if (metric === 'praise') return { ...row, value: p.pos };
  if (n === 0) return row;
  switch (KIND[metric]) {
    case 'nps': {
      const { nps, variance } = npsOf(p);
      const moe = Z95 * 100 * Math.sqrt(variance);
      return { ...row, value: round(nps), ci95: [round(clamp(nps - moe, -100, 100)), round(clamp(nps + moe, -100, 100))], promoters: p.pos, passives: n - p.pos - p.neg, detractors: p.neg };
    }
    case 'mean': {
      const { mean, variance } = meanOf(p);
      const out: MetricRow = { ...row, value: round(mean) };
      if (n > 1) {
        const moe = tQuantile975(n - 1) * Math.sqrt(variance / n);
        out.ci95 = [round(mean - moe), round(mean + moe)];
      }
      if (metric === 'csat') out.top2Box = round((100 * p.pos) / n);
      if (metric === 'ces') out.easyPct = round((100 * p.pos) / n);
      return out;
    }
    case 'proportion': {
      const [lo, hi] = wilson(p.pos, n);
      return { ...row, value: round((100 * p.pos) / n), ci95: [round(100 * lo), round(100 * hi)] };
    }
    default:
      return row;
  }
}

/** Wilson score interval of a proportion (sound at small n and near 0 or 1). */
function wilson(hits: number, n: number): [number, number] {
  const p = hits / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [clamp(centre - half, 0, 1), clamp(centre + half, 0, 1)];
}

/** The change between two periods and its two-sided significance, by the test that fits the metric. */
export function compare(metric: MetricName, current: Partials, previous: Partials): Pick<MetricComparison, 'change' | 'test' | 'statistic' | 'pValue' | 'significant'> {
  const kind = KIND[metric];
  const test = ({ nps: 'nps_z', mean: 'welch_t', proportion: 'two_proportion_z', count: 'poisson_z' } as const)[kind];
  const cur = rowOf(metric, 'current', current).value;
  const prev = rowOf(metric, 'previous', previous).value;
  const change = cur !== null && prev !== null ? round(cur - prev) : null;
  let statistic: number | null = null;
  let pValue: number | null = null;
  if (kind === 'count') {
    if (current.pos + previous.pos > 0) {
      statistic = (current.pos - previous.pos) / Math.sqrt(current.pos + previous.pos);
      pValue = 2 * (1 - normalCdf(Math.abs(statistic)));
    }
  } else if (current.n > 0 && previous.n > 0) {
    if (kind === 'nps') {
      const a = npsOf(current);
      const b = npsOf(previous);
      const se = Math.sqrt(a.variance + b.variance);
      if (se > 0) statistic = (a.nps - b.nps) / 100 / se;
      pValue = statistic === null ? (a.nps === b.nps ? 1 : 0) : 2 * (1 - normalCdf(Math.abs(statistic)));
    } else if (kind === 'proportion') {
      const pooled = (current.pos + previous.pos) / (current.n + previous.n);
      const se = Math.sqrt(pooled * (1 - pooled) * (1 / current.n + 1 / previous.n));
      const diff = current.pos / current.n - previous.pos / previous.n;
      if (se > 0) statistic = diff / se;
      pValue = statistic === null ? (diff === 0 ? 1 : 0) : 2 * (1 - normalCdf(Math.abs(statistic)));
    } else if (current.n > 1 && previous.n > 1) {
      const a = meanOf(current);
      const b = meanOf(previous);
      const va = a.variance / current.n;
      const vb = b.variance / previous.n;
      const se = Math.sqrt(va + vb);
      if (se > 0) {
        statistic = (a.mean - b.mean) / se;
        const df = (va + vb) ** 2 / (va ** 2 / (current.n - 1) + vb ** 2 / (previous.n - 1));
        pValue = tTwoSided(Math.abs(statistic), df);
      } else pValue = a.mean === b.mean ? 1 : 0;
    }
  }
  return {
    change,
    test,
    statistic: statistic === null ? null : round(statistic, 4),
    pValue: pValue === null ? null : round(clamp(pValue, 0, 1), 6),
    significant: pValue !== null && pValue < 0.05,
  };
}

/** Standard normal CDF (Abramowitz and Stegun 7.1.26 on erf, error below 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

/** P(|T| ≥ t) for Student's t with df degrees of freedom: the regularised incomplete beta I_{df/(df+t²)}(df/2, 1/2). */
export function tTwoSided(t: number, df: number): number {
  if (!Number.isFinite(df) || df > 1e7) return 2 * (1 - normalCdf(t));
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

const quantiles = new Map<number, number>();
/** The 97.5 % quantile of Student's t (the 95 % two-sided critical value), by bisection. */
export function tQuantile975(df: number): number {
  if (df > 5000) return Z95;
  let q = quantiles.get(df);
  if (q === undefined) {
    let lo = 0;
    let hi = 1000;
    for (let i = 0; i < 100; i++) {
      const mid = (lo + hi) / 2;
      if (tTwoSided(mid, df) > 0.05) lo = mid;
      else hi = mid;
    }
    quantiles.set(df, (q = (lo + hi) / 2));
  }
  return q;
}

/** Regularised incomplete beta I_x(a, b) by its continued fraction (Numerical Recipes 6.4). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(x, a, b)) / a : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    for (const aa of [(m * (b - m) * x) / ((a + m2 - 1) * (a + m2)), (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))]) {
      d = 1 + aa * d;
      if (Math.abs(d) < tiny) d = tiny;
      c = 1 + aa / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-12) break;
  }
  return h;
}

/** ln Γ(x), Lanczos approximation (g = 7, n = 9). */
function logGamma(x: number): number {
  const g = [0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.61503916999186, 12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const xx = x - 1;
  let a = g[0]!;
  const t = xx + 7.5;
  for (let i = 1; i < 9; i++) a += g[i]! / (xx + i);
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}
