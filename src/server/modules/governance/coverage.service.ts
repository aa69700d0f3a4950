/**
 * Listening coverage: for everyone who should listen (committee members,
 * people on the rotation, anyone who manages others or signs in as a manager),
 * the sessions held in a range, per calendar quarter, the last one, what is
 * still planned, and whether they are overdue: a rotation entry past its
 * cadence, or a planned session past its time without a log. People with no
 * session at all are listed too; they are the point of the report.
 */
import type { Coverage } from '../../../contracts/governance.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { listeningScopeOf, peopleCondition, type PeopleScope } from './governance.access.ts';
import { dueAtOf, selectRotations } from './rotation.service.ts';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** Longer ranges are refused: the quarter columns would stop being readable. */
const MAX_RANGE_DAYS = 3 * 366;

/** A date is its midnight in the organisation's time zone, an instant is itself; `to` is exclusive, as in the metrics API. */
export async function resolveRange(tx: Queryable, orgId: string, from: string, to: string): Promise<{ from: Date; to: Date; quarters: string[] }> {
  const instant = (p: string, v: string) => (DATE_ONLY.test(v) ? `(${p}::date::timestamp AT TIME ZONE time_zone)` : `${p}::timestamptz`);
  const [row] = await tx.query<{ from_at: Date; to_at: Date; quarters: string[] | null }>(
    `WITH r AS (SELECT ${instant('$2', from)} AS from_at, ${instant('$3', to)} AS to_at, time_zone FROM organisations WHERE id = $1)
     SELECT from_at, to_at,
            CASE WHEN to_at > from_at AND to_at - from_at <= interval '${MAX_RANGE_DAYS} days' THEN
              (SELECT array_agg(to_char(q, 'YYYY-"Q"Q') ORDER BY q)
                 FROM generate_series(date_trunc('quarter', from_at AT TIME ZONE time_zone), (to_at AT TIME ZONE time_zone) - interval '1 microsecond', interval '3 months') AS q)
            END AS quarters
       FROM r`,
    [orgId, from, to],
  );
  if (row!.from_at.getTime() >= row!.to_at.getTime()) throw invalid('`from` must be before `to`', { field: 'from' });
  if (!row!.quarters) throw new AppError(400, 'range_too_long', `a coverage range may span at most ${MAX_RANGE_DAYS} days`, { field: 'to' });
  return { from: row!.from_at, to: row!.to_at, quarters: row!.quarters };
}

interface PersonRow {
  employee_id: string;
  name: string;
  committee_role: Coverage['rows'][number]['committeeRole'];
  is_manager: boolean;
  sessions: number;
  last_at: Date | null;
  planned: number;
  overdue_planned: boolean;
  by_quarter: Record<string, number> | null;
}

/** The people who should listen, within the scope, with their session figures for [from, to). */
async function selectPeople(tx: Queryable, orgId: string, scope: PeopleScope, from: Date, to: Date, asOf: Date): Promise<PersonRow[]> {
  const params: unknown[] = [orgId, from, to, asOf];
  return tx.query<PersonRow>(
    `SELECT e.id AS employee_id, e.name, m.role AS committee_role,
            (EXISTS (SELECT 1 FROM employees r WHERE r.org_id = e.org_id AND r.manager_id = e.id)
              OR EXISTS (SELECT 1 FROM users x WHERE x.org_id = e.org_id AND x.employee_id = e.id AND x.role IN ('admin', 'manager') AND x.disabled_at IS NULL)) AS is_manager,
            (SELECT count(*)::int FROM listening_sessions s WHERE s.org_id = e.org_id AND s.employee_id = e.id AND s.status = 'done' AND s.held_at >= $2 AND s.held_at < $3) AS sessions,
            (SELECT max(s.held_at) FROM listening_sessions s WHERE s.org_id = e.org_id AND s.employee_id = e.id AND s.status = 'done' AND s.held_at < $3) AS last_at,
            (SELECT count(*)::int FROM listening_sessions s WHERE s.org_id = e.org_id AND s.employee_id = e.id AND s.status = 'planned' AND s.scheduled_at >= $2 AND s.scheduled_at < $3) AS planned,
            EXISTS (SELECT 1 FROM listening_sessions s WHERE s.org_id = e.org_id AND s.employee_id = e.id AND s.status = 'planned' AND s.scheduled_at >= $2 AND s.scheduled_at < $4) AS overdue_planned,
            (SELECT jsonb_object_agg(q, n) FROM (
               SELECT to_char(s.held_at AT TIME ZONE o.time_zone, 'YYYY-"Q"Q') AS q, count(*)::int AS n
                 FROM listening_sessions s JOIN organisations o ON o.id = s.org_id
                WHERE s.org_id = e.org_id AND s.employee_id = e.id AND s.status = 'done' AND s.held_at >= $2 AND s.held_at < $3 GROUP BY 1) per) AS by_quarter
       FROM employees e
       LEFT JOIN committee_members m ON m.org_id = e.org_id AND m.employee_id = e.id
      WHERE e.org_id = $1 AND ${peopleCondition(scope, params)}
        AND (m.employee_id IS NOT NULL
          OR EXISTS (SELECT 1 FROM listening_rotations r WHERE r.org_id = e.org_id AND r.employee_id = e.id)
          OR EXISTS (SELECT 1 FROM employees r WHERE r.org_id = e.org_id AND r.manager_id = e.id)
          OR EXISTS (SELECT 1 FROM users x WHERE x.org_id = e.org_id AND x.employee_id = e.id AND x.role IN ('admin', 'manager') AND x.disabled_at IS NULL))
      ORDER BY CASE m.role WHEN 'chair' THEN 0 WHEN 'cxo' THEN 1 WHEN 'member' THEN 2 ELSE 3 END, e.name, e.id`,
    params,
  );
}

export function listeningCoverage(ctx: AppContext, actor: Actor, q: { from: string; to: string }): Promise<Coverage> {
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const scope = await listeningScopeOf(tx, actor);
    const range = await resolveRange(tx, actor.orgId, q.from, q.to);
    // Overdue is judged at the range's end, or now for a range still running.
    const asOf = new Date(Math.min(range.to.getTime(), ctx.clock.now().getTime()));
    const people = await selectPeople(tx, actor.orgId, scope, range.from, range.to, asOf);
    const rotations = await selectRotations(tx, actor.orgId, scope, asOf);
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      quarters: range.quarters,
      rows: people.map((p) => {
        const mine = rotations.filter((r) => r.employee_id === p.employee_id && r.created_at.getTime() < range.to.getTime());
        const lateEntry = mine.some((r) => dueAtOf(r).getTime() < asOf.getTime());
        return {
          employeeId: p.employee_id,
          name: p.name,
          committeeRole: p.committee_role,
          isManager: p.is_manager,
          sessions: p.sessions,
          lastAt: p.last_at?.toISOString() ?? null,
          planned: p.planned,
          byQuarter: Object.fromEntries(range.quarters.map((quarter) => [quarter, p.by_quarter?.[quarter] ?? 0])),
          cadenceWeeks: mine.length ? Math.min(...mine.map((r) => r.every_weeks)) : null,
          overdue: lateEntry || p.overdue_planned,
        };
      }),
    };
  });
}
