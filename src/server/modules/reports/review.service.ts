/**
 * The monthly experience review's figures, gathered from each capability
 * through its public surface and always as the viewer: the metrics API (the
 * same code path as `GET /api/v1/metrics/:metric`, so figures equal it), the
 * metric tree and goals, root causes, improvement projects, recognition, the
 * latest closed culture assessment, executive listening and decisions, and
 * mystery shopping and audits. A manager's review therefore covers their
 * subtree only, and a subscriber's e-mail is rendered as the subscriber.
 */
import type { Goal, Kpi } from '../../../contracts/dashboards.ts';
import type { ImprovementProjectDetail } from '../../../contracts/improvements.ts';
import type { MetricName, MetricResult } from '../../../contracts/metrics.ts';
import type { Overview } from '../../../contracts/culture.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize, can } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { auditDigest, type AuditDigest } from '../audit/index.ts';
import { summariseRootCauses, type RootCauseSummary } from '../cases/index.ts';
import { getOverview, listAssessments } from '../culture/index.ts';
import { listGoals, listKpis } from '../dashboards/index.ts';
import { governanceDigest, type GovernanceDigest } from '../governance/index.ts';
import { getImprovementProject, listImprovementProjects } from '../improvements/index.ts';
import { getMetric } from '../metrics/index.ts';
import { dataScopeOf } from '../org/index.ts';
import { recognitionDigest, type RecognitionDigest } from '../recognition/index.ts';
import { resolveMonth, type ReviewMonth } from './review.month.ts';

/** The headline cards, in order. */
export const HEADLINE_METRICS = ['nps', 'csat', 'ces', 'fcr', 'resolution_time', 'response_rate', 'sentiment', 'praise'] as const satisfies readonly MetricName[];
export type HeadlineMetric = (typeof HEADLINE_METRICS)[number];

/** Groups with fewer answers are left out of the by-unit chart (as public boards withhold them). */
export const MIN_UNIT_ANSWERS = 5;
const MAX_PROJECTS = 6;

export interface MonthlyReview {
  org: { name: string; nameEn: string | null };
  /** The viewer's unit for a manager (their subtree), null for the whole organisation. */
  scopeUnit: { name: string; nameEn: string | null } | null;
  period: ReviewMonth;
  generatedAt: Date;
  headline: Array<{ metric: HeadlineMetric; result: MetricResult }>;
  trend: { nps: MetricResult; csat: MetricResult };
  npsByUnit: Array<{ unitId: string; name: string; nameEn: string | null; value: number; n: number }>;
  /** null: the viewer's role may not read that section. */
  kpis: Kpi[] | null;
  goals: Goal[] | null;
  rootCauses: RootCauseSummary | null;
  improvements: ImprovementProjectDetail[] | null;
  recognition: RecognitionDigest | null;
  culture: { name: string; closedAt: string; overview: Overview } | null;
  governance: GovernanceDigest | null;
  audit: AuditDigest | null;
}

/** A section the viewer's role may not read is left out rather than failing the whole review. */
async function orNull<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof AppError && (err.status === 403 || err.status === 404)) return null;
    throw err;
  }
}

export async function buildMonthlyReview(ctx: AppContext, actor: Actor, month: string): Promise<MonthlyReview> {
  authorize(actor, 'report.read');
  const generatedAt = ctx.clock.now();
  const { period, org, scopeUnit } = await ctx.db.tenant(actor.orgId, async (tx) => {
    const period = await resolveMonth(tx, actor.orgId, month, generatedAt);
    const [org] = await tx.query<{ name: string; name_en: string | null }>(`SELECT name, name_en FROM organisations WHERE id = $1`, [actor.orgId]);
    const scope = await dataScopeOf(tx, actor);
    let scopeUnit: MonthlyReview['scopeUnit'] = null;
    if (scope.kind !== 'org' && actor.employeeId) {
      const [unit] = await tx.query<{ name: string; name_en: string | null }>(
        `SELECT u.name, u.name_en FROM employees e JOIN units u ON u.org_id = e.org_id AND u.id = e.unit_id WHERE e.org_id = $1 AND e.id = $2`,
        [actor.orgId, actor.employeeId],
      );
      scopeUnit = unit ? { name: unit.name, nameEn: unit.name_en } : null;
    }
    return { period, org: { name: org!.name, nameEn: org!.name_en }, scopeUnit };
  });
  const range = { from: period.fromAt, to: period.toAt };
  const monthQuery = { from: period.from, to: period.to };

  const headline: MonthlyReview['headline'] = [];
  for (const metric of HEADLINE_METRICS) headline.push({ metric, result: await getMetric(ctx, actor, metric, monthQuery) });
  const trendQuery = { from: period.trendFrom, to: period.to, groupBy: 'month' as const };
  const trend = { nps: await getMetric(ctx, actor, 'nps', trendQuery), csat: await getMetric(ctx, actor, 'csat', trendQuery) };

  return {
    org,
    scopeUnit,
    period,
    generatedAt,
    headline,
    trend,
    npsByUnit: await npsByUnit(ctx, actor, monthQuery),
    kpis: can(actor, 'kpi.read') ? await orNull(() => listKpis(ctx, actor, {}, monthQuery)) : null,
    goals: can(actor, 'goal.read') ? await orNull(() => listGoals(ctx, actor, monthQuery)) : null,
    rootCauses: can(actor, 'case.read') ? await orNull(() => summariseRootCauses(ctx, actor, range)) : null,
    improvements: can(actor, 'improvement.read') ? await orNull(() => improvementsOf(ctx, actor, period)) : null,
    recognition: can(actor, 'recognition.read') ? await orNull(() => recognitionDigest(ctx, actor, { ...range, month: period.month })) : null,
    culture: can(actor, 'assessmentResults.read') ? await orNull(() => latestCulture(ctx, actor, period)) : null,
    governance: await orNull(() => governanceDigest(ctx, actor, range)),
    audit: await orNull(() => auditDigest(ctx, actor, range)),
  };
}

