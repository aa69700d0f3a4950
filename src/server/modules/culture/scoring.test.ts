import { describe, expect, it } from 'vitest';
import { maturityOf, pearson, summarise, toHundred, visionStateShares } from './scoring.ts';

describe('summarise', () => {
  it('computes index, favourable share and a normal 95 % interval', () => {
    const s = summarise([1, 2, 3, 4, 5])!;
    expect(s.n).toBe(5);
    expect(s.index).toBe(50);
    expect(s.favourable).toBe(40);
    // sd of 0, 25, 50, 75, 100 (n − 1) = 39.528…; half-width = 1.96 × 39.528 / √5 ≈ 34.65
    expect(s.ci95[0]).toBeCloseTo(15.35, 1);
    expect(s.ci95[1]).toBeCloseTo(84.65, 1);
  });

  it('clamps the interval to 0–100', () => {
    const s = summarise([5, 5, 5, 4])!;
    expect(s.index).toBeCloseTo(93.75);
    expect(s.favourable).toBe(100);
    expect(s.ci95[1]).toBe(100);
    const low = summarise([1, 1, 1, 2])!;
    expect(low.ci95[0]).toBe(0);
  });

  it('gives a point interval for one answer and null for none', () => {
    expect(summarise([4])).toEqual({ n: 1, index: 75, favourable: 100, ci95: [75, 75] });
    expect(summarise([])).toBeNull();
    expect(summarise([0, 6, 2.5, Number.NaN])).toBeNull();
  });

  it('ignores values that are not answers 1–5', () => {
    expect(summarise([3, 9, -1, 3])!.n).toBe(2);
  });

  it('maps answers onto 0–100', () => {
    expect([1, 2, 3, 4, 5].map(toHundred)).toEqual([0, 25, 50, 75, 100]);
  });
});

describe('maturityOf', () => {
  it('bands the index, a boundary belonging to the higher stage', () => {
    expect(maturityOf(0)).toBe('investigate');
    expect(maturityOf(19.99)).toBe('investigate');
    expect(maturityOf(20)).toBe('initiate');
    expect(maturityOf(45)).toBe('mobilise');
    expect(maturityOf(60)).toBe('scale');
    expect(maturityOf(80)).toBe('embed');
    expect(maturityOf(100)).toBe('embed');
    expect(maturityOf(140)).toBe('embed');
    expect(maturityOf(-3)).toBe('investigate');
  });
});

describe('pearson', () => {
  it('finds perfect and partial correlation', () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8])!.r).toBeCloseTo(1);
    expect(pearson([1, 2, 3, 4], [8, 6, 4, 2])!.r).toBeCloseTo(-1);
    const r = pearson([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])!;
    expect(r.n).toBe(5);
    expect(r.r).toBeCloseTo(0.8);
  });

  it('is null with fewer than three pairs or no variance', () => {
    expect(pearson([1, 2], [3, 4])).toBeNull();
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNull();
    expect(pearson([0.1, 0.1, 0.1, 0.1], [1, 2, 3, 4])).toBeNull();
    expect(pearson([1, 2, Number.NaN, 4], [1, 2, 3, Number.NaN])).toBeNull();
  });
});

describe('visionStateShares', () => {
  it('gives the percent per state over valid answers', () => {
    expect(visionStateShares(['core_dna', 'core_dna', 'understood', 'outdated', 'nonsense', 3])).toEqual({
      outdated: 25,
      not_understood: 0,
      understood: 25,
      core_dna: 50,
    });
    expect(visionStateShares([])).toBeNull();
  });
});
