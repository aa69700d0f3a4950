import { describe, expect, it } from 'vitest';
import { BAND_COLORS, headlineScores, npsGroup, scoreBand } from './scores.ts';

describe('score bands', () => {
  it('groups NPS as detractor 0–6, passive 7–8, promoter 9–10', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsGroup)).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
    expect([0, 6, 7, 8, 9, 10].map((s) => scoreBand('nps', s))).toEqual(['low', 'low', 'mid', 'mid', 'high', 'high']);
  });

  it('reads CSAT 1–2 as low, 3 as mid, 4–5 as high', () => {
    expect([1, 2, 3, 4, 5].map((s) => scoreBand('csat', s))).toEqual(['low', 'low', 'mid', 'high', 'high']);
  });

  it('reads CES (7 = very easy) 1–3 as low, 4 as mid, 5–7 as high', () => {
    expect([1, 3, 4, 5, 7].map((s) => scoreBand('ces', s))).toEqual(['low', 'low', 'mid', 'high', 'high']);
  });

  it('colours bad red, lukewarm gold and good green', () => {
    expect(BAND_COLORS).toEqual({ low: 'red', mid: 'gold', high: 'green' });
  });

  it('lists the scores a response has, NPS first, skipping missing ones (0 is a score)', () => {
    expect(headlineScores({ nps: 0, csat: null, ces: 6 })).toEqual([
      { kind: 'nps', value: 0 },
      { kind: 'ces', value: 6 },
    ]);
    expect(headlineScores({ nps: null, csat: null, ces: null })).toEqual([]);
  });
});
