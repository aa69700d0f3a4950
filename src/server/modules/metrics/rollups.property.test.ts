import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg } from '../../testing/factories.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { rebuildRollups } from './index.ts';

// Property: on random responses, every answer the metrics API gives from its rollups equals
// a computation written here straight over the raw `responses` rows, for random filters,
// periods (dates, instants off midnight, across a daylight-saving change) and groupings;
// and again after the rollups are rebuilt from the raw rows.

const TZ = 'America/New_York'; // DST starts 2026-03-08: days of 23 hours test the local-day keys.
const t = await createTestApp();
t.clock.set('2026-05-01T00:00:00Z');
afterAll(() => t.close());
const org = await buildOrg(t.ctx);
await t.ctx.db.system((tx) => tx.query(`UPDATE organisations SET time_zone = $2 WHERE id = $1`, [org.orgId, TZ]));

const post = async (url: string, payload: object) => {
  const res = await t.app.inject({ method: 'POST', url, headers: bearer(org.adminKey), payload });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
};
const region = (await post('/api/v1/units', { name: 'region', parentId: org.rootUnitId, kind: 'region' })).id as string;
const storeA = (await post('/api/v1/units', { name: 'store A', parentId: region, kind: 'store' })).id as string;
const storeB = (await post('/api/v1/units', { name: 'store B', parentId: org.rootUnitId, kind: 'store' })).id as string;
const UNITS = [org.rootUnitId, region, storeA, storeB];
const EMPLOYEES: string[] = [];
for (const unitId of [storeA, storeA, storeB, region]) EMPLOYEES.push((await buildEmployeeWithKey(t.ctx, org, { unitId })).employeeId);
const questions = ['nps', 'csat', 'ces'].map((type) => ({ key: type, type, title: { 'zh-CN': type, en: type } }));
const SURVEYS = [(await post('/api/v1/surveys', { name: 's1', questions })).id as string, (await post('/api/v1/surveys', { name: 's2', questions })).id as string];
const TOUCHPOINTS = ['门店', 'delivery'];
const CHANNELS = ['app', 'sms'];
const START = Date.parse('2026-01-25T00:00:00Z');
const SPAN = Date.parse('2026-04-10T00:00:00Z') - START;

const responseArb = fc.record({
  surveyId: fc.constantFrom(...SURVEYS),
  unitId: fc.option(fc.constantFrom(...UNITS), { nil: undefined }),
  employeeId: fc.option(fc.constantFrom(...EMPLOYEES), { nil: undefined }),
  touchpoint: fc.option(fc.constantFrom(...TOUCHPOINTS), { nil: undefined }),
  channel: fc.option(fc.constantFrom(...CHANNELS), { nil: undefined }),
  submittedAt: fc.integer({ min: 0, max: SPAN }).map((ms) => new Date(START + ms).toISOString()),
  answers: fc.record({ nps: fc.integer({ min: 0, max: 10 }), csat: fc.integer({ min: 1, max: 5 }), ces: fc.integer({ min: 1, max: 7 }) }, { requiredKeys: [] }),
});
const data = fc.sample(responseArb, { numRuns: 800, seed: 4242 });
for (let i = 0; i < data.length; i += 200) {
  const res = await post('/api/v1/responses/batch', { items: data.slice(i, i + 200) });
  expect(res.created).toBe(data.slice(i, i + 200).length);
}

const METRICS = ['nps', 'csat', 'ces'] as const;
const GROUPS = ['day', 'week', 'month', 'unit', 'employee', 'touchpoint', 'channel'] as const;
const instantArb = fc.oneof(
  fc.integer({ min: -5, max: 80 }).map((d) => new Date(START + d * 86_400_000).toISOString().slice(0, 10)),
  fc.integer({ min: -Math.round(SPAN / 10), max: Math.round(SPAN * 1.1) }).map((ms) => new Date(START + ms).toISOString()),
  fc.integer({ min: -5 * 24, max: 80 * 24 }).map((h) => new Date(START + h * 3_600_000).toISOString().replace(".000Z", "-05:00")),
);
const queryArb: fc.Arbitrary<Query> = fc.record(
  {
    metric: fc.constantFrom(...METRICS),
    groupBy: fc.constantFrom(...GROUPS),
    from: instantArb,
    to: instantArb,
    unitId: fc.constantFrom(...UNITS),
    employeeId: fc.constantFrom(...EMPLOYEES),
    surveyId: fc.constantFrom(...SURVEYS),
    touchpoint: fc.constantFrom(...TOUCHPOINTS),
    channel: fc.constantFrom(...CHANNELS),
  },
  { requiredKeys: ['metric'] },
);
interface Query {
  metric: (typeof METRICS)[number];
  groupBy?: (typeof GROUPS)[number];
  from?: string;
  to?: string;
  unitId?: string;
  employeeId?: string;
  surveyId?: string;
  touchpoint?: string;
  channel?: string;
}

