/**
 * Turns a metric, its filters and a period into one SQL statement. Score
 * metrics (nps, csat, ces) read the rollups: month rows for the whole months
 * of the period, day rows for the whole days around them, and the raw responses
 * only for the partial days at the edges of a period that does not start or end
 * at midnight. The other metrics aggregate their own tables through indexes.
 */
import type { MetricGroupBy, MetricName } from '../../../contracts/metrics.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { CES_EASY_MIN, CSAT_TOP2_MIN } from './rollups.write.ts';
import { emptyPartials, type Partials } from './metrics.stats.ts';

/** Which rows count: null means no restriction on that dimension. */
export interface DimensionFilter {
  unitIds: string[] | null;
  employeeId: string | null;
  surveyId: string | null;
  touchpoint: string | null;
  channel: string | null;
  /** The caller may see nothing (a manager without an employee record). */
  isEmpty: boolean;
}

/** A half-open period [from, to) of instants (ms since epoch); null is unbounded. */
export interface Period {
  from: number | null;
  to: number | null;
}

type DateRange = [string | null, string | null];
interface Plan {
  raw: Array<[number | null, number | null]>;
  days: DateRange[];
  months: DateRange[];
}

interface Source {
  from: string;
  where: string[];
  time: string;
  unit: string;
  employee: string;
  survey: string | null;
  touchpoint: string;
  channel: string;
  /** n, pos, neg, sum, sq */
  aggregates: string;
}

const EMP_JOIN = 'LEFT JOIN employees e ON e.org_id = x.org_id AND e.id = x.employee_id';
const rawDims = { unit: 'coalesce(x.unit_id, e.unit_id)', employee: 'x.employee_id', touchpoint: 'x.touchpoint', channel: 'x.channel' };
const responses = (aggregates: string): Source => ({
  from: `responses x ${EMP_JOIN}`,
  where: ["x.flags = '{}'::text[]"],
  time: 'x.submitted_at',
  survey: 'x.survey_id',
  ...rawDims,
  aggregates,
});
const interactions = (aggregates: string): Source => ({ from: `interactions x ${EMP_JOIN}`, where: [], time: 'x.occurred_at', survey: null, ...rawDims, aggregates });
const texts = (aggregates: string): Source => ({
  from: `text_analyses a JOIN responses x ON x.org_id = a.org_id AND x.id = a.response_id ${EMP_JOIN}`,
  where: ["x.flags = '{}'::text[]"],
  time: 'x.submitted_at',
  survey: 'x.survey_id',
  ...rawDims,
  aggregates,
});

const RAW: Record<MetricName, Source> = {
  nps: responses('count(x.nps), count(*) FILTER (WHERE x.nps >= 9), count(*) FILTER (WHERE x.nps <= 6), 0, 0'),
  csat: responses(`count(x.csat), count(*) FILTER (WHERE x.csat >= ${CSAT_TOP2_MIN}), 0, sum(x.csat), sum(x.csat * x.csat)`),
  ces: responses(`count(x.ces), count(*) FILTER (WHERE x.ces >= ${CES_EASY_MIN}), 0, sum(x.ces), sum(x.ces * x.ces)`),
  fcr: interactions('count(x.resolved_first_contact), count(*) FILTER (WHERE x.resolved_first_contact), 0, 0, 0'),
  resolution_time: interactions('count(x.resolution_minutes), 0, 0, sum(x.resolution_minutes), sum(x.resolution_minutes::float8 * x.resolution_minutes)'),
  churn_rate: interactions('count(x.churned), count(*) FILTER (WHERE x.churned), 0, 0, 0'),
  conversion_rate: interactions('count(x.converted), count(*) FILTER (WHERE x.converted), 0, 0, 0'),
  response_rate: {
    from: `survey_links x ${EMP_JOIN}`,
    where: ['x.personal'],
    time: 'x.created_at',
    survey: 'x.survey_id',
    ...rawDims,
    aggregates: 'count(*), count(x.response_id), 0, 0, 0',
  },
  sentiment: texts('count(*), 0, 0, sum(a.score), sum(a.score::float8 * a.score)'),
  praise: texts('count(*), count(*) FILTER (WHERE a.is_praise), 0, 0, 0'),
  // Completed mystery-shopping visits (audit module), scored 0–100 % of the checklist; a visit rates a unit, not an employee.
  audit_score: {
    from: 'experience_audits x',
    where: ["x.kind = 'mystery'", "x.status = 'completed'"],
    time: 'x.completed_at',
    survey: null,
    unit: 'x.unit_id',
    employee: 'NULL::uuid',
    touchpoint: 'x.touchpoint',
    channel: 'NULL::text',
    aggregates: 'count(x.score_pct), 0, 0, sum(x.score_pct), sum(x.score_pct * x.score_pct)',
  },
};

