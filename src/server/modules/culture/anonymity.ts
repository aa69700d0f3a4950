/**
 * The anonymity engine: the ONE place that decides which respondent groups of
 * an assessment may be shown (CULTURE.md §3). Pure, no database.
 *
 * Groups are cells of a two-way table: a node of the unit tree (or the whole
 * organisation) × a column (all levels, or one level). Every cell is a sum of
 * atoms = respondents per (own unit, level). The plan is made once for all
 * viewers, so no set of views anyone may request can be combined into a small
 * group. Rules, applied until nothing changes (ties broken by group key):
 *  1. minimum group: a cell with fewer than `minGroupSize` respondents is hidden;
 *  2. complementary suppression down the unit tree, in every column: a shown
 *     cell minus its nearest shown descendants (its own members plus hidden
 *     children) must hold 0 or ≥ min respondents, else the smallest of those
 *     descendants is hidden as well;
 *  3. the same across levels: a shown "all levels" cell minus its shown level
 *     cells must hold 0 or ≥ min, else the smallest shown level cell is hidden;
 *  4. overlap: a shown cell containing another shown cell with 1..min−1 more
 *     respondents hides the smaller one;
 *  5. audit: an exact check (anonymity.audit.ts) finds any set of atoms with
 *     1..min−1 respondents that adding and subtracting shown cells would
 *     reveal, named group or not (a unit's own two executives, say); a hit
 *     hides the cheapest cell that breaks that combination, and rules 2–5 run
 *     again.
 * Rules 2–4 alone leave such combinations across the two dimensions (a hidden
 * unit whose shown level cells still add up to it); rule 5 closes them, so the
 * plan is safe against any arithmetic on the shown figures. Rules 2–4 still do
 * most of the work: they are cheap and hide less than the audit alone would.
 */
import { findSmallCut } from './anonymity.audit.ts';
import { LEVELS, isLevel, type Level } from './vocabulary.ts';

export type { Level } from './vocabulary.ts';
export interface UnitRef { id: string; parentId: string | null }
/** Respondents per (own unit, level): the atoms every shown group is a sum of. */
export interface AtomCount { unitId: string; level: Level; n: number }
/** The whole organisation, a unit's subtree, a level across the organisation, or a unit subtree × level. */
export type GroupKey = 'org' | `unit:${string}` | `level:${Level}` | `unit:${string}|level:${Level}`;
export interface DisclosurePlan {
  minGroupSize: number;
  /** True when the group's figures may be shown. A suppressed group and an empty one look the same to callers. */
  isShown(key: GroupKey): boolean;
  /** The group's respondent count when shown, else undefined. */
  countOf(key: GroupKey): number | undefined;
  /** Every shown group, sorted. */
  shownGroups(): GroupKey[];
}

export const unitGroup = (unitId: string): GroupKey => `unit:${unitId}`;
export const levelGroup = (level: Level): GroupKey => `level:${level}`;
export const unitLevelGroup = (unitId: string, level: Level): GroupKey => `unit:${unitId}|level:${level}`;

const COLS = 1 + LEVELS.length; // column 0 = all levels, column i = LEVELS[i − 1]

interface Table {
  ids: string[]; // node 0 is the organisation, nodes 1.. the units sorted by id
  parent: number[];
  pre: number[]; // nodes in pre-order, children sorted by id
  count: number[]; // per cell = node * COLS + column
  atoms: Array<{ node: number; col: number; n: number }>; // non-empty, in pre-order of their unit, then column
  min: number;
}

/**
 * Decides, once for all viewers, which groups are shown. Units whose parent is
 * unknown are roots; atoms of an unknown unit count in the organisation's and
 * the level totals only. Deterministic: input order does not matter.
 */
export function planDisclosure(units: readonly UnitRef[], atoms: readonly AtomCount[], minGroupSize: number): DisclosurePlan {
  const { shown, table } = decideDisclosure(units, atoms, minGroupSize);
  const counts = new Map<string, number>();
  for (let cell = 0; cell < shown.length; cell++) if (shown[cell]) counts.set(keyOf(table, cell), table.count[cell]!);
  return {
    minGroupSize,
    isShown: (key) => counts.has(key),
    countOf: (key) => counts.get(key),
    shownGroups: () => ([...counts.keys()] as GroupKey[]).sort(),
  };
}

