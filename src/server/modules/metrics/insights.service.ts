/**
 * Insight: X×O (what promoters, passives and detractors went on to do: churn,
 * conversion, spend) and key drivers of NPS (a linear regression of the NPS
 * answer on the survey's other scores, touchpoints, channels and the served
 * interaction's outcomes, with standard errors and p-values).
 */
import type { DriversResult, InsightQuery, XoResult } from '../../../contracts/metrics.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { getSurveyVersion } from '../surveys/index.ts';
import { filterFor, periodOf } from './metrics.service.ts';
import { compare, tTwoSided } from './metrics.stats.ts';
import type { DimensionFilter, Period } from './metrics.query.ts';

/** Rows a driver analysis reads at most (a uniform sample beyond: the coefficients are stable long before). */
const DRIVER_SAMPLE = 50_000;
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

/** SQL conditions over responses `r` (employees `e` joined) for the filter and period; params from $2. */
function whereOf(filter: DimensionFilter, period: Period, params: unknown[]): string {
  const add = (v: unknown) => (params.push(v), `$${params.length}`);
  const c = ['r.org_id = $1', "r.flags = '{}'::text[]", 'r.nps IS NOT NULL'];
  if (filter.isEmpty) c.push('false');
  if (filter.unitIds) c.push(`coalesce(r.unit_id, e.unit_id) = ANY (${add(filter.unitIds)}::uuid[])`);
  if (filter.employeeId) c.push(`r.employee_id = ${add(filter.employeeId)}::uuid`);
  if (filter.surveyId) c.push(`r.survey_id = ${add(filter.surveyId)}::uuid`);
  if (filter.touchpoint !== null) c.push(`r.touchpoint = ${add(filter.touchpoint)}`);
  if (filter.channel !== null) c.push(`r.channel = ${add(filter.channel)}`);
  if (period.from !== null) c.push(`r.submitted_at >= ${add(new Date(period.from).toISOString())}::timestamptz`);
  if (period.to !== null) c.push(`r.submitted_at < ${add(new Date(period.to).toISOString())}::timestamptz`);
  return c.join(' AND ');
}

/** Churn, conversion and spend of the interactions answered by promoters, passives and detractors. */
export function getXo(ctx: AppContext, actor: Actor, q: InsightQuery): Promise<XoResult> {
  authorize(actor, 'metrics.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const filter = await filterFor(tx, actor, q);
    const period = await periodOf(tx, actor.orgId, q);
    const params: unknown[] = [actor.orgId];
    const rows = await tx.query<{ grp: 'promoter' | 'passive' | 'detractor'; n: number; churn_n: number; churned: number; conv_n: number; converted: number; amount_n: number; amount_sum: number }>(
      `SELECT CASE WHEN r.nps >= 9 THEN 'promoter' WHEN r.nps >= 7 THEN 'passive' ELSE 'detractor' END AS grp, count(*)::int AS n,
              count(i.churned)::int AS churn_n, count(*) FILTER (WHERE i.churned)::int AS churned,
              count(i.converted)::int AS conv_n, count(*) FILTER (WHERE i.converted)::int AS converted,
              count(i.amount)::int AS amount_n, coalesce(sum(i.amount), 0)::float8 AS amount_sum
         FROM responses r JOIN interactions i ON i.org_id = r.org_id AND i.id = r.interaction_id
         LEFT JOIN employees e ON e.org_id = r.org_id AND e.id = r.employee_id
        WHERE ${whereOf(filter, period, params)}
        GROUP BY 1`,
      params,
    );
    const by = new Map(rows.map((r) => [r.grp, r]));
    const pct = (a: number, b: number) => (b ? round((100 * a) / b, 3) : null);
    const groups = (['promoter', 'passive', 'detractor'] as const).map((group) => {
      const r = by.get(group);
      return {
        group,
        n: r?.n ?? 0,
        churnRate: r ? pct(r.churned, r.churn_n) : null,
        conversionRate: r ? pct(r.converted, r.conv_n) : null,
        meanSpend: r?.amount_n ? round(r.amount_sum / r.amount_n, 2) : null,
      };
    });
    const p = by.get('promoter');
    const d = by.get('detractor');
    const part = (hits: number, n: number) => ({ n, pos: hits, neg: 0, sum: 0, sq: 0 });
    const churn = compare('churn_rate', part(d?.churned ?? 0, d?.churn_n ?? 0), part(p?.churned ?? 0, p?.churn_n ?? 0));
    return { rows: groups, detractorVsPromoterChurn: { change: churn.change, test: churn.test, pValue: churn.pValue, significant: churn.significant } };
  });
}

