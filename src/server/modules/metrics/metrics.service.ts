/**
 * `GET /metrics/:metric`: the caller's data scope and filters, the period and
 * the previous one of equal length, values with intervals and the significance
 * of the change.
 */
import type { MetricName, MetricQuery, MetricResult } from '../../../contracts/metrics.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { dataScopeOf, unitSubtreeIds } from '../org/index.ts';
import { aggregate, hasSurvey, totalOf, type DimensionFilter, type Period } from './metrics.query.ts';
import { compare, rowOf } from './metrics.stats.ts';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** One metric over the caller's scope, filtered and grouped, with the change against the previous period. */
export function getMetric(ctx: AppContext, actor: Actor, metric: MetricName, q: MetricQuery): Promise<MetricResult> {
  authorize(actor, 'metrics.read');
  if (q.surveyId && !hasSurvey(metric)) {
    throw new AppError(400, 'filter_not_applicable', `${metric} is not computed from survey answers: leave out surveyId`, { field: 'surveyId' });
  }
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const filter = await filterFor(tx, actor, q);
    const { timeZone: tz, ...period } = await resolvePeriod(tx, actor.orgId, q);
    const groupBy = q.groupBy ?? null;
    const groups = await aggregate(tx, actor.orgId, tz, metric, filter, period, groupBy);
    const rows = [...groups].map(([key, p]) => rowOf(metric, key, p));
    if (groupBy === null && rows.length === 0) rows.push(rowOf(metric, 'all', totalOf([])));
    let comparison: MetricResult['comparison'] = null;
    if (period.from !== null) {
      const end = period.to ?? Math.max(ctx.clock.now().getTime(), period.from + 1);
      const previous: Period = { from: period.from - (end - period.from), to: period.from };
      const current = totalOf(groups.values());
      const before = totalOf((await aggregate(tx, actor.orgId, tz, metric, filter, previous, null)).values());
      comparison = {
        from: new Date(previous.from!).toISOString(),
        to: new Date(previous.to!).toISOString(),
        current: rowOf(metric, 'current', current),
        previous: rowOf(metric, 'previous', before),
        ...compare(metric, current, before),
      };
    }
    return { metric, groupBy, rows, comparison };
  });
}

/** The query's period as instants ([from, to), null unbounded) and the organisation's time zone; 400 when from ≥ to. */
export async function resolvePeriod(tx: Queryable, orgId: string, q: { from?: string; to?: string }): Promise<Period & { timeZone: string }> {
  const [org] = await tx.query<{ time_zone: string; from_ms: number | null; to_ms: number | null }>(
    `SELECT time_zone,
            extract(epoch FROM ${instantSql(q.from, '$2')}) * 1000 AS from_ms,
            extract(epoch FROM ${instantSql(q.to, '$3')}) * 1000 AS to_ms
       FROM organisations WHERE id = $1`,
    [orgId, q.from ?? null, q.to ?? null],
  );
  const from = org!.from_ms === null ? null : Number(org!.from_ms);
  const to = org!.to_ms === null ? null : Number(org!.to_ms);
  if (from !== null && to !== null && from >= to) {
    throw invalid('`from` must be before `to`', { field: 'from', issues: [{ field: 'querystring.from', message: 'must be before to' }] });
  }
  return { timeZone: org!.time_zone, from, to };
}

/** The period alone (insight endpoints). */
export const periodOf = async (tx: Queryable, orgId: string, q: { from?: string; to?: string }): Promise<Period> => {
  const { from, to } = await resolvePeriod(tx, orgId, q);
  return { from, to };
};

/** A date means its midnight in the organisation's time zone; anything else is an instant. */
function instantSql(value: string | undefined, p: string): string {
  if (value && DATE_ONLY.test(value)) return `(${p}::date::timestamp AT TIME ZONE time_zone)`;
  return `${p}::timestamptz`;
}

/**
 * The dimension filter of the caller's data scope and query: a manager sees
 * their unit subtree (another unit or employee answers 404 so existence does
 * not leak), an employee their own responses, an admin everything.
 */
export async function filterFor(tx: Queryable, actor: Actor, q: Omit<MetricQuery, 'groupBy'>): Promise<DimensionFilter> {
  const scope = await dataScopeOf(tx, actor);
  const filter: DimensionFilter = {
    unitIds: null,
    employeeId: q.employeeId ?? null,
    surveyId: q.surveyId ?? null,
    touchpoint: q.touchpoint ?? null,
    channel: q.channel ?? null,
    isEmpty: scope.kind === 'none',
  };
  if (scope.kind === 'self') {
    if (q.employeeId && q.employeeId !== scope.employeeId) throw notFound('employee');
    filter.employeeId = scope.employeeId;
  }
  if (q.unitId) {
    const subtree = await unitSubtreeIds(tx, actor.orgId, q.unitId);
    if (!subtree.length || (scope.kind === 'units' && !scope.unitIds.includes(q.unitId))) throw notFound('unit');
    filter.unitIds = subtree;
  } else if (scope.kind === 'units') {
    filter.unitIds = scope.unitIds;
  }
  if (q.employeeId && scope.kind !== 'self') {
    const [e] = await tx.query<{ unit_id: string }>(`SELECT unit_id FROM employees WHERE org_id = $1 AND id = $2`, [actor.orgId, q.employeeId]);
    if (!e || (scope.kind === 'units' && !scope.unitIds.includes(e.unit_id))) throw notFound('employee');
  }
  if (q.surveyId) {
    const [s] = await tx.query(`SELECT 1 FROM surveys WHERE org_id = $1 AND id = $2`, [actor.orgId, q.surveyId]);
    if (!s) throw notFound('survey');
  }
  return filter;
}
