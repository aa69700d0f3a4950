/**
 * Assessment results. Each request reads the assessment's atoms once, builds
 * ONE disclosure plan from all of them (the same whoever asks), and computes
 * figures only for groups the plan shows; a hidden group comes back exactly
 * like an empty one. Comments pass a second plan at minCommentGroupSize.
 */
import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { BenchmarksWithRangesSchema, CommentsSchema, HeatmapSchema, Overview, ResponseRatesSchema, ResultRowSchema, ResultsSchema, SegmentsSchema } from '../../../contracts/culture.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { planDisclosure, type GroupKey } from './anonymity.ts';
import { REPORT_BENCHMARKS, visionStateItem } from './benchmarks.ts';
import { driversOf, profilesOf } from './drivers.ts';
import { itemSummaries, maturities, pillarScores, pillarSummaries, sectionScores, visionStateOf } from './results.figures.ts';
import { readCommentTexts, readInvitationAtoms } from './results.query.ts';
import { MIN_UNITS_FOR_KMEANS, kmeansSegments, ruleSegments } from './segmentation.ts';
import { aggOf, groupKeyOf, levelAggs, levelKeyOf, loadResults, rootFor, subtreeAggs, subtreeUnits, type Agg, type Loaded, type Root } from './results.view.ts';
import { LEVELS, PILLARS, VISION_STATES, type Level, type Pillar, type VisionState } from './vocabulary.ts';

type ResultRow = z.infer<typeof ResultRowSchema>;
const COMMENT_LIMIT = 500;
/** k-means is seeded so the segments repeat. */
const SEGMENT_SEED = 12;

/** The vision state a benchmark row names (`vision_state:core_dna`), if any. */
const benchmarkState = (item: string): VisionState | undefined => VISION_STATES.find((s) => item === visionStateItem(s));

/** Employees see the organisation's figures only: anything split by unit is refused. */
const refuseOrgOnly = (l: Loaded) => {
  if (l.view.kind === 'orgOnly') throw forbidden('employees see the organisation-wide results only');
};

function resultRow(l: Loaded, group: GroupKey, key: string, parentKey: string | null, agg: Agg): ResultRow {
  const n = l.plan.countOf(group);
  if (n === undefined) return { key, parentKey, suppressed: true };
  const summaries = pillarSummaries(agg, l.items);
  const row: ResultRow = { key, parentKey, suppressed: false, n, pillars: pillarScores(summaries) };
  const vision = visionStateOf(agg, l.items);
  if (vision) row.visionState = vision;
  const overall = maturities(summaries).overall;
  if (overall) row.maturity = overall;
  return row;
}

const rootAgg = (l: Loaded, root: Root, aggs: Map<string, Agg>): Agg => (root.kind === 'org' ? aggOf(l, () => true) : aggs.get(root.unitId)!);

/** `GET /assessments/:id/results?groupBy=unit|level&unitId=`: the root group first, then its units (any depth) or its levels. */
export function getResults(ctx: AppContext, actor: Actor, id: string, q: { groupBy: 'unit' | 'level'; unitId?: string }): Promise<z.infer<typeof ResultsSchema>> {
  authorize(actor, 'assessmentResults.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const l = await loadResults(tx, actor, id);
    const root = rootFor(l, q.unitId);
    const aggs = subtreeAggs(l);
    const rootKey = root.kind === 'org' ? 'org' : root.unitId;
    const top = subtreeUnits(l, root)[0];
    const rows = [resultRow(l, groupKeyOf(root), rootKey, root.kind === 'org' ? null : (top?.parentId ?? null), rootAgg(l, root, aggs))];
    if (l.view.kind === 'orgOnly') return { minGroupSize: l.assessment.minGroupSize, rows };
    if (q.groupBy === 'level') {
      const byLevel = levelAggs(l, root);
      for (const level of LEVELS) rows.push(resultRow(l, levelKeyOf(root, level), level, rootKey, byLevel.get(level)!));
    } else {
      for (const u of subtreeUnits(l, root)) {
        if (root.kind === 'unit' && u.id === root.unitId) continue;
        rows.push(resultRow(l, `unit:${u.id}`, u.id, u.parentId ?? 'org', aggs.get(u.id)!));
      }
    }
    return { minGroupSize: l.assessment.minGroupSize, rows };
  });
}