/** The decision itself, with how many cells the audit (rule 5) had to hide. Exported for tests. */
export function decideDisclosure(units: readonly UnitRef[], atoms: readonly AtomCount[], min: number) {
  if (!Number.isInteger(min) || min < 1) throw new RangeError(`minGroupSize must be a positive integer, got ${min}`);
  const table = buildTable(units, atoms, min);
  const shown = new Uint8Array(table.count.length);
  table.count.forEach((n, cell) => (shown[cell] = n >= min ? 1 : 0));
  let auditHides = 0;
  for (;;) {
    for (let changed = true; changed; ) {
      const tree = treeRule(table, shown);
      const level = levelRule(table, shown);
      changed = overlapRule(table, shown) || tree || level;
    }
    const leak = auditLeak(table, shown);
    if (!leak.length) return { table, shown, auditHides };
    for (const cell of leak) shown[cell] = 0;
    auditHides += leak.length;
  }
}

function buildTable(units: readonly UnitRef[], atoms: readonly AtomCount[], min: number): Table {
  const sorted = units.map((u) => u.id).sort();
  if (new Set(sorted).size !== sorted.length) throw new RangeError('duplicate unit id');
  const ids = ['', ...sorted];
  const index = new Map(sorted.map((id, i) => [id, i + 1]));
  const parentId = new Map(units.map((u) => [u.id, u.parentId]));
  const parent = ids.map((id, node) => (node === 0 ? -1 : index.get(parentId.get(id) ?? '') ?? 0));
  const children: number[][] = ids.map(() => []);
  parent.forEach((p, node) => p >= 0 && children[p]!.push(node));
  const pre: number[] = [];
  for (const stack = [0]; stack.length; ) {
    const node = stack.pop()!;
    pre.push(node);
    stack.push(...[...children[node]!].reverse());
  }
  const tin = new Array<number>(ids.length);
  pre.forEach((node, i) => (tin[node] = i));
  if (pre.length !== ids.length) throw new Error('the unit tree has a cycle');
  const byCell = new Map<number, number>();
  for (const a of atoms) {
    if (!isLevel(a.level)) throw new RangeError(`unknown level ${String(a.level)}`);
    if (!Number.isInteger(a.n) || a.n < 0) throw new RangeError(`atom count must be a non-negative integer, got ${a.n}`);
    const cell = (index.get(a.unitId) ?? 0) * COLS + 1 + LEVELS.indexOf(a.level);
    byCell.set(cell, (byCell.get(cell) ?? 0) + a.n);
  }
  const list = [...byCell].filter(([, n]) => n > 0).map(([cell, n]) => ({ node: Math.floor(cell / COLS), col: cell % COLS, n }));
  list.sort((a, b) => tin[a.node]! - tin[b.node]! || a.col - b.col);
  const count = new Array<number>(ids.length * COLS).fill(0);
  for (const a of list) {
    count[a.node * COLS + a.col]! += a.n;
    count[a.node * COLS]! += a.n;
  }
  for (let i = pre.length - 1; i > 0; i--) {
    const node = pre[i]!;
    for (let col = 0; col < COLS; col++) count[parent[node]! * COLS + col]! += count[node * COLS + col]!;
  }
  return { ids, parent, pre, count, atoms: list, min };
}

function keyOf(t: Table, cell: number): GroupKey {
  const node = Math.floor(cell / COLS);
  const col = cell % COLS;
  const level = LEVELS[col - 1];
  if (node === 0) return level ? levelGroup(level) : 'org';
  return level ? unitLevelGroup(t.ids[node]!, level) : unitGroup(t.ids[node]!);
}

const small = (t: Table, n: number) => n >= 1 && n < t.min;

/** The smaller cell, ties broken by key: the one to hide. */
function smaller(t: Table, a: number, b: number): number {
  if (b < 0) return a;
  const d = t.count[a]! - t.count[b]!;
  return d < 0 || (d === 0 && keyOf(t, a) < keyOf(t, b)) ? a : b;
}

/** For every node, its nearest shown ancestor-or-self cell in the column (−1 when none). */
function nearestShown(t: Table, shown: Uint8Array, col: number, includeSelf: boolean): number[] {
  const out = t.ids.map(() => -1);
  for (const node of t.pre) {
    const p = t.parent[node]!;
    const above = p < 0 ? -1 : shown[p * COLS + col] ? p * COLS + col : out[p]!;
    out[node] = includeSelf && shown[node * COLS + col] ? node * COLS + col : above;
  }
  return out;
}