interface Driver {
  driver: string;
  kind: 'question' | 'touchpoint' | 'channel' | 'odata';
  /** The score of each row (null: missing, replaced by the mean). */
  value: (row: DriverRow) => number | null;
}
interface DriverRow {
  nps: number;
  answers: Record<string, unknown>;
  touchpoint: string | null;
  channel: string | null;
  fcr: boolean | null;
  minutes: number | null;
  amount: number | null;
}

/** Key drivers of NPS for one survey: OLS of the NPS answer on each candidate driver, with significance. */
export function getDrivers(ctx: AppContext, actor: Actor, q: InsightQuery): Promise<DriversResult> {
  authorize(actor, 'metrics.read');
  if (!q.surveyId) throw invalid('surveyId is required: drivers are the questions of one survey', { field: 'surveyId', issues: [{ field: 'querystring.surveyId', message: 'required' }] });
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const filter = await filterFor(tx, actor, q);
    const period = await periodOf(tx, actor.orgId, q);
    const survey = await getSurveyVersion(tx, actor.orgId, q.surveyId!);
    if (!survey) throw notFound('survey');
    const rows = await loadRows(tx, filter, period, actor.orgId);
    const firstNps = survey.questions.find((x) => x.type === 'nps')?.key;
    const candidates: Driver[] = survey.questions
      .filter((x) => ['csat', 'ces', 'rating'].includes(x.type) || (x.type === 'nps' && x.key !== firstNps))
      .map((x) => ({ driver: `question:${x.key}`, kind: 'question', value: (r: DriverRow) => (typeof r.answers[x.key] === 'number' ? (r.answers[x.key] as number) : null) }));
    for (const [kind, field] of [['touchpoint', 'touchpoint'], ['channel', 'channel']] as const) {
      const counts = new Map<string, number>();
      for (const r of rows) if (r[field] !== null) counts.set(r[field]!, (counts.get(r[field]!) ?? 0) + 1);
      // The most frequent value is the baseline the others are measured against.
      const levels = [...counts].sort((a, b) => b[1] - a[1]).slice(1, 11);
      for (const [level] of levels) candidates.push({ driver: `${kind}:${level}`, kind, value: (r) => (r[field] === null ? null : r[field] === level ? 1 : 0) });
    }
    candidates.push(
      { driver: 'odata:resolvedFirstContact', kind: 'odata', value: (r) => (r.fcr === null ? null : r.fcr ? 1 : 0) },
      { driver: 'odata:resolutionMinutes', kind: 'odata', value: (r) => r.minutes },
      { driver: 'odata:amount', kind: 'odata', value: (r) => r.amount },
    );
    return regress(rows, candidates);
  });
}

async function loadRows(tx: Queryable, filter: DimensionFilter, period: Period, orgId: string): Promise<DriverRow[]> {
  const params: unknown[] = [orgId];
  const where = whereOf(filter, period, params);
  return tx.query<DriverRow>(
    `SELECT r.nps, r.answers, r.touchpoint, r.channel, i.resolved_first_contact AS fcr, i.resolution_minutes AS minutes, i.amount::float8 AS amount
       FROM responses r LEFT JOIN interactions i ON i.org_id = r.org_id AND i.id = r.interaction_id
       LEFT JOIN employees e ON e.org_id = r.org_id AND e.id = r.employee_id
      WHERE ${where} ORDER BY r.submitted_at DESC LIMIT ${DRIVER_SAMPLE}`,
    params,
  );
}

/**
 * Ordinary least squares of NPS on the drivers present in at least 30 % of the
 * rows (missing values replaced by the driver's mean) and varying; standard
 * errors from σ²(XᵀX)⁻¹, two-sided t tests with n − k degrees of freedom.
 */