/** `GET /assessments/:id/overview?unitId=`: every figure of one group, for the dashboard. */
export async function getOverview(ctx: AppContext, actor: Actor, id: string, q: { unitId?: string }): Promise<Overview> {
  authorize(actor, 'assessmentResults.read');
  const computed = await ctx.db.tenant(actor.orgId, async (tx) => {
    const l = await loadResults(tx, actor, id);
    const root = rootFor(l, q.unitId);
    const aggs = subtreeAggs(l);
    const n = l.plan.countOf(groupKeyOf(root));
    const min = l.assessment.minGroupSize;
    if (n === undefined) return { l, overview: { suppressed: true, minGroupSize: min } satisfies Overview, profiles: [] };
    const agg = rootAgg(l, root, aggs);
    const summaries = pillarSummaries(agg, l.items);
    const items = itemSummaries(agg, l.items, min);
    const guidanceByLevel = LEVELS.flatMap((level: Level) => {
      const s = items[`guidance_${level}`];
      return s ? [{ level, index: s.index, favourable: s.favourable, n: s.n }] : [];
    });
    const overview: Overview = {
      suppressed: false,
      minGroupSize: min,
      n,
      pillars: pillarScores(summaries),
      items,
      maturity: maturities(summaries),
      guidanceByLevel,
      strategies: sectionScores(agg, l.items, l.assessment.sections, 'strategy_alignment', min),
      embedding: sectionScores(agg, l.items, l.assessment.sections, 'embedding', min),
      ecosystem: sectionScores(agg, l.items, l.assessment.sections, 'ecosystem', min),
    };
    const vision = visionStateOf(agg, l.items);
    if (vision) overview.visionState = vision;
    return { l, overview, profiles: l.view.kind === 'orgOnly' ? [] : profilesOf(l, root, aggs) };
  });
  if (computed.overview.suppressed) return computed.overview;
  return { ...computed.overview, drivers: await driversOf(ctx, actor, computed.l, computed.profiles) };
}

/** `GET /assessments/:id/heatmap?unitId=`: units × pillar indexes, hidden cells empty, and the organisation's indexes. */
export function getHeatmap(ctx: AppContext, actor: Actor, id: string, q: { unitId?: string }): Promise<z.infer<typeof HeatmapSchema>> {
  authorize(actor, 'assessmentResults.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const l = await loadResults(tx, actor, id);
    refuseOrgOnly(l);
    const root = rootFor(l, q.unitId);
    const aggs = subtreeAggs(l);
    const indexes = (agg: Agg) => Object.fromEntries(Object.entries(pillarScores(pillarSummaries(agg, l.items))).map(([p, s]) => [p, s.index]));
    const rows = subtreeUnits(l, root).map((u) => {
      const n = l.plan.countOf(`unit:${u.id}`);
      if (n === undefined) return { unitId: u.id, parentId: u.parentId, suppressed: true };
      return { unitId: u.id, parentId: u.parentId, suppressed: false, n, values: indexes(aggs.get(u.id)!) };
    });
    const orgValues = l.plan.isShown('org') ? indexes(aggOf(l, () => true)) : {};
    return { pillars: PILLARS.filter((p) => l.items.pillarItems.has(p)), rows, orgValues };
  });
}

/** `GET /assessments/:id/comments?unitId=`: the group's redacted comments in a random order, none under minCommentGroupSize. */
export function getComments(ctx: AppContext, actor: Actor, id: string, q: { unitId?: string }): Promise<z.infer<typeof CommentsSchema>> {
  authorize(actor, 'assessmentResults.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const l = await loadResults(tx, actor, id);
    refuseOrgOnly(l);
    const root = rootFor(l, q.unitId);
    const commentPlan = planDisclosure(l.units, l.atoms, l.assessment.minCommentGroupSize);
    if (!commentPlan.isShown(groupKeyOf(root))) return { suppressed: true, items: [] };
    const unitIds = root.kind === 'org' ? null : subtreeUnits(l, root).map((u) => u.id);
    const texts = shuffle(await readCommentTexts(tx, actor.orgId, l.assessment.id, unitIds, COMMENT_LIMIT));
    return { suppressed: false, items: texts.map((text) => ({ text })) };
  });
}

/** Fisher–Yates with a cryptographic random source: the order says nothing about who wrote when. */
export function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/**
 * `GET /assessments/:id/response-rates`: per unit (subtree) how many were invited
 * (hidden under minGroupSize invitees) and how many answered (passing their
 * own plan and the assessment's disclosure plan, like every figure of answers).
 */
