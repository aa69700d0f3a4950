/**
 * Rollups: counts and sums of the responses' scores per organisation, day and
 * month (organisation time zone), unit, employee, survey, touchpoint and channel.
 * The responses module adds every group it writes in the same transaction;
 * `rebuildRollups` recomputes an organisation's rollups from the raw rows.
 */
import type { Queryable, Tx } from '../../platform/db/database.ts';

/** The fields of a stored response that rollups read (the responses module's insert records fit as they are). */
export interface RollupSource {
  survey_id: string;
  unit_id: string | null;
  employee_id: string | null;
  touchpoint: string | null;
  channel: string | null;
  nps: number | null;
  csat: number | null;
  ces: number | null;
  submitted_at: string | Date;
  flags?: string[];
}

const COUNTS = ['responses', 'nps_n', 'promoters', 'detractors', 'csat_n', 'csat_sum', 'csat_sq', 'csat_top2', 'ces_n', 'ces_sum', 'ces_sq', 'ces_easy'] as const;
type Counts = Record<(typeof COUNTS)[number], number>;
interface RollupRow extends Counts {
  grain: 'day' | 'month';
  period: string;
  unit_id: string | null;
  employee_id: string | null;
  survey_id: string;
  touchpoint: string | null;
  channel: string | null;
}

const KEY_COLUMNS = 'org_id, grain, period, unit_id, employee_id, survey_id, touchpoint, channel';

/** CSAT 4–5 is the top-2 box; CES 5–7 (agree that it was easy) counts as easy. */
export const CSAT_TOP2_MIN = 4;
export const CES_EASY_MIN = 5;

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) dayFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f.format(at);
}

/**
 * Adds a group of just-inserted responses to the rollups, in the caller's
 * transaction: aggregated in memory to one row per key and grain, then one
 * INSERT … ON CONFLICT DO UPDATE whose rows go in key order, so concurrent
 * groups lock shared rows in the same order and cannot deadlock.
 */
