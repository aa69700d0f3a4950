import { BOARD_DIGITS } from '../../../contracts/dashboards.ts';
import type { MetricName } from '../../../contracts/metrics.ts';

/** The kind of record a metric's n counts: what the line under a figure says (`board.counts.*`). */
export const COUNT_KIND: Record<MetricName, 'answers' | 'visits' | 'interactions' | 'links' | 'comments'> = {
  nps: 'answers',
  csat: 'answers',
  ces: 'answers',
  fcr: 'interactions',
  resolution_time: 'interactions',
  churn_rate: 'interactions',
  conversion_rate: 'interactions',
  response_rate: 'links',
  sentiment: 'comments',
  praise: 'comments',
  audit_score: 'visits',
};

/** What follows the number: percentages (audit_score is 0–100 % of the checklist's maximum) and minutes. */
export function unitOf(metric: MetricName): '%' | 'min' | null {
  if (metric === 'resolution_time') return 'min';
  return ['fcr', 'churn_rate', 'conversion_rate', 'response_rate', 'audit_score'].includes(metric) ? '%' : null;
}

export const formatBoardValue = (metric: MetricName, value: number): string => value.toFixed(BOARD_DIGITS[metric]);

/**
 * Below the first bound a figure is red, below the second amber, else green, by the usual reading of each
 * scale. Metrics whose good level depends on the business (resolution time, churn, conversion, response
 * rate, praise counts) get no colour rather than a misleading one.
 */
const TONE_BOUNDS: Partial<Record<MetricName, [number, number]>> = {
  nps: [0, 30],
  csat: [3.5, 4.2],
  ces: [4.5, 5.5],
  fcr: [60, 80],
  sentiment: [0, 0.3],
  audit_score: [70, 85],
};

export function toneOf(metric: MetricName, value: number | null): 'none' | 'plain' | 'bad' | 'mid' | 'good' {
  if (value === null) return 'none';
  const bounds = TONE_BOUNDS[metric];
  if (!bounds) return 'plain';
  return value < bounds[0] ? 'bad' : value < bounds[1] ? 'mid' : 'good';
}