export function getResponseRates(ctx: AppContext, actor: Actor, id: string, q: { unitId?: string } = {}): Promise<z.infer<typeof ResponseRatesSchema>> {
  authorize(actor, 'assessmentResults.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const l = await loadResults(tx, actor, id);
    refuseOrgOnly(l);
    const root = rootFor(l, q.unitId);
    const invitations = await readInvitationAtoms(tx, actor.orgId, l.assessment.id);
    const invitedPlan = planDisclosure(
      l.units,
      invitations.map((i) => ({ unitId: i.unitId, level: i.level, n: i.invited })),
      l.assessment.minGroupSize,
    );
    // Answered = invitations marked answered (a response rate is of invitations), shown only where the answers'
    // own plan shows the group too. In real use both counts are equal; they differ only for answers without an
    // invitation (the demo's synthetic respondents), which must not make a rate above 100 %.
    const answeredPlan = planDisclosure(
      l.units,
      invitations.map((i) => ({ unitId: i.unitId, level: i.level, n: i.answered })),
      l.assessment.minGroupSize,
    );
    const figures = (group: GroupKey) => {
      const invited = invitedPlan.countOf(group);
      if (invited === undefined) return null;
      const answered = l.plan.isShown(group) ? answeredPlan.countOf(group) : undefined;
      return answered === undefined ? { invited } : { invited, answered, rate: Math.round((1000 * answered) / invited) / 10 };
    };
    const rows = subtreeUnits(l, root).map((u) => {
      const f = figures(`unit:${u.id}`);
      return f ? { unitId: u.id, parentId: u.parentId, suppressed: false, ...f } : { unitId: u.id, parentId: u.parentId, suppressed: true };
    });
    const total = figures(groupKeyOf(root));
    return { minGroupSize: l.assessment.minGroupSize, ...(total ? { total } : {}), rows };
  });
}

/** The organisation-wide index of a pillar (or one item) when shown: action plans' baseline and after. */
export async function orgIndexOf(ctx: AppContext, actor: Actor, assessmentId: string, target: { pillar: string | null; itemKey: string | null }): Promise<number | null> {
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const l = await loadResults(tx, actor, assessmentId);
    if (!l.plan.isShown('org')) return null;
    const agg = aggOf(l, () => true);
    const items = itemSummaries(agg, l.items, l.assessment.minGroupSize);
    if (target.itemKey && items[target.itemKey]) return items[target.itemKey]!.index;
    const pillar = target.pillar ? pillarScores(pillarSummaries(agg, l.items))[target.pillar as Pillar] : undefined;
    return pillar?.index ?? null;
  });
}

/** `GET /assessments/:id/benchmarks`: the organisation's % favourable (or % choosing a vision state) beside the published figures. */
export function getBenchmarks(ctx: AppContext, actor: Actor, id: string): Promise<z.infer<typeof BenchmarksWithRangesSchema>> {
  authorize(actor, 'assessmentResults.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const l = await loadResults(tx, actor, id);
    const shown = l.plan.isShown('org');
    const agg = aggOf(l, () => true);
    const items = shown ? itemSummaries(agg, l.items, l.assessment.minGroupSize) : {};
    const states = shown ? visionStateOf(agg, l.items) : undefined;
    const ours = (item: string): number | null => {
      const state = benchmarkState(item);
      if (state) return states?.[state] ?? null;
      return items[item]?.favourable ?? null;
    };
    return { rows: REPORT_BENCHMARKS.map((b) => ({ ...b, ours: ours(b.item) })) };
  });
}

/** `GET /assessments/:id/segments?unitId=`: visionary-like units among the finest shown units (rules under 8, seeded k-means from 8). */
export function getSegments(ctx: AppContext, actor: Actor, id: string, q: { unitId?: string }): Promise<z.infer<typeof SegmentsSchema>> {
  authorize(actor, 'assessmentResults.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const l = await loadResults(tx, actor, id);
    refuseOrgOnly(l);
    const profiles = profilesOf(l, rootFor(l, q.unitId), subtreeAggs(l)).map((u) => u.profile);
    const kmeans = profiles.length >= MIN_UNITS_FOR_KMEANS ? kmeansSegments(profiles, SEGMENT_SEED) : null;
    if (kmeans) return { method: 'kmeans', units: kmeans.units, discriminatingItems: kmeans.discriminatingItems, k: kmeans.k, silhouette: kmeans.silhouette };
    return { method: 'rules', units: ruleSegments(profiles), discriminatingItems: [] };
  });
}
