/**
 * The arithmetic of KPI attainment and weighted scorecards, kept pure so the
 * numbers an appraisal rests on are tested on hand-checked cases.
 */

export interface Target {
  direction: 'higher' | 'lower';
  target: number;
  baseline: number | null;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * How far a value has come towards its target, 0..1. With a baseline the
 * scale runs from baseline (0) to target (1), which is the only sound reading
 * for a metric that can be negative such as NPS; without one, value/target
 * (higher is better) or target/value (lower is better).
 */
export function attainmentOf(value: number | null, t: Target): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (t.baseline !== null && t.baseline !== t.target) {
    const span = t.target - t.baseline;
    // Works for both directions: a lower-is-better target sits below its baseline, so span < 0.
    return round(clamp01((value - t.baseline) / span));
  }
  if (t.direction === 'higher') {
    if (t.target <= 0) return value >= t.target ? 1 : 0;
    return round(clamp01(value / t.target));
  }
  if (value <= 0 || value <= t.target) return 1;
  return round(clamp01(t.target / value));
}

/** Whether the value meets the target in its direction. */
export function isMet(value: number | null, t: Target): boolean | null {
  if (value === null) return null;
  return t.direction === 'higher' ? value >= t.target : value <= t.target;
}

export interface WeightedItem {
  weight: number;
  attainment: number | null;
}

/**
 * Σ weight × attainment / Σ weight × 100 over the items that have a value;
 * items without one are left out of both sums (and reported as coverage), so
 * a KPI nobody measured yet neither helps nor sinks a team.
 */
export function scoreOf(items: readonly WeightedItem[]): { score: number | null; weightCovered: number; weightTotal: number; contributions: (number | null)[] } {
  const weightTotal = items.reduce((s, i) => s + i.weight, 0);
  const covered = items.filter((i) => i.attainment !== null);
  const weightCovered = covered.reduce((s, i) => s + i.weight, 0);
  const contributions = items.map((i) => (i.attainment === null || weightCovered === 0 ? null : round((i.weight * i.attainment * 100) / weightCovered, 2)));
  const score = weightCovered === 0 ? null : round(covered.reduce((s, i) => s + i.weight * i.attainment!, 0) * 100 / weightCovered, 2);
  return { score, weightCovered, weightTotal, contributions };
}

/** The share (0–100) of the time from start to deadline that has passed at `now`. */
export function expectedProgress(start: Date, deadline: Date, now: Date): number {
  const span = deadline.getTime() - start.getTime();
  if (span <= 0) return 100;
  return round(clamp01((now.getTime() - start.getTime()) / span) * 100, 1);
}

export type GoalStatus = 'on_track' | 'at_risk' | 'off_track' | 'achieved' | 'overdue';

/** Achieved at 100 %; past the deadline short of it, overdue; else compared with the time gone: within 10 points on track, within 25 at risk. */
export function goalStatusOf(progress: number | null, expected: number, isPastDeadline: boolean): GoalStatus {
  const p = progress ?? 0;
  if (p >= 100) return 'achieved';
  if (isPastDeadline) return 'overdue';
  if (p >= expected - 10) return 'on_track';
  if (p >= expected - 25) return 'at_risk';
  return 'off_track';
}
