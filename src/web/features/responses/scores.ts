import type { NpsBand } from '../../../contracts/responses.ts';

export type ScoreKind = 'nps' | 'csat' | 'ces';
/** How a score reads: bad, so-so or good. */
export type ScoreBand = 'low' | 'mid' | 'high';

/** The tag colour of each band: red for unhappy, gold for lukewarm, green for happy. */
export const BAND_COLORS: Record<ScoreBand, string> = { low: 'red', mid: 'gold', high: 'green' };

/** The standard scales' ranges (as in the survey contract). */
export const SCORE_RANGES: Record<ScoreKind, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
};

/** NPS groups: detractor 0–6, passive 7–8, promoter 9–10. */
export function npsGroup(score: number): NpsBand {
  if (score >= 9) return 'promoter';
  return score >= 7 ? 'passive' : 'detractor';
}

/**
 * Whether a score is bad, so-so or good. NPS by its groups; CSAT 1–2 / 3 / 4–5;
 * CES (1 very hard … 7 very easy) 1–3 / 4 / 5–7, matching "% easy" as 5 and above.
 */
export function scoreBand(kind: ScoreKind, score: number): ScoreBand {
  switch (kind) {
    case 'nps':
      return { detractor: 'low', passive: 'mid', promoter: 'high' }[npsGroup(score)] as ScoreBand;
    case 'csat':
      return score <= 2 ? 'low' : score === 3 ? 'mid' : 'high';
    case 'ces':
      return score <= 3 ? 'low' : score === 4 ? 'mid' : 'high';
  }
}

/** The standard scores a response carries, in the order NPS, CSAT, CES. */
export function headlineScores(r: { nps: number | null; csat: number | null; ces: number | null }): { kind: ScoreKind; value: number }[] {
  return (['nps', 'csat', 'ces'] as const).flatMap((kind) => (r[kind] === null ? [] : [{ kind, value: r[kind] }]));
}
