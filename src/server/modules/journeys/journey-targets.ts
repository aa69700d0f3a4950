/**
 * A measure against its target: met, near (within a tolerance that says "close,
 * watch it": amber on the map) or missed; insufficient when fewer than
 * JOURNEY_MIN_N observations stand behind it, and then its value is withheld.
 */
import { JOURNEY_MIN_N, type JourneyTargets, type Measure, type MeasureStatus } from '../../../contracts/journeys.ts';

export type MeasureName = 'nps' | 'sentiment' | 'praise' | 'ces' | 'resolution_time' | 'repeat_contact_rate';

interface Rule {
  direction: 'atLeast' | 'atMost';
  target: (t: JourneyTargets) => number;
  /** How far on the wrong side of the target still counts as near. */
  tolerance: (target: number) => number;
}

const RULES: Partial<Record<MeasureName, Rule>> = {
  nps: { direction: 'atLeast', target: (t) => t.moment.nps, tolerance: () => 10 },
  sentiment: { direction: 'atLeast', target: (t) => t.moment.sentiment, tolerance: () => 0.1 },
  ces: { direction: 'atLeast', target: (t) => t.routine.ces, tolerance: () => 0.5 },
  resolution_time: { direction: 'atMost', target: (t) => t.routine.resolutionMinutes, tolerance: (x) => Math.max(5, x * 0.25) },
  repeat_contact_rate: { direction: 'atMost', target: (t) => t.routine.repeatContactRate, tolerance: () => 5 },
};

/** The measure as the API shows it: value withheld under the threshold, its target and status (null name: no target). */
export function judge(name: MeasureName | null, raw: { value: number | null; n: number }, targets: JourneyTargets): Measure {
  const rule = name ? RULES[name] : undefined;
  const target = rule ? rule.target(targets) : null;
  if (raw.n < JOURNEY_MIN_N || raw.value === null) return { value: null, n: raw.n, target, status: 'insufficient' };
  return { value: raw.value, n: raw.n, target, status: rule ? statusOf(rule, raw.value, target!) : 'untargeted' };
}

function statusOf(rule: Rule, value: number, target: number): MeasureStatus {
  const shortfall = rule.direction === 'atLeast' ? target - value : value - target;
  if (shortfall <= 0) return 'met';
  return shortfall <= rule.tolerance(target) ? 'near' : 'missed';
}

const SEVERITY: Partial<Record<MeasureStatus, number>> = { met: 0, near: 1, missed: 2 };

/**
 * A touchpoint card's colour: grey while its headline measure (NPS for a
 * moment, CES for a routine touchpoint) has too few answers, else the worst of
 * its targeted measures, so a green card never hides a missed target.
 */
export function cardStatus(headline: Measure, measures: Measure[]): MeasureStatus {
  if (headline.status === 'insufficient') return 'insufficient';
  return measures.reduce<MeasureStatus>((worst, m) => ((SEVERITY[m.status] ?? -1) > (SEVERITY[worst] ?? -1) ? m.status : worst), headline.status);
}
