/**
 * What one results request works on: the assessment, who may see what of it,
 * its atoms, and the ONE disclosure plan built from every atom of the
 * assessment (the same for every viewer, so no two views combine into a leak).
 * Groups are sums of atoms: a unit's group is its whole subtree.
 */
import type { Actor } from '../../platform/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { dataScopeOf } from '../org/index.ts';
import { planDisclosure, type DisclosurePlan, type GroupKey, type UnitRef } from './anonymity.ts';
import { isSqlSafeSlot, readAnswerAtoms, readAssessment, readUnits, type AnswerAtom, type AssessmentRow, type Slot } from './results.query.ts';
import { LEVELS, LIKERT_MAX, LIKERT_MIN, PILLARS, type Level, type Pillar } from './vocabulary.ts';

/** Which part of the results the caller may see: everything (admins), a subtree (managers), the organisation's figures alone (employees). */
export type View = { kind: 'org' } | { kind: 'subtree'; rootId: string | null; unitIds: ReadonlySet<string> } | { kind: 'orgOnly' };

/** Respondents and their answers counted per slot (item and value), summed over atoms. */
export interface Agg {
  n: number;
  counts: Float64Array;
}

export interface ItemIndex {
  likert: string[];
  single: string[];
  pillarItems: Map<Pillar, string[]>;
  /** The counters of every atom and group: five per likert item (values 1–5), one per option of a single item. */
  slots: Slot[];
  /** Where an item's counters start, and its values in order. */
  offsets: Map<string, { offset: number; values: string[] }>;
}

export interface Loaded {
  assessment: AssessmentRow;
  units: UnitRef[];
  children: Map<string, string[]>;
  atoms: AnswerAtom[];
  plan: DisclosurePlan;
  view: View;
  items: ItemIndex;
}

/** The group a request centres on: the organisation or one unit's subtree. */
export type Root = { kind: 'org' } | { kind: 'unit'; unitId: string };

const LIKERT_VALUES = Array.from({ length: LIKERT_MAX - LIKERT_MIN + 1 }, (_, i) => String(LIKERT_MIN + i));

/** The template snapshot's likert and single items, the pillar items, and the counters' layout. */
export function itemIndexOf(a: Pick<AssessmentRow, 'sections'>): ItemIndex {
  const index: ItemIndex = { likert: [], single: [], pillarItems: new Map(), slots: [], offsets: new Map() };
  for (const section of a.sections) {
    for (const item of section.items) {
      if (item.type === 'text' || index.offsets.has(item.key)) continue;
      const values = item.type === 'likert' ? LIKERT_VALUES : (item.options ?? []).map((o) => o.value);
      const slots = values.map((value) => ({ item: item.key, value }));
      if (!values.length || !slots.every(isSqlSafeSlot)) continue;
      index.offsets.set(item.key, { offset: index.slots.length, values });
      index.slots.push(...slots);
      (item.type === 'likert' ? index.likert : index.single).push(item.key);
      const pillar = item.pillar as Pillar | undefined;
      if (item.type === 'likert' && pillar && PILLARS.includes(pillar)) index.pillarItems.set(pillar, [...(index.pillarItems.get(pillar) ?? []), item.key]);
    }
  }
  return index;
}

/**
 * Admins read results any time (live while open); managers and employees only
 * once the assessment is closed. 404 for an assessment not in the organisation.
 */
export async function viewOf(tx: Tx, actor: Actor, a: AssessmentRow): Promise<View> {
  if (actor.role === 'partner') throw forbidden('partners do not see assessment results');
  if (actor.role === 'admin') return { kind: 'org' };
  if (a.status !== 'closed') throw new AppError(403, 'results_not_released', 'results are released to managers and employees when the assessment closes');
  if (actor.role === 'employee') return { kind: 'orgOnly' };
  const scope = await dataScopeOf(tx, actor);
  const unitIds = new Set(scope.kind === 'units' ? scope.unitIds : []);
  return { kind: 'subtree', rootId: null, unitIds };
}

async function loadAssessmentOr404(tx: Tx, orgId: string, id: string): Promise<AssessmentRow> {
  const a = await readAssessment(tx, orgId, id);
  if (!a) throw notFound('assessment');
  return a;
}

/** Everything a results request needs, in two statements besides the assessment itself. */
export async function loadResults(tx: Tx, actor: Actor, assessmentId: string): Promise<Loaded> {
  const assessment = await loadAssessmentOr404(tx, actor.orgId, assessmentId);
  const view = await viewOf(tx, actor, assessment);
  const items = itemIndexOf(assessment);
  const units = await readUnits(tx, actor.orgId);
  return buildLoaded(assessment, view, items, units, await atomsOf(tx, actor.orgId, assessment, items));
}

/**
 * A closed assessment takes no more answers (answering needs it open, answers are never edited, a closed
 * assessment never reopens), so its atoms are kept per process, keyed by the closing time; an open one is read live.
 */
const closedAtoms = new Map<string, AnswerAtom[]>();
const CACHED_ASSESSMENTS = 32;

