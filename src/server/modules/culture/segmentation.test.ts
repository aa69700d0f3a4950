import { describe, expect, it } from 'vitest';
import { cohensD, kmeansSegments, ruleSegments, silhouette, type UnitProfile } from './segmentation.ts';
import { PILLARS, type Pillar } from './vocabulary.ts';

function profile(unitId: string, level: number, extra: Partial<UnitProfile> = {}, items: Record<string, number> = {}): UnitProfile {
  const pillars = Object.fromEntries(PILLARS.map((p, i) => [p, level + ((i * 7 + unitId.length * 3) % 5)])) as Record<Pillar, number>;
  return { unitId, pillars, items, coreDnaShare: 0.2, idealCx: 40, visionTeam: 30, n: 12, ...extra };
}

describe('ruleSegments', () => {
  it('needs all three traits', () => {
    const units = [
      profile('a', 50, { coreDnaShare: 0.6, idealCx: 50, visionTeam: 75 }),
      profile('b', 50, { coreDnaShare: 0.5, idealCx: 90, visionTeam: 90 }), // half is no majority
      profile('c', 50, { coreDnaShare: 0.9, idealCx: 49, visionTeam: 90 }),
      profile('d', 50, { coreDnaShare: 0.9, idealCx: 90, visionTeam: 10 }),
    ];
    expect(ruleSegments(units)).toEqual([
      { unitId: 'a', segment: 'visionary' },
      { unitId: 'b', segment: 'other' },
      { unitId: 'c', segment: 'other' },
      { unitId: 'd', segment: 'other' },
    ]);
  });
});

/** Five strong units and five weak ones; item `strategy_cx` separates them, `noise` barely. */
function twoGroups(): UnitProfile[] {
  const strong = ['s1', 's2', 's3', 's4', 's5'].map((id, i) => profile(id, 80, {}, { strategy_cx: 85 + i, noise: 50 + (i % 2), flat: 60 }));
  const weak = ['w1', 'w2', 'w3', 'w4', 'w5'].map((id, i) => profile(id, 30, {}, { strategy_cx: 40 + i, noise: 51 - (i % 2), flat: 60 }));
  return [...weak, ...strong];
}

describe('kmeansSegments', () => {
  it('needs at least eight units and some spread', () => {
    expect(kmeansSegments(twoGroups().slice(0, 7))).toBeNull();
    expect(kmeansSegments(Array.from({ length: 9 }, (_, i) => ({ ...profile('x', 50), unitId: `u${i}` })))).toBeNull();
  });

  it('finds two clear groups and names the stronger one visionary', () => {
    const result = kmeansSegments(twoGroups())!;
    expect(result.k).toBe(2);
    expect(result.silhouette).toBeGreaterThan(0.6);
    for (const u of result.units) {
      expect(u.segment).toBe(u.unitId.startsWith('s') ? 'visionary' : 'other');
      expect(u.cluster).toBe(u.unitId.startsWith('s') ? 0 : 1);
    }
    expect(result.units.map((u) => u.unitId)).toEqual(twoGroups().map((u) => u.unitId)); // input order kept
    expect(result.discriminatingItems[0]!.item).toBe('strategy_cx');
    expect(result.discriminatingItems[0]!.effect).toBeGreaterThan(5);
    expect(result.discriminatingItems.map((d) => d.item)).not.toContain('flat'); // no spread, no effect size
  });

  it('picks k by silhouette', () => {
    const three = [20, 55, 90].flatMap((level, g) => [0, 1, 2, 3].map((i) => profile(`g${g}u${i}`, level + i)));
    const result = kmeansSegments(three)!;
    expect(result.k).toBe(3);
    expect(result.units.filter((u) => u.segment === 'visionary').map((u) => u.unitId).sort()).toEqual(['g2u0', 'g2u1', 'g2u2', 'g2u3']);
  });

  it('repeats: same seed, any input order, same answer', () => {
    const units = twoGroups();
    const a = kmeansSegments(units, 42)!;
    const b = kmeansSegments([...units].reverse(), 42)!;
    const byId = (r: typeof a) => Object.fromEntries(r.units.map((u) => [u.unitId, u.cluster]));
    expect(byId(b)).toEqual(byId(a));
    expect(b.silhouette).toBe(a.silhouette);
    expect(kmeansSegments(units, 42)).toEqual(a);
  });

  it('lists at most eight items, largest effect first', () => {
    const units = twoGroups().map((u, i) => ({
      ...u,
      items: Object.fromEntries(Array.from({ length: 12 }, (_, j) => [`item_${j}`, (u.unitId.startsWith('s') ? 60 + j * 3 : 50) + (i % 3)])),
    }));
    const items = kmeansSegments(units)!.discriminatingItems;
    expect(items).toHaveLength(8);
    const sizes = items.map((d) => Math.abs(d.effect));
    expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
  });
});

describe('helpers', () => {
  it("computes Cohen's d with a pooled sd", () => {
    expect(cohensD([2, 4, 6], [1, 3, 5])).toBeCloseTo(0.5);
    expect(cohensD([1], [2])).toBeNull();
    expect(cohensD([3, 3], [3, 3])).toBeNull();
  });

  it('scores a perfect split near 1 and a singleton as 0', () => {
    expect(silhouette([[0], [0.1], [10], [10.1]], [0, 0, 1, 1], 2)).toBeGreaterThan(0.95);
    expect(silhouette([[0], [5], [6]], [0, 1, 1], 2)).toBeCloseTo((0 + (1 - 1 / 5) + (1 - 1 / 6)) / 3);
  });
});
