import { describe, expect, it } from 'vitest';
import { decideDisclosure, planDisclosure, type AtomCount, type UnitRef } from './anonymity.ts';
import type { Level } from './vocabulary.ts';

const unit = (id: string, parentId: string | null = null): UnitRef => ({ id, parentId });
const atom = (unitId: string, level: Level, n: number): AtomCount => ({ unitId, level, n });

describe('planDisclosure, known trees', () => {
  it('hides a small group and enough siblings that parent minus children reveals nobody', () => {
    // p = a (6) + b (2) + c (7): with b hidden alone, p − a − c would give b.
    const plan = planDisclosure(
      [unit('p'), unit('a', 'p'), unit('b', 'p'), unit('c', 'p')],
      [atom('a', 'non_manager', 6), atom('b', 'non_manager', 2), atom('c', 'non_manager', 7)],
      5,
    );
    expect(plan.isShown('unit:p')).toBe(true);
    expect(plan.countOf('unit:p')).toBe(15);
    expect(plan.isShown('unit:b')).toBe(false);
    expect(plan.isShown('unit:a')).toBe(false); // the smaller of the two remaining siblings
    expect(plan.isShown('unit:c')).toBe(true);
    expect(plan.countOf('unit:a')).toBeUndefined();
  });

  it('applies the overlap rule: a unit whose only child holds all but two of its people', () => {
    const plan = planDisclosure([unit('u'), unit('c', 'u')], [atom('u', 'manager', 2), atom('c', 'non_manager', 10)], 5);
    expect(plan.isShown('unit:u')).toBe(true);
    expect(plan.isShown('unit:c')).toBe(false);
    expect(plan.isShown('unit:u|level:non_manager')).toBe(false); // also 2 short of the unit
  });

  it('protects a small level inside a unit (unit × level)', () => {
    const plan = planDisclosure([unit('u')], [atom('u', 'manager', 6), atom('u', 'non_manager', 2)], 5);
    expect(plan.countOf('unit:u')).toBe(8);
    expect(plan.isShown('unit:u|level:non_manager')).toBe(false);
    expect(plan.isShown('unit:u|level:manager')).toBe(false); // unit − managers would give the two
  });

  it('protects a small level in the organisation-wide level totals', () => {
    const plan = planDisclosure(
      [unit('a'), unit('b')],
      [atom('a', 'manager', 6), atom('b', 'manager', 6), atom('a', 'non_manager', 6), atom('b', 'support', 2)],
      5,
    );
    expect(plan.isShown('org')).toBe(true);
    expect(plan.isShown('level:manager')).toBe(true);
    expect(plan.isShown('level:support')).toBe(false);
    expect(plan.isShown('level:non_manager')).toBe(false); // org − managers − non-managers = support
  });

  it('closes a leak across dimensions that the counting rules miss (the exact audit)', () => {
    // u0 = u1 + u2 (2 people). The tree rule hides u1, but u1's two level cells still add up to it.
    const units = [unit('u0'), unit('u1', 'u0'), unit('u2', 'u0')];
    const atoms = [atom('u1', 'executive', 5), atom('u1', 'manager', 5), atom('u2', 'c_suite', 1), atom('u2', 'non_manager', 1)];
    const { auditHides } = decideDisclosure(units, atoms, 3);
    const plan = planDisclosure(units, atoms, 3);
    expect(auditHides).toBeGreaterThan(0);
    expect(plan.isShown('unit:u0')).toBe(true);
    expect(plan.isShown('unit:u1')).toBe(false);
    const both = plan.isShown('unit:u1|level:executive') && plan.isShown('unit:u1|level:manager');
    expect(both).toBe(false);
  });

  it('protects a small set that is no requestable group (a head office’s own two top people)', () => {
    const units = [unit('hq'), unit('ops', 'hq')];
    const atoms = [
      ...[atom('hq', 'c_suite', 1), atom('hq', 'executive', 1), atom('hq', 'manager', 5), atom('hq', 'support', 20)],
      ...[atom('ops', 'c_suite', 5), atom('ops', 'executive', 9), atom('ops', 'manager', 10), atom('ops', 'non_manager', 7)],
    ];
    const plan = planDisclosure(units, atoms, 5);
    // hq|c_suite + hq|executive − (ops − ops|manager − ops|non_manager) would be those two people.
    const parts = ['unit:hq|level:c_suite', 'unit:hq|level:executive', 'unit:ops', 'unit:ops|level:manager', 'unit:ops|level:non_manager'] as const;
    expect(parts.every((key) => plan.isShown(key))).toBe(false);
  });

  it('makes a suppressed group look exactly like an empty or unknown one', () => {
    const plan = planDisclosure([unit('a'), unit('b')], [atom('a', 'non_manager', 9), atom('b', 'non_manager', 3)], 5);
    for (const key of ['unit:b', 'unit:a|level:c_suite', 'unit:nope', 'level:c_suite'] as const) {
      expect(plan.isShown(key)).toBe(false);
      expect(plan.countOf(key)).toBeUndefined();
    }
    expect(plan.shownGroups()).not.toContain('unit:b');
  });

  it('shows nothing under the threshold and everything safe above it', () => {
    const plan = planDisclosure([unit('a')], [atom('a', 'non_manager', 4)], 5);
    expect(plan.shownGroups()).toEqual([]);
    const big = planDisclosure([unit('a')], [atom('a', 'non_manager', 12)], 5);
    expect(big.shownGroups()).toEqual(['level:non_manager', 'org', 'unit:a', 'unit:a|level:non_manager']);
  });

  it('sums duplicate atoms and counts atoms of unknown units in the organisation only', () => {
    const plan = planDisclosure(
      [unit('a')],
      [atom('a', 'manager', 3), atom('a', 'manager', 3), atom('gone', 'manager', 6)],
      5,
    );
    expect(plan.countOf('unit:a')).toBe(6);
    expect(plan.countOf('org')).toBe(12);
    expect(plan.countOf('unit:gone')).toBeUndefined();
  });

  it('refuses bad input', () => {
    expect(() => planDisclosure([unit('a')], [], 0)).toThrow(RangeError);
    expect(() => planDisclosure([unit('a')], [atom('a', 'manager', -1)], 5)).toThrow(RangeError);
    expect(() => planDisclosure([unit('a')], [atom('a', 'boss' as Level, 1)], 5)).toThrow(RangeError);
    expect(() => planDisclosure([unit('a', 'b'), unit('b', 'a')], [], 5)).toThrow(/cycle/);
  });
});
