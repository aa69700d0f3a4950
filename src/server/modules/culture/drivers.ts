/**
 * Drivers: which pillars go with "core of our DNA", and with the customer NPS
 * of the same units (employee X-data joined with customer X-data). Both are
 * correlations across the finest shown units of the view, so only groups the
 * disclosure plan shows take part.
 */
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { getMetric } from '../metrics/index.ts';
import { coreDnaShare, itemSummaries, itemSummary, pillarSummaries } from './results.figures.ts';
import { subtreeUnits, type Agg, type Loaded, type Root } from './results.view.ts';
import { pearson } from './scoring.ts';
import type { UnitProfile } from './segmentation.ts';
import { IDEAL_CX_ITEM, PILLARS, VISION_TEAM_ITEM, type Pillar } from './vocabulary.ts';

/** Customer answers a unit needs in the assessment window before its NPS takes part. */
export const MIN_NPS_ANSWERS = 30;

export interface Drivers {
  coreDna: Array<{ pillar: Pillar; r: number; n: number }>;
  customerNps: Array<{ pillar: Pillar; r: number; units: number }>;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The shown units of the root's subtree that have no shown unit below them:
 * they never overlap, so each respondent counts in at most one of them.
 */
export function finestShownUnits(l: Loaded, root: Root): string[] {
  const shown = subtreeUnits(l, root)
    .map((u) => u.id)
    .filter((id) => l.plan.isShown(`unit:${id}`));
  const parentOf = new Map(l.units.map((u) => [u.id, u.parentId]));
  const covered = new Set<string>();
  for (const id of shown) {
    for (let p = parentOf.get(id) ?? null; p !== null && !covered.has(p); p = parentOf.get(p) ?? null) covered.add(p);
  }
  return shown.filter((id) => !covered.has(id));
}

/** A unit's figures as the segmentation engine takes them (a pillar nobody answered is NaN). */
export function profileOf(l: Loaded, unitId: string, agg: Agg): UnitProfile {
  const summaries = pillarSummaries(agg, l.items);
  const pillars = Object.fromEntries(PILLARS.map((p) => [p, summaries[p]?.index ?? Number.NaN])) as Record<Pillar, number>;
  const items = Object.fromEntries(Object.entries(itemSummaries(agg, l.items, 1)).map(([k, s]) => [k, s.index]));
  const favourable = (item: string) => itemSummary(agg, l.items, item)?.favourable ?? 0;
  return {
    unitId,
    pillars,
    items,
    coreDnaShare: coreDnaShare(agg, l.items) ?? 0,
    idealCx: favourable(IDEAL_CX_ITEM),
    visionTeam: favourable(VISION_TEAM_ITEM),
    n: agg.n,
  };
}

/** A finest shown unit: its profile, and its "core of our DNA" share (null when nobody there answered the item). */
export interface ShownUnit {
  profile: UnitProfile;
  coreDna: number | null;
}

/** Profiles of the finest shown units of the root's subtree. */
export function profilesOf(l: Loaded, root: Root, aggs: Map<string, Agg>): ShownUnit[] {
  return finestShownUnits(l, root).map((id) => {
    const agg = aggs.get(id)!;
    return { profile: profileOf(l, id, agg), coreDna: coreDnaShare(agg, l.items) };
  });
}

/**
 * Correlations of each pillar index with the share choosing "core of our DNA",
 * and with customer NPS (from the metrics module, in the caller's scope, over the
 * assessment's open window) for units with ≥ 30 customer answers there.
 */
export async function driversOf(ctx: AppContext, actor: Actor, l: Loaded, units: readonly ShownUnit[]): Promise<Drivers> {
  const withVision = units.filter((u) => u.coreDna !== null);
  const coreDna = PILLARS.flatMap((pillar) => {
    const r = pearson(
      withVision.map((u) => u.profile.pillars[pillar]),
      withVision.map((u) => u.coreDna!),
    );
    return r ? [{ pillar, r: round3(r.r), n: r.n }] : [];
  });
  return { coreDna, customerNps: await npsDrivers(ctx, actor, l, units.map((u) => u.profile)) };
}

async function npsDrivers(ctx: AppContext, actor: Actor, l: Loaded, profiles: readonly UnitProfile[]): Promise<Drivers['customerNps']> {
  const from = l.assessment.openedAt;
  if (!from || profiles.length < 3 || (actor.role !== 'admin' && actor.role !== 'manager')) return [];
  const to = l.assessment.closedAt ?? ctx.clock.now();
  if (to <= from) return [];
  const metric = await getMetric(ctx, actor, 'nps', { from: from.toISOString(), to: to.toISOString(), groupBy: 'unit' });
  const own = new Map(metric.rows.map((r) => [r.key, r]));
  const npsOf = (unitId: string): number | null => {
    let n = 0;
    let promoters = 0;
    let detractors = 0;
    for (const u of subtreeUnits(l, { kind: 'unit', unitId })) {
      const row = own.get(u.id);
      if (!row) continue;
      n += row.n;
      promoters += row.promoters ?? 0;
      detractors += row.detractors ?? 0;
    }
    return n >= MIN_NPS_ANSWERS ? (100 * (promoters - detractors)) / n : null;
  };
  const pairs = profiles.flatMap((p) => {
    const nps = npsOf(p.unitId);
    return nps === null ? [] : [{ p, nps }];
  });
  return PILLARS.flatMap((pillar) => {
    const r = pearson(
      pairs.map((x) => x.p.pillars[pillar]),
      pairs.map((x) => x.nps),
    );
    return r ? [{ pillar, r: round3(r.r), units: r.n }] : [];
  });
}