interface Row {
  key: string;
  value: number | null;
  n: number;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const local = `(r.submitted_at AT TIME ZONE '${TZ}')`;
const instant = (p: string) => `(CASE WHEN ${p}::text ~ '^\\d{4}-\\d{2}-\\d{2}$' THEN (${p}::text::date::timestamp AT TIME ZONE '${TZ}') ELSE ${p}::text::timestamptz END)`;

/** The expected rows, computed here from the raw responses with no rollup involved. */
async function expected(q: Query): Promise<Row[]> {
  const keys = {
    day: `to_char(${local}, 'YYYY-MM-DD')`,
    week: `to_char(date_trunc('week', ${local}), 'YYYY-MM-DD')`,
    month: `to_char(${local}, 'YYYY-MM')`,
    unit: `coalesce(coalesce(r.unit_id, e.unit_id)::text, 'none')`,
    employee: `coalesce(r.employee_id::text, 'none')`,
    touchpoint: `coalesce(r.touchpoint, 'none')`,
    channel: `coalesce(r.channel, 'none')`,
  };
  const key = q.groupBy ? keys[q.groupBy] : `'all'`;
  const subtree = q.unitId
    ? (await t.ctx.db.tenant(org.orgId, (tx) =>
        tx.query<{ id: string }>(`WITH RECURSIVE s AS (SELECT id FROM units WHERE id = $1 UNION SELECT u.id FROM units u JOIN s ON u.parent_id = s.id) SELECT id FROM s`, [q.unitId]),
      )).map((u) => u.id)
    : null;
  const score = q.metric;
  const [hi, lo] = { nps: [9, 6], csat: [4, 0], ces: [5, 0] }[score];
  const rows = await t.ctx.db.tenant(org.orgId, (tx) =>
    tx.query<{ key: string; n: number; hi: number; lo: number; sum: number }>(
      `SELECT ${key} AS key, count(r.${score})::int AS n, count(*) FILTER (WHERE r.${score} >= ${hi})::int AS hi,
              count(*) FILTER (WHERE r.${score} <= ${lo})::int AS lo, coalesce(sum(r.${score}), 0)::int AS sum
         FROM responses r LEFT JOIN employees e ON e.org_id = r.org_id AND e.id = r.employee_id
        WHERE ($1::text IS NULL OR r.submitted_at >= ${instant('$1')}) AND ($2::text IS NULL OR r.submitted_at < ${instant('$2')})
          AND ($3::uuid[] IS NULL OR coalesce(r.unit_id, e.unit_id) = ANY ($3::uuid[])) AND ($4::uuid IS NULL OR r.employee_id = $4)
          AND ($5::uuid IS NULL OR r.survey_id = $5) AND ($6::text IS NULL OR r.touchpoint = $6) AND ($7::text IS NULL OR r.channel = $7)
        GROUP BY 1`,
      [q.from ?? null, q.to ?? null, subtree, q.employeeId ?? null, q.surveyId ?? null, q.touchpoint ?? null, q.channel ?? null],
    ),
  );
  const out = rows.map((r): Row => {
    if (r.n === 0) return { key: r.key, value: null, n: 0 };
    const value = score === 'nps' ? (100 * (r.hi - r.lo)) / r.n : r.sum / r.n;
    return { key: r.key, value: round(value), n: r.n };
  });
  if (!q.groupBy && out.length === 0) out.push({ key: 'all', value: null, n: 0 });
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

async function actual(q: Query): Promise<Row[] | 'refused'> {
  const params = new URLSearchParams(Object.entries(q).filter(([k, v]) => k !== 'metric' && v !== undefined) as [string, string][]);
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/metrics/${q.metric}?${params}`, headers: bearer(org.adminKey) });
  if (res.statusCode === 400 && res.json().error.code === 'invalid_request') return 'refused';
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().rows as Row[]).map((r) => ({ key: r.key, value: r.value, n: r.n })).sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** Whether a query's period is empty or reversed (the API refuses it with 400). */
async function isReversed(q: Query): Promise<boolean> {
  if (!q.from || !q.to) return false;
  const [r] = await t.ctx.db.tenant(org.orgId, (tx) => tx.query<{ bad: boolean }>(`SELECT ${instant('$1')} >= ${instant('$2')} AS bad`, [q.from, q.to]));
  return r!.bad;
}

const property = () =>
  fc.asyncProperty(queryArb, async (q) => {
    const got = await actual(q);
    if (got === 'refused') {
      expect(await isReversed(q)).toBe(true);
      return;
    }
    expect(got).toEqual(await expected(q));
    stats.queries++;
    if (got.some((r) => r.n > 0)) stats.nonEmpty++;
    if (got.length > 1) stats.grouped++;
  });
/** How many queries had data to compare, printed so a run that only compares empty answers shows. */
const stats = { queries: 0, nonEmpty: 0, grouped: 0 };
afterAll(() => console.log('property queries compared:', JSON.stringify(stats)));

describe('rollups equal a raw SQL computation', () => {
  it('for random filters, periods and groupings', async () => {
    await fc.assert(property(), { numRuns: Number(process.env.PROPERTY_RUNS) || 150, seed: Number(process.env.PROPERTY_SEED) || undefined });
  });

  it('and again after a rebuild from the raw rows', async () => {
    const before = await t.ctx.db.tenant(org.orgId, (tx) => tx.query(`SELECT grain, period::text, unit_id, employee_id, survey_id, touchpoint, channel, responses, nps_n, promoters, detractors, csat_sum, ces_easy FROM metric_rollups ORDER BY 1, 2, 3, 4, 5, 6, 7`));
    const counts = await t.ctx.db.tenant(org.orgId, (tx) => rebuildRollups(tx));
    expect(counts.responses).toBe(data.length);
    const after = await t.ctx.db.tenant(org.orgId, (tx) => tx.query(`SELECT grain, period::text, unit_id, employee_id, survey_id, touchpoint, channel, responses, nps_n, promoters, detractors, csat_sum, ces_easy FROM metric_rollups ORDER BY 1, 2, 3, 4, 5, 6, 7`));
    expect(after).toEqual(before);
    await fc.assert(property(), { numRuns: 50 });
  });
});
