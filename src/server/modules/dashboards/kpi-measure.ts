/**
 * The current value of KPIs: a metric over the last N days in the KPI's unit
 * subtree (read from the metrics engine's rollups), or the latest value
 * recorded by hand; and how far that value has come towards the target.
 */
import type { Kpi, KpiMetric } from '../../../contracts/dashboards.ts';
import type { MetricName } from '../../../contracts/metrics.ts';
import type { Actor } from '../../platform/actor.ts';
import { DAY } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { getMetric } from '../metrics/index.ts';
import { attainmentOf, isMet } from './scorecard.math.ts';

/** Metrics computed from responses, which can be narrowed to one survey. */
const SURVEY_METRICS = new Set<string>(['nps', 'csat', 'ces', 'response_rate', 'sentiment', 'praise']);
/** Metrics where less is better. */
const LOWER_IS_BETTER = new Set<string>(['resolution_time', 'churn_rate']);

export const defaultDirection = (metric: KpiMetric): 'higher' | 'lower' => (LOWER_IS_BETTER.has(metric) ? 'lower' : 'higher');

/** 400 when a filter cannot apply to the metric (a survey for an interaction metric). */
export function checkFilters(metric: KpiMetric, filters: { surveyId?: string } | undefined): void {
  if (filters?.surveyId && metric !== 'manual' && !SURVEY_METRICS.has(metric)) {
    throw new AppError(400, 'filter_not_applicable', `${metric} is computed from interactions, which have no survey: leave out filters.surveyId`, { field: 'filters.surveyId' });
  }
}

export type KpiBase = Omit<Kpi, 'current'>;
export type ManualValue = { value: number; recordedOn: string };

/** The latest hand-recorded value of each manual KPI among `ids` (recorded within `window` when given: local dates, `to` exclusive). */
export async function latestManualValues(tx: Queryable, orgId: string, ids: string[], window?: { from: string; to: string }): Promise<Map<string, ManualValue>> {
  if (!ids.length) return new Map();
  const rows = await tx.query<{ kpi_id: string; value: number; recorded_on: string }>(
    `SELECT DISTINCT ON (kpi_id) kpi_id, value, to_char(recorded_on, 'YYYY-MM-DD') AS recorded_on
       FROM kpi_values WHERE org_id = $1 AND kpi_id = ANY($2::uuid[])
        AND ($3::date IS NULL OR (recorded_on >= $3::date AND recorded_on < $4::date))
      ORDER BY kpi_id, recorded_on DESC, created_at DESC`,
    [orgId, ids, window?.from ?? null, window?.to ?? null],
  );
  return new Map(rows.map((r) => [r.kpi_id, { value: Number(r.value), recordedOn: r.recorded_on }]));
}

/**
 * Adds the current value to each KPI: over its last `periodDays`, or over
 * `window` when given (a whole year for the annual team award). Runs outside
 * any transaction (the metrics engine opens its own) and as the organisation:
 * a KPI's figure is an aggregate its viewers may see once they may see the KPI.
 */
export async function measureKpis(ctx: AppContext, orgId: string, kpis: KpiBase[], manual: Map<string, ManualValue>, window?: { from: Date; to: Date }): Promise<Kpi[]> {
  const asOrg: Actor = { orgId, kind: 'api_key', id: 'dashboards', role: 'admin', employeeId: null };
  const now = ctx.clock.now();
  const out: Kpi[] = [];
  for (const k of kpis) {
    let value: number | null = null;
    let n: number | null = null;
    let asOf: string | null = null;
    if (k.metric === 'manual') {
      const m = manual.get(k.id);
      value = m?.value ?? null;
      asOf = m?.recordedOn ?? null;
    } else {
      try {
        const res = await getMetric(ctx, asOrg, k.metric as MetricName, {
          from: (window?.from ?? new Date(now.getTime() - k.periodDays * DAY)).toISOString(),
          ...(window ? { to: window.to.toISOString() } : {}),
          unitId: k.unitId ?? undefined,
          ...k.filters,
        });
        const row = res.rows[0];
        value = row?.value ?? null;
        n = row?.n ?? 0;
      } catch (err) {
        // A unit or survey removed since the KPI was set: the KPI shows no value rather than failing the page.
        if (!(err instanceof AppError)) throw err;
      }
    }
    out.push({ ...k, current: { value, n, asOf, attainment: attainmentOf(value, k), met: isMet(value, k) } });
  }
  return out;
}
