import type { MeasureStatus } from './journeys.api.ts';

/** Card and badge colours per status: green met, amber near, red missed, grey when too few answers. */
export const STATUS_COLOUR: Record<MeasureStatus, string> = {
  met: '#389e0d',
  near: '#d48806',
  missed: '#cf1322',
  insufficient: '#8c8c8c',
  untargeted: '#595959',
};

export type MeasureKey = 'nps' | 'sentiment' | 'praise' | 'ces' | 'resolution_time' | 'repeat_contact_rate';

/** Digits each measure shows. */
const DIGITS: Record<MeasureKey, number> = { nps: 0, sentiment: 2, praise: 0, ces: 1, resolution_time: 0, repeat_contact_rate: 1 };
/** Whether a higher value is better (for the target's ≥ or ≤). */
export const HIGHER_IS_BETTER: Record<MeasureKey, boolean> = { nps: true, sentiment: true, praise: true, ces: true, resolution_time: false, repeat_contact_rate: false };

/** A measure's value as shown: fixed digits, % for rates, a sign for NPS and sentiment. */
export function formatMeasure(key: MeasureKey, value: number): string {
  const text = value.toFixed(DIGITS[key]);
  if (key === 'repeat_contact_rate') return `${text} %`;
  if ((key === 'nps' || key === 'sentiment') && value > 0) return `+${text}`;
  return text;
}
