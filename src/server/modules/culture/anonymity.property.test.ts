/**
 * Property: on random unit trees and respondent counts, no group under the
 * threshold can be computed by adding and subtracting shown groups.
 *
 * Each group is an indicator vector over the non-empty atoms (own unit × level).
 * Exact integer (fraction-free) Gaussian elimination builds the span of the
 * shown groups; then every hidden group with 1..min−1 respondents, every atom
 * with 1..min−1 and every unit's own members (all levels) with 1..min−1 must
 * lie outside it. Empty groups and hidden groups of ≥ min need no protection.
 * A second property enumerates, on smaller organisations, EVERY set of atoms
 * under the threshold (not only the sets a viewer could name).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planDisclosure, type AtomCount, type GroupKey, type UnitRef } from './anonymity.ts';
import { LEVELS } from './vocabulary.ts';

/** Random cases per run (each checked at three thresholds). */
export const PROPERTY_CASES = 500;
/** Small organisations whose every small set of atoms is enumerated. */
export const SUBSET_CASES = 300;
const THRESHOLDS = [3, 5, 10] as const;
const MAX_DEPTH = 5;

interface Case { units: UnitRef[]; atoms: AtomCount[] }

const countArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) },
  { weight: 2, arbitrary: fc.integer({ min: 5, max: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: 13, max: 300 }) },
);

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    size: fc.integer({ min: 1, max: 40 }),
    picks: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
    extraRoots: fc.boolean(),
    counts: fc.array(countArb, { minLength: 40 * LEVELS.length, maxLength: 40 * LEVELS.length }),
    sparse: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
  })
  .map(({ size, picks, extraRoots, counts, sparse }) => {
    const units: UnitRef[] = [];
    const depth: number[] = [];
    for (let i = 0; i < size; i++) {
      const open = units.map((_, j) => j).filter((j) => depth[j]! < MAX_DEPTH - 1);
      const pick = picks[i]!;
      const root = i === 0 || (extraRoots && pick % 9 === 0);
      const p = root ? -1 : open[pick % open.length]!;
      units.push({ id: `u${i}`, parentId: p < 0 ? null : `u${p}` });
      depth.push(p < 0 ? 0 : depth[p]! + 1);
    }
    const atoms: AtomCount[] = [];
    units.forEach((u, i) =>
      LEVELS.forEach((level, l) => {
        const n = sparse[i] ? 0 : counts[i * LEVELS.length + l]!;
        atoms.push({ unitId: u.id, level, n });
      }),
    );
    return { units, atoms };
  });

/** Every group a viewer may ask for, with its indicator over the non-empty atoms. */
function groupsOf({ units, atoms }: Case) {
  const live = atoms.filter((a) => a.n > 0);
  const parent = new Map(units.map((u) => [u.id, u.parentId]));
  const within = (unit: string, top: string) => {
    for (let u: string | null | undefined = unit; u; u = parent.get(u)) if (u === top) return true;
    return false;
  };
  const groups: Array<{ key: GroupKey; members: boolean[] }> = [];
  const add = (key: GroupKey, test: (a: AtomCount) => boolean) => groups.push({ key, members: live.map(test) });
  add('org', () => true);
  for (const level of LEVELS) add(`level:${level}`, (a) => a.level === level);
  for (const u of units) {
    add(`unit:${u.id}`, (a) => within(a.unitId, u.id));
    for (const level of LEVELS) add(`unit:${u.id}|level:${level}`, (a) => a.level === level && within(a.unitId, u.id));
  }
  return { live, groups };
}

const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));

/** An echelon basis over the integers; rows are divided by their content so entries stay small and exact. */
class Span {
  private rows: Array<{ pivot: number; v: number[] }> = [];
  private reduce(input: readonly number[]): number[] {
    let v = [...input];
    for (const { pivot, v: b } of this.rows) {
      const f = v[pivot]!;
      if (f === 0) continue;
      const g = b[pivot]!;
      v = v.map((x, j) => exact(x * g - b[j]! * f));
      const c = v.reduce(gcd, 0);
      if (c > 1) v = v.map((x) => x / c);
    }
    return v;
  }
  add(vector: readonly number[]): void {
    const v = this.reduce(vector);
    const pivot = v.findIndex((x) => x !== 0);
    if (pivot >= 0) this.rows.push({ pivot, v });
  }
  contains(vector: readonly number[]): boolean {
    return this.reduce(vector).every((x) => x === 0);
  }
}