/** Rule 2, every column: hides where it fails; returns whether anything changed. */
function treeRule(t: Table, shown: Uint8Array): boolean {
  let changed = false;
  for (let col = 0; col < COLS; col++) {
    const above = nearestShown(t, shown, col, false);
    const residual = new Map<number, number>();
    const candidate = new Map<number, number>();
    for (const node of t.pre) {
      const cell = node * COLS + col;
      if (!shown[cell]) continue;
      residual.set(cell, (residual.get(cell) ?? 0) + t.count[cell]!);
      const a = above[node]!;
      if (a < 0) continue;
      residual.set(a, (residual.get(a) ?? 0) - t.count[cell]!);
      candidate.set(a, smaller(t, cell, candidate.get(a) ?? -1));
    }
    for (const [cell, r] of residual) {
      if (!shown[cell] || !small(t, r)) continue;
      shown[candidate.get(cell)!] = 0;
      changed = true;
    }
  }
  return changed;
}

/** Rule 3, every node: its all-levels cell minus its shown level cells. */
function levelRule(t: Table, shown: Uint8Array): boolean {
  let changed = false;
  for (const node of t.pre) {
    if (!shown[node * COLS]) continue;
    let r = t.count[node * COLS]!;
    let candidate = -1;
    for (let col = 1; col < COLS; col++) {
      const cell = node * COLS + col;
      if (!shown[cell]) continue;
      r -= t.count[cell]!;
      candidate = smaller(t, cell, candidate);
    }
    if (!small(t, r)) continue;
    shown[candidate] = 0;
    changed = true;
  }
  return changed;
}

/** Rule 4: every shown cell against every shown cell containing it. */
function overlapRule(t: Table, shown: Uint8Array): boolean {
  let changed = false;
  for (let cell = 0; cell < shown.length; cell++) {
    const col = cell % COLS;
    for (let node = Math.floor(cell / COLS); node >= 0 && shown[cell]; node = t.parent[node]!) {
      for (const outer of col === 0 ? [node * COLS] : [node * COLS + col, node * COLS]) {
        if (outer === cell || !shown[outer] || !small(t, t.count[outer]! - t.count[cell]!)) continue;
        shown[cell] = 0;
        changed = true;
      }
    }
  }
  return changed;
}

/**
 * Rule 5 (exact, see anonymity.audit.ts): finds any set of 1..min−1
 * respondents the shown cells reveal; returns the cells to hide so that this
 * combination no longer works (empty when nothing small is revealed). The cell
 * hidden is the smallest one whose block and the block it would merge into lie
 * on opposite sides of the revealing cut, with any shown cells of empty
 * residual on the way (they would stand in for it).
 */
function auditLeak(t: Table, shown: Uint8Array): number[] {
  const noneRow = t.count.length;
  const noneCol = noneRow + 1;
  const self = Array.from({ length: COLS }, (_, col) => nearestShown(t, shown, col, true));
  const above = Array.from({ length: COLS }, (_, col) => nearestShown(t, shown, col, false));
  const ends = t.atoms.map((a): [number, number] => {
    const row = self[a.col]![a.node]!;
    const col = self[0]![a.node]!;
    return [row < 0 ? noneRow : row, col < 0 ? noneCol : col];
  });
  const cut = findSmallCut({ ends, weights: t.atoms.map((a) => a.n), noneRow, noneCol, min: t.min });
  if (!cut) return [];
  const inGraph = new Set(ends.flat());
  let best: number[] = [];
  let bestCost = 0;
  for (let cell = 0; cell < shown.length; cell++) {
    if (!shown[cell] || !inGraph.has(cell)) continue;
    const col = cell % COLS;
    const path = [cell];
    let to = above[col]![Math.floor(cell / COLS)]!;
    for (; to >= 0 && !inGraph.has(to); to = above[col]![Math.floor(to / COLS)]!) path.push(to);
    if (to < 0) to = col === 0 ? noneCol : noneRow;
    if (cut.inside.has(cell) === cut.inside.has(to)) continue;
    const cost = path.reduce((sum, c) => sum + t.count[c]!, 0);
    if (best.length && (cost > bestCost || (cost === bestCost && keyOf(t, cell) > keyOf(t, best[0]!)))) continue;
    best = path;
    bestCost = cost;
  }
  if (best.length) return best;
  // Not expected (some block always straddles the cut); still, never return "safe" with a cut in hand.
  const blocks = cut.atoms.flatMap((i) => ends[i]!).filter((cell) => cell < noneRow && shown[cell]);
  if (!blocks.length) throw new Error('anonymity audit: a revealing cut with no shown block');
  return [blocks.reduce((a, b) => smaller(t, b, a), -1)];
}