export function regress(rows: DriverRow[], candidates: Driver[]): DriversResult {
  const usable = candidates
    .map((c) => {
      const values = rows.map(c.value);
      const present = values.filter((v): v is number => v !== null);
      const mean = present.length ? present.reduce((a, b) => a + b, 0) / present.length : 0;
      const sd = Math.sqrt(present.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(1, present.length - 1));
      return { c, values: values.map((v) => v ?? mean), mean, sd, coverage: rows.length ? present.length / rows.length : 0 };
    })
    .filter((d) => d.coverage >= 0.3 && d.sd > 0);
  return fit(rows, spanning(usable));
}

/**
 * The drivers, in order, that each add something the intercept and the drivers kept before them do not
 * already explain. Real data has exact dependencies (a touchpoint only one channel serves, channels whose
 * dummies add up to a touchpoint's), which make XᵀX singular and would leave no drivers at all: modified
 * Gram–Schmidt keeps the first of each dependent set and drops the rest.
 */
function spanning<T extends { values: number[] }>(drivers: T[]): T[] {
  const n = drivers[0]?.values.length ?? 0;
  if (n === 0) return drivers;
  const basis: number[][] = [new Array<number>(n).fill(1 / Math.sqrt(n))];
  const kept: T[] = [];
  for (const d of drivers) {
    const rest = [...d.values];
    for (const q of basis) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += q[i]! * rest[i]!;
      for (let i = 0; i < n; i++) rest[i]! -= dot * q[i]!;
    }
    const norm = length(rest);
    if (norm <= 1e-7 * Math.max(1, length(d.values))) continue;
    basis.push(rest.map((v) => v / norm));
    kept.push(d);
  }
  return kept;
}

function length(v: number[]): number {
  let sq = 0;
  for (const x of v) sq += x * x;
  return Math.sqrt(sq);
}

function fit(rows: DriverRow[], usable: Array<{ c: Driver; values: number[]; mean: number; sd: number; coverage: number }>): DriversResult {
  const k = usable.length + 1;
  const n = rows.length;
  if (n <= k + 1) return { n, r2: null, drivers: [] };
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  let yy = 0;
  let ySum = 0;
  for (let i = 0; i < n; i++) {
    const x = [1, ...usable.map((d) => d.values[i]!)];
    const y = rows[i]!.nps;
    yy += y * y;
    ySum += y;
    for (let a = 0; a < k; a++) {
      xty[a]! += x[a]! * y;
      for (let b = 0; b < k; b++) xtx[a]![b]! += x[a]! * x[b]!;
    }
  }
  const inv = invert(xtx);
  if (!inv) return { n, r2: null, drivers: [] };
  const beta = inv.map((row) => row.reduce((s, v, j) => s + v * xty[j]!, 0));
  const rss = yy - beta.reduce((s, b, j) => s + b * xty[j]!, 0);
  const tss = yy - (ySum * ySum) / n;
  const sigma2 = Math.max(0, rss) / (n - k);
  const ySd = Math.sqrt(tss / (n - 1));
  const drivers = usable.map((d, j) => {
    const b = beta[j + 1]!;
    const se = Math.sqrt(sigma2 * inv[j + 1]![j + 1]!);
    const t = se > 0 ? b / se : 0;
    const pValue = se > 0 ? tTwoSided(Math.abs(t), n - k) : b !== 0 ? 0 : 1;
    return {
      driver: d.c.driver,
      kind: d.c.kind,
      coefficient: round(b),
      standardError: round(se),
      t: round(t, 3),
      pValue: round(pValue, 6),
      significant: pValue < 0.05,
      importance: round(ySd > 0 ? Math.abs((b * d.sd) / ySd) : 0),
      performance: round(d.mean),
      coverage: round(d.coverage, 3),
    };
  });
  drivers.sort((a, b) => b.importance - a.importance);
  return { n, r2: tss > 0 ? round(1 - rss / tss) : null, drivers };
}

/** Gauss–Jordan inverse with partial pivoting; null when singular. */
function invert(m: number[][]): number[][] | null {
  const k = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: k }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    if (Math.abs(a[p]![c]!) < 1e-10) return null;
    [a[c], a[p]] = [a[p]!, a[c]!];
    const piv = a[c]![c]!;
    for (let j = 0; j < 2 * k; j++) a[c]![j]! /= piv;
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = a[r]![c]!;
      if (f !== 0) for (let j = 0; j < 2 * k; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  return a.map((row) => row.slice(k));
}