function exact(x: number): number {
  if (!Number.isSafeInteger(x)) throw new Error('elimination left the safe integer range');
  return x;
}

/** Throws with a description of the first leak found. */
function assertNoLeak(c: Case, min: number): void {
  const plan = planDisclosure(c.units, c.atoms, min);
  const { live, groups } = groupsOf(c);
  const nOf = (members: boolean[]) => members.reduce((sum, m, i) => sum + (m ? live[i]!.n : 0), 0);
  const span = new Span();
  const sensitive: Array<{ what: string; members: boolean[] }> = [];
  for (const g of groups) {
    const n = nOf(g.members);
    if (plan.isShown(g.key)) {
      if (n < min || plan.countOf(g.key) !== n) throw new Error(`${g.key} shown with ${plan.countOf(g.key)} of ${n}`);
      span.add(g.members.map(Number));
    } else if (n >= 1 && n < min) sensitive.push({ what: g.key, members: g.members });
  }
  live.forEach((a, i) => {
    if (a.n < min) sensitive.push({ what: `atom ${a.unitId}/${a.level}`, members: live.map((_, j) => j === i) });
  });
  for (const u of c.units) {
    const members = live.map((a) => a.unitId === u.id);
    const n = nOf(members);
    if (n >= 1 && n < min) sensitive.push({ what: `own members of ${u.id}`, members });
  }
  for (const s of sensitive) {
    if (span.contains(s.members.map(Number))) throw new Error(`min ${min}: ${s.what} (${nOf(s.members)}) is computable`);
  }
}

describe('planDisclosure: no small group is computable from shown groups', () => {
  it(`holds on ${PROPERTY_CASES} random organisations at thresholds ${THRESHOLDS.join(', ')}`, () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        for (const min of THRESHOLDS) assertNoLeak(c, min);
      }),
      { numRuns: PROPERTY_CASES, seed: 20_240_612 },
    );
  });

  it('gives the same plan whatever the input order', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), (c, shift) => {
        const rotate = <T>(xs: T[]) => xs.map((_, i) => xs[(i + shift) % xs.length]!);
        for (const min of THRESHOLDS) {
          const a = planDisclosure(c.units, c.atoms, min).shownGroups();
          const b = planDisclosure(rotate(c.units).reverse(), rotate(c.atoms), min).shownGroups();
          expect(b).toEqual(a);
        }
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  it(`protects every set of atoms, not only groups (exhaustive on ${SUBSET_CASES} small organisations)`, () => {
    let checked = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const small = { units: c.units.slice(0, 10), atoms: c.atoms.filter((a) => Number(a.unitId.slice(1)) < 10) };
        for (const min of THRESHOLDS) if (assertNoSmallSubset(small, min)) checked++;
      }),
      { numRuns: SUBSET_CASES, seed: 99 },
    );
    expect(checked).toBeGreaterThan(SUBSET_CASES); // most cases have few enough small atoms to enumerate
  });
});

/**
 * Every set of atoms holding 1..min−1 respondents (enumerated when at most 12
 * atoms are small; a small set holds only small atoms) must lie outside the
 * span. Returns false when the case had too many small atoms to enumerate.
 */
function assertNoSmallSubset(c: Case, min: number): boolean {
  const plan = planDisclosure(c.units, c.atoms, min);
  const { live, groups } = groupsOf(c);
  const span = new Span();
  for (const g of groups) if (plan.isShown(g.key)) span.add(g.members.map(Number));
  const smallAtoms = live.flatMap((a, i) => (a.n < min ? [i] : []));
  if (smallAtoms.length > 12) return false;
  for (let mask = 1; mask < 1 << smallAtoms.length; mask++) {
    const chosen = smallAtoms.filter((_, b) => mask & (1 << b));
    if (chosen.reduce((sum, i) => sum + live[i]!.n, 0) >= min) continue;
    if (span.contains(live.map((_, i) => (chosen.includes(i) ? 1 : 0)))) {
      throw new Error(`min ${min}: atoms ${chosen.map((i) => `${live[i]!.unitId}/${live[i]!.level}`).join(' + ')} are computable`);
    }
  }
  return true;
}