/** NPS by the unit the answer belongs to, with names; small groups left out. */
async function npsByUnit(ctx: AppContext, actor: Actor, q: { from: string; to: string }): Promise<MonthlyReview['npsByUnit']> {
  const result = await getMetric(ctx, actor, 'nps', { ...q, groupBy: 'unit' });
  const rows = result.rows.filter((r) => r.value !== null && r.n >= MIN_UNIT_ANSWERS && r.key !== 'none');
  if (rows.length === 0) return [];
  const names = await ctx.db.tenant(actor.orgId, (tx) =>
    tx.query<{ id: string; name: string; name_en: string | null }>(`SELECT id, name, name_en FROM units WHERE org_id = $1 AND id = ANY ($2::uuid[])`, [
      actor.orgId,
      rows.map((r) => r.key),
    ]),
  );
  const byId = new Map(names.map((u) => [u.id, u]));
  return rows
    .filter((r) => byId.has(r.key))
    .map((r) => ({ unitId: r.key, name: byId.get(r.key)!.name, nameEn: byId.get(r.key)!.name_en, value: r.value!, n: r.n }))
    .sort((a, b) => b.value - a.value);
}

/**
 * Improvement projects that mattered in the month: running, just proposed, or done within the quarter before
 * its end; a manager sees those of units in their subtree (an effect measured elsewhere is not theirs to read).
 */
async function improvementsOf(ctx: AppContext, actor: Actor, period: ReviewMonth): Promise<ImprovementProjectDetail[]> {
  const { items } = await listImprovementProjects(ctx, actor, {});
  const scope = await ctx.db.tenant(actor.orgId, (tx) => dataScopeOf(tx, actor));
  const recentFrom = period.toAt.getTime() - 92 * 86_400_000;
  const rank = { done: 0, in_progress: 1, proposed: 2, cancelled: 3 } as const;
  const chosen = items
    .filter((p) => p.status !== 'cancelled' && Date.parse(p.createdAt) < period.toAt.getTime())
    .filter((p) => p.status !== 'done' || (p.completedAt !== null && Date.parse(p.completedAt) >= recentFrom && Date.parse(p.completedAt) < period.toAt.getTime()))
    .filter((p) => scope.kind === 'org' || (scope.kind === 'units' && p.unitId !== null && scope.unitIds.includes(p.unitId)))
    .sort((a, b) => rank[a.status] - rank[b.status] || (b.completedAt ?? b.createdAt).localeCompare(a.completedAt ?? a.createdAt))
    .slice(0, MAX_PROJECTS);
  const out: ImprovementProjectDetail[] = [];
  for (const p of chosen) out.push(await getImprovementProject(ctx, actor, p.id));
  return out;
}

/** The latest culture assessment closed by the end of the month, with the viewer's overview of it. */
async function latestCulture(ctx: AppContext, actor: Actor, period: ReviewMonth): Promise<MonthlyReview['culture']> {
  const { items } = await listAssessments(ctx, actor);
  const closed = items
    .filter((a) => a.status === 'closed' && a.closedAt !== null && Date.parse(a.closedAt) < period.toAt.getTime())
    .sort((a, b) => b.closedAt!.localeCompare(a.closedAt!));
  const latest = closed[0];
  if (!latest) return null;
  return { name: latest.name, closedAt: latest.closedAt!, overview: await getOverview(ctx, actor, latest.id, {}) };
}
