import { describe, expect, it } from 'vitest';
import { attainmentOf, expectedProgress, goalStatusOf, isMet, scoreOf } from './scorecard.math.ts';

describe('KPI attainment', () => {
  it('runs from baseline to target, in either direction, capped to 0..1', () => {
    expect(attainmentOf(40, { direction: 'higher', target: 50, baseline: 0 })).toBe(0.8);
    expect(attainmentOf(-10, { direction: 'higher', target: 50, baseline: 10 })).toBe(0);
    expect(attainmentOf(70, { direction: 'higher', target: 50, baseline: 10 })).toBe(1);
    // resolution time from 120 down to 60 minutes: at 90 it is half way
    expect(attainmentOf(90, { direction: 'lower', target: 60, baseline: 120 })).toBe(0.5);
  });

  it('without a baseline is value/target, or target/value when lower is better', () => {
    expect(attainmentOf(45, { direction: 'higher', target: 90, baseline: null })).toBe(0.5);
    expect(attainmentOf(4.2, { direction: 'higher', target: 4, baseline: null })).toBe(1);
    expect(attainmentOf(45, { direction: 'lower', target: 30, baseline: null })).toBe(0.6667);
    expect(attainmentOf(20, { direction: 'lower', target: 30, baseline: null })).toBe(1);
    expect(attainmentOf(null, { direction: 'higher', target: 1, baseline: null })).toBeNull();
  });

  it('says whether the target is met', () => {
    expect(isMet(50, { direction: 'higher', target: 50, baseline: null })).toBe(true);
    expect(isMet(31, { direction: 'lower', target: 30, baseline: null })).toBe(false);
    expect(isMet(null, { direction: 'lower', target: 30, baseline: null })).toBeNull();
  });
});

describe('weighted score', () => {
  it('is Σ weight × attainment / Σ weight over the measured KPIs', () => {
    // 50 × 0.8 + 20 × 0.5 + 30 × 1 = 80 of 100
    expect(scoreOf([{ weight: 50, attainment: 0.8 }, { weight: 20, attainment: 0.5 }, { weight: 30, attainment: 1 }])).toEqual({
      score: 80,
      weightCovered: 100,
      weightTotal: 100,
      contributions: [40, 10, 30],
    });
  });

  it('leaves KPIs without a value out of both sums', () => {
    // (40 × 0.5 + 20 × 1) / 60 = 66.67
    const r = scoreOf([{ weight: 40, attainment: 0.5 }, { weight: 20, attainment: 1 }, { weight: 40, attainment: null }]);
    expect(r).toMatchObject({ score: 66.67, weightCovered: 60, weightTotal: 100, contributions: [33.33, 33.33, null] });
    expect(scoreOf([]).score).toBeNull();
  });
});

describe('goal progress', () => {
  it('compares progress with the time gone', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const end = new Date('2029-01-01T00:00:00Z');
    expect(expectedProgress(start, end, new Date('2027-07-02T12:00:00Z'))).toBeCloseTo(50, 0);
    expect(expectedProgress(start, end, new Date('2025-01-01T00:00:00Z'))).toBe(0);
    expect(goalStatusOf(45, 50, false)).toBe('on_track');
    expect(goalStatusOf(30, 50, false)).toBe('at_risk');
    expect(goalStatusOf(20, 50, false)).toBe('off_track');
    expect(goalStatusOf(100, 50, false)).toBe('achieved');
    expect(goalStatusOf(80, 100, true)).toBe('overdue');
    expect(goalStatusOf(null, 5, false)).toBe('on_track');
  });
});