async function atomsOf(tx: Tx, orgId: string, a: AssessmentRow, items: ItemIndex): Promise<AnswerAtom[]> {
  const key = a.status === 'closed' && a.closedAt ? `${orgId}|${a.id}|${a.closedAt.toISOString()}|${items.slots.length}` : null;
  const cached = key ? closedAtoms.get(key) : undefined;
  if (cached) {
    closedAtoms.delete(key!); // most recently used last
    closedAtoms.set(key!, cached);
    return cached;
  }
  const atoms = await readAnswerAtoms(tx, orgId, a.id, items.slots);
  if (key) {
    closedAtoms.set(key, atoms);
    if (closedAtoms.size > CACHED_ASSESSMENTS) closedAtoms.delete(closedAtoms.keys().next().value!);
  }
  return atoms;
}

export function buildLoaded(assessment: AssessmentRow, view: View, items: ItemIndex, units: UnitRef[], atoms: AnswerAtom[]): Loaded {
  const children = new Map<string, string[]>();
  for (const u of units) if (u.parentId !== null) (children.get(u.parentId) ?? children.set(u.parentId, []).get(u.parentId)!).push(u.id);
  if (view.kind === 'subtree') {
    const inScope = view.unitIds;
    const top = units.find((u) => inScope.has(u.id) && (u.parentId === null || !inScope.has(u.parentId)));
    view = { ...view, rootId: top?.id ?? null };
  }
  const plan = planDisclosure(units, atoms, assessment.minGroupSize);
  return { assessment, units, children, atoms, plan, view, items };
}

/**
 * The group a request asks for: `unitId` (404 outside the caller's scope, so
 * existence does not leak), else the caller's default, the organisation or a
 * manager's own subtree.
 */
export function rootFor(l: Loaded, unitId: string | undefined): Root {
  const { view } = l;
  if (unitId !== undefined) {
    const known = l.units.some((u) => u.id === unitId);
    if (!known || view.kind === 'orgOnly' || (view.kind === 'subtree' && !view.unitIds.has(unitId))) throw notFound('unit');
    return { kind: 'unit', unitId };
  }
  if (view.kind === 'subtree') {
    if (view.rootId === null) throw notFound('unit');
    return { kind: 'unit', unitId: view.rootId };
  }
  return { kind: 'org' };
}

export const groupKeyOf = (root: Root): GroupKey => (root.kind === 'org' ? 'org' : `unit:${root.unitId}`);

/** The units of a root's subtree, root first, parents before children. */
export function subtreeUnits(l: Loaded, root: Root): Array<{ id: string; parentId: string | null }> {
  const parentOf = new Map(l.units.map((u) => [u.id, u.parentId]));
  const out: Array<{ id: string; parentId: string | null }> = [];
  const queue = root.kind === 'org' ? l.units.filter((u) => u.parentId === null).map((u) => u.id) : [root.unitId];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    out.push({ id, parentId: parentOf.get(id) ?? null });
    queue.push(...(l.children.get(id) ?? []));
  }
  return out;
}

const emptyAgg = (l: Loaded): Agg => ({ n: 0, counts: new Float64Array(l.items.slots.length) });

function addInto(target: Agg, src: { n: number; counts: ArrayLike<number> }): void {
  target.n += src.n;
  const into = target.counts;
  const len = Math.min(into.length, src.counts.length);
  for (let i = 0; i < len; i++) into[i]! += src.counts[i]!;
}

/** Each unit's subtree total, computed bottom-up once (each atom is added once per ancestor level, not once per group). */
export function subtreeAggs(l: Loaded): Map<string, Agg> {
  const own = new Map<string, Agg>();
  for (const atom of l.atoms) addInto(own.get(atom.unitId) ?? own.set(atom.unitId, emptyAgg(l)).get(atom.unitId)!, atom);
  const total = new Map<string, Agg>();
  const visit = (id: string): Agg => {
    const done = total.get(id);
    if (done) return done;
    const agg = emptyAgg(l);
    const mine = own.get(id);
    if (mine) addInto(agg, mine);
    for (const child of l.children.get(id) ?? []) addInto(agg, visit(child));
    total.set(id, agg);
    return agg;
  };
  for (const u of l.units) visit(u.id);
  return total;
}

/** The total of the atoms that pass `keep`. */
export function aggOf(l: Loaded, keep: (atom: AnswerAtom) => boolean): Agg {
  const agg = emptyAgg(l);
  for (const atom of l.atoms) if (keep(atom)) addInto(agg, atom);
  return agg;
}

/** The root's total, split by level. */
export function levelAggs(l: Loaded, root: Root): Map<Level, Agg> {
  const inside = root.kind === 'org' ? null : new Set(subtreeUnits(l, root).map((u) => u.id));
  const out = new Map<Level, Agg>(LEVELS.map((level) => [level, emptyAgg(l)]));
  for (const atom of l.atoms) if (!inside || inside.has(atom.unitId)) addInto(out.get(atom.level)!, atom);
  return out;
}

/** The group key of the root split by one level. */
export const levelKeyOf = (root: Root, level: Level): GroupKey => (root.kind === 'org' ? `level:${level}` : `unit:${root.unitId}|level:${level}`);