/** The rollup columns behind each score metric (n, pos, neg, sum, sq). */
const ROLLUP: Partial<Record<MetricName, string>> = {
  nps: 'sum(x.nps_n), sum(x.promoters), sum(x.detractors), 0, 0',
  csat: 'sum(x.csat_n), sum(x.csat_top2), 0, sum(x.csat_sum), sum(x.csat_sq)',
  ces: 'sum(x.ces_n), sum(x.ces_easy), 0, sum(x.ces_sum), sum(x.ces_sq)',
};

/** Whether a metric has a survey dimension (the O-data metrics have none). */
export const hasSurvey = (metric: MetricName): boolean => RAW[metric].survey !== null;

export interface AggregateOptions {
  /** Read raw rows only (the property test's reference and the benchmark's raw scan). */
  rawOnly?: boolean;
}

/** Partials per group key for one metric, filter and period. */
export async function aggregate(
  tx: Queryable,
  orgId: string,
  timeZone: string,
  metric: MetricName,
  filter: DimensionFilter,
  period: Period,
  groupBy: MetricGroupBy | null,
  options: AggregateOptions = {},
): Promise<Map<string, Partials>> {
  if (filter.isEmpty) return new Map();
  const params: unknown[] = [orgId, timeZone];
  const param = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const rollup = ROLLUP[metric];
  const plan: Plan = rollup && !options.rawOnly ? await planPeriod(tx, timeZone, period, groupBy !== 'day' && groupBy !== 'week') : { raw: [[period.from, period.to]], days: [], months: [] };
  const parts: string[] = [];
  const raw = RAW[metric];
  const dims = (s: { unit: string; employee: string; survey: string | null; touchpoint: string; channel: string }) => {
    const c: string[] = [];
    if (filter.unitIds) c.push(`${s.unit} = ANY (${param(filter.unitIds)}::uuid[])`);
    if (filter.employeeId) c.push(`${s.employee} = ${param(filter.employeeId)}::uuid`);
    if (filter.surveyId && s.survey) c.push(`${s.survey} = ${param(filter.surveyId)}::uuid`);
    if (filter.touchpoint !== null) c.push(`${s.touchpoint} = ${param(filter.touchpoint)}`);
    if (filter.channel !== null) c.push(`${s.channel} = ${param(filter.channel)}`);
    return c;
  };
  if (rollup) {
    const x = { unit: 'x.unit_id', employee: 'x.employee_id', survey: 'x.survey_id', touchpoint: 'x.touchpoint', channel: 'x.channel' };
    for (const [grain, ranges] of [['day', plan.days], ['month', plan.months]] as const) {
      if (!ranges.length) continue;
      const time = ranges.map(([a, b]) => `(${[a ? `x.period >= ${param(a)}::date` : 'true', b ? `x.period < ${param(b)}::date` : 'true'].join(' AND ')})`);
      const where = ['x.org_id = $1', `x.grain = '${grain}'`, `(${time.join(' OR ')})`, ...dims(x)];
      parts.push(`SELECT ${rollupKey(groupBy)} AS key, ${rollup} FROM metric_rollups x WHERE ${where.join(' AND ')} GROUP BY 1`);
    }
  }
  if (plan.raw.length) {
    const time = plan.raw.map(([a, b]) => `(${[a !== null ? `${raw.time} >= ${param(new Date(a).toISOString())}::timestamptz` : 'true', b !== null ? `${raw.time} < ${param(new Date(b).toISOString())}::timestamptz` : 'true'].join(' AND ')})`);
    const where = ['x.org_id = $1', ...raw.where, `(${time.join(' OR ')})`, ...dims(raw)];
    parts.push(`SELECT ${rawKey(groupBy, raw)} AS key, ${raw.aggregates} FROM ${raw.from} WHERE ${where.join(' AND ')} GROUP BY 1`);
  }
  if (!parts.length) return new Map();
  const rows = await tx.query<{ key: string } & Partials>(
    `SELECT key, sum(n)::float8 AS n, sum(pos)::float8 AS pos, sum(neg)::float8 AS neg, coalesce(sum(s), 0)::float8 AS sum, coalesce(sum(sq), 0)::float8 AS sq
       FROM (${parts.map((p) => `(${p})`).join(' UNION ALL ')}) AS parts(key, n, pos, neg, s, sq)
      WHERE $2::text IS NOT NULL
      GROUP BY key ORDER BY key`,
    params,
  );
  return new Map(rows.map((r) => [r.key, { n: r.n, pos: r.pos, neg: r.neg, sum: r.sum, sq: r.sq }]));
}

