import type { MaturityLevel, Unit } from './audit.api.ts';

export { unitTreeData } from '../../shared/unit-tree-data.ts';

/** A unit and everything below it, from the full list: what a manager may audit. */
export function subtreeOf(units: readonly Unit[], rootId: string): Unit[] {
  const keep = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId && keep.has(u.parentId) && !keep.has(u.id)) {
        keep.add(u.id);
        grew = true;
      }
    }
  }
  return units.filter((u) => keep.has(u.id));
}

/** Score colours from red (0) to green (4), used by the score buttons, tags and the comparison. */
export const SCORE_COLOURS = ['#cf1322', '#d4380d', '#d48806', '#389e0d', '#237804'] as const;

/** A visit's or audit's percentage as a tag colour: below 60 % red, below 80 % gold, else green. */
export const percentColour = (pct: number | null) => (pct === null ? 'default' : pct < 60 ? 'red' : pct < 80 ? 'gold' : 'green');

export const MATURITY_COLOURS: Record<MaturityLevel, string> = { absent: 'red', ad_hoc: 'volcano', defined: 'gold', managed: 'green', optimised: 'cyan' };

export const formatPct = (pct: number | null) => (pct === null ? '—' : `${pct.toFixed(1)}%`);