export async function addToRollups(tx: Tx, rows: readonly RollupSource[]): Promise<void> {
  const counted = rows.filter((r) => !r.flags?.length);
  if (!counted.length || !tx.orgId) return;
  const orgId = tx.orgId;
  const needUnit = [...new Set(counted.flatMap((r) => (!r.unit_id && r.employee_id ? [r.employee_id] : [])))];
  const [ctx] = await tx.query<{ tz: string; units: Record<string, string> | null }>(
    `SELECT (SELECT time_zone FROM organisations WHERE id = $1) AS tz,
            (SELECT jsonb_object_agg(id, unit_id) FROM employees WHERE org_id = $1 AND id = ANY ($2::uuid[])) AS units`,
    [orgId, needUnit],
  );
  const units = ctx?.units ?? {};
  const tz = ctx?.tz ?? 'UTC';
  const acc = new Map<string, RollupRow>();
  for (const r of counted) {
    const day = localDay(new Date(r.submitted_at), tz);
    const unit = r.unit_id ?? (r.employee_id ? (units[r.employee_id] ?? null) : null);
    for (const [grain, period] of [['day', day], ['month', `${day.slice(0, 7)}-01`]] as const) {
      const key = JSON.stringify([grain, period, unit, r.employee_id, r.survey_id, r.touchpoint, r.channel]);
      let row = acc.get(key);
      if (!row) {
        row = { grain, period, unit_id: unit, employee_id: r.employee_id, survey_id: r.survey_id, touchpoint: r.touchpoint, channel: r.channel, ...zero() };
        acc.set(key, row);
      }
      addScores(row, r);
    }
  }
  const sorted = [...acc.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  await tx.query(
    `INSERT INTO metric_rollups AS m (${KEY_COLUMNS}, ${COUNTS.join(', ')})
     SELECT $1, r.grain, r.period, r.unit_id, r.employee_id, r.survey_id, r.touchpoint, r.channel, ${COUNTS.map((c) => `r.${c}`).join(', ')}
       FROM jsonb_to_recordset($2::jsonb) AS r(grain text, period date, unit_id uuid, employee_id uuid, survey_id uuid, touchpoint text, channel text,
         ${COUNTS.map((c) => `${c} int`).join(', ')})
      ORDER BY r.grain, r.period, r.unit_id, r.employee_id, r.survey_id, r.touchpoint, r.channel
     ON CONFLICT (${KEY_COLUMNS}) DO UPDATE SET ${COUNTS.map((c) => `${c} = m.${c} + excluded.${c}`).join(', ')}`,
    [orgId, JSON.stringify(sorted)],
  );
}

function zero(): Counts {
  return Object.fromEntries(COUNTS.map((c) => [c, 0])) as Counts;
}

function addScores(row: RollupRow, r: RollupSource): void {
  row.responses++;
  if (r.nps !== null) {
    row.nps_n++;
    if (r.nps >= 9) row.promoters++;
    else if (r.nps <= 6) row.detractors++;
  }
  if (r.csat !== null) {
    row.csat_n++;
    row.csat_sum += r.csat;
    row.csat_sq += r.csat * r.csat;
    if (r.csat >= CSAT_TOP2_MIN) row.csat_top2++;
  }
  if (r.ces !== null) {
    row.ces_n++;
    row.ces_sum += r.ces;
    row.ces_sq += r.ces * r.ces;
    if (r.ces >= CES_EASY_MIN) row.ces_easy++;
  }
}

/** The rollup columns of raw responses `x` (with employees `e` joined), as SQL aggregates; shared by rebuild and tests. */
export const RAW_ROLLUP_AGGREGATES = `count(*), count(x.nps), count(*) FILTER (WHERE x.nps >= 9), count(*) FILTER (WHERE x.nps <= 6),
  count(x.csat), coalesce(sum(x.csat), 0), coalesce(sum(x.csat * x.csat), 0), count(*) FILTER (WHERE x.csat >= ${CSAT_TOP2_MIN}),
  count(x.ces), coalesce(sum(x.ces), 0), coalesce(sum(x.ces * x.ces), 0), count(*) FILTER (WHERE x.ces >= ${CES_EASY_MIN})`;

/**
 * Recomputes an organisation's rollups from its raw responses (after a bulk
 * load, a time-zone change or a repair). Locks the organisation row first, which
 * waits for ingest transactions in flight and holds new ones (their foreign key
 * check on the organisation) until the rebuild commits. Returns the row counts.
 */
export async function rebuildRollups(tx: Tx): Promise<{ responses: number; dayRows: number; monthRows: number }> {
  const orgId = tx.orgId!;
  // A maintenance statement over every response: no time limit, and memory to aggregate without spilling.
  await tx.query(`SELECT set_config('statement_timeout', '0', true), set_config('work_mem', '128MB', true)`);
  const [org] = await tx.query<{ time_zone: string }>(`SELECT time_zone FROM organisations WHERE id = $1 FOR UPDATE`, [orgId]);
  await tx.query(`DELETE FROM metric_rollups WHERE org_id = $1`, [orgId]);
  const day = await insertDayRows(tx, orgId, org!.time_zone);
  const month = await tx.query<{ n: number }>(
    `WITH ins AS (
       INSERT INTO metric_rollups (${KEY_COLUMNS}, ${COUNTS.join(', ')})
       SELECT org_id, 'month', date_trunc('month', period)::date, unit_id, employee_id, survey_id, touchpoint, channel,
              ${COUNTS.map((c) => `sum(${c})`).join(', ')}
         FROM metric_rollups WHERE org_id = $1 AND grain = 'day'
        GROUP BY org_id, date_trunc('month', period), unit_id, employee_id, survey_id, touchpoint, channel
       RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [orgId],
  );
  return { ...day, monthRows: month[0]!.n };
}

async function insertDayRows(q: Queryable, orgId: string, timeZone: string): Promise<{ responses: number; dayRows: number }> {
  const [r] = await q.query<{ rows: number; responses: number }>(
    `WITH ins AS (
       INSERT INTO metric_rollups (${KEY_COLUMNS}, ${COUNTS.join(', ')})
       SELECT $1, 'day', (x.submitted_at AT TIME ZONE $2)::date, coalesce(x.unit_id, e.unit_id), x.employee_id, x.survey_id, x.touchpoint, x.channel,
              ${RAW_ROLLUP_AGGREGATES}
         FROM responses x LEFT JOIN employees e ON e.org_id = x.org_id AND e.id = x.employee_id
        WHERE x.org_id = $1 AND x.flags = '{}'::text[]
        GROUP BY 3, 4, 5, 6, 7, 8
       RETURNING responses)
     SELECT count(*)::int AS rows, coalesce(sum(responses), 0)::int AS responses FROM ins`,
    [orgId, timeZone],
  );
  return { responses: r!.responses, dayRows: r!.rows };
}