function rollupKey(groupBy: MetricGroupBy | null): string {
  switch (groupBy) {
    case 'day':
      return `to_char(x.period, 'YYYY-MM-DD')`;
    case 'week':
      return `to_char(date_trunc('week', x.period), 'YYYY-MM-DD')`;
    case 'month':
      return `to_char(x.period, 'YYYY-MM')`;
    case null:
      return `'all'`;
    default:
      return dimensionKey(groupBy, { unit: 'x.unit_id', employee: 'x.employee_id', touchpoint: 'x.touchpoint', channel: 'x.channel' });
  }
}

function rawKey(groupBy: MetricGroupBy | null, s: Source): string {
  const local = `(${s.time} AT TIME ZONE $2)`;
  switch (groupBy) {
    case 'day':
      return `to_char(${local}, 'YYYY-MM-DD')`;
    case 'week':
      return `to_char(date_trunc('week', ${local}), 'YYYY-MM-DD')`;
    case 'month':
      return `to_char(${local}, 'YYYY-MM')`;
    case null:
      return `'all'`;
    default:
      return dimensionKey(groupBy, s);
  }
}

function dimensionKey(groupBy: 'unit' | 'employee' | 'touchpoint' | 'channel', s: { unit: string; employee: string; touchpoint: string; channel: string }): string {
  const column = { unit: `${s.unit}::text`, employee: `${s.employee}::text`, touchpoint: s.touchpoint, channel: s.channel }[groupBy];
  return `coalesce(${column}, 'none')`;
}

/**
 * Splits a period into partial days at its edges (raw rows), whole days and,
 * when the grouping allows, whole months (rollups), in the organisation's time zone.
 */
async function planPeriod(tx: Queryable, timeZone: string, period: Period, useMonths: boolean): Promise<Plan> {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const [b] = await tx.query<{ first_day: string | null; first_day_start: number | null; last_day: string | null; last_day_start: number | null }>(
    `WITH p AS (SELECT $2::timestamptz AT TIME ZONE $1 AS f, $3::timestamptz AT TIME ZONE $1 AS t)
     SELECT d.first_day::text, extract(epoch FROM (d.first_day::timestamp AT TIME ZONE $1)) * 1000 AS first_day_start,
            d.last_day::text, extract(epoch FROM (d.last_day::timestamp AT TIME ZONE $1)) * 1000 AS last_day_start
       FROM p, LATERAL (SELECT CASE WHEN p.f = date_trunc('day', p.f) THEN p.f::date ELSE p.f::date + 1 END AS first_day, p.t::date AS last_day) d`,
    [timeZone, iso(period.from), iso(period.to)],
  );
  const firstDay = b!.first_day;
  const lastDay = b!.last_day;
  const firstStart = b!.first_day_start === null ? null : Number(b!.first_day_start);
  const lastStart = b!.last_day_start === null ? null : Number(b!.last_day_start);
  if (firstDay !== null && lastDay !== null && firstDay >= lastDay) return { raw: [[period.from, period.to]], days: [], months: [] };
  const raw: Plan['raw'] = [];
  if (period.from !== null && firstStart !== period.from) raw.push([period.from, firstStart]);
  if (period.to !== null && lastStart !== period.to) raw.push([lastStart, period.to]);
  if (!useMonths) return { raw, days: [[firstDay, lastDay]], months: [] };
  const firstMonth = firstDay === null ? null : firstDay.endsWith('-01') ? firstDay : nextMonth(firstDay);
  const lastMonth = lastDay === null ? null : `${lastDay.slice(0, 7)}-01`;
  if (firstMonth !== null && lastMonth !== null && firstMonth >= lastMonth) return { raw, days: [[firstDay, lastDay]], months: [] };
  const days: DateRange[] = [];
  if (firstDay !== null && firstDay !== firstMonth) days.push([firstDay, firstMonth]);
  if (lastDay !== null && lastDay !== lastMonth) days.push([lastMonth, lastDay]);
  return { raw, days, months: [[firstMonth, lastMonth]] };
}

function nextMonth(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The sum of several groups' partials (the whole period across every key). */
export function totalOf(groups: Iterable<Partials>): Partials {
  const t = emptyPartials();
  for (const p of groups) {
    t.n += p.n;
    t.pos += p.pos;
    t.neg += p.neg;
    t.sum += p.sum;
    t.sq += p.sq;
  }
  return t;
}
