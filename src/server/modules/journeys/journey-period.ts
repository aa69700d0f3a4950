/**
 * The period and data scope the journey figures share: instants for `from` and
 * `to` (a date means its midnight in the organisation's time zone, as in the
 * metrics API), and the interaction predicate of the caller's data scope for the
 * figures this module reads from O-data itself (repeat contacts, paths).
 */
import type { JourneyPeriodQuery } from '../../../contracts/journeys.ts';
import type { Actor } from '../../platform/actor.ts';
import { DAY } from '../../platform/clock.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { invalid } from '../../platform/errors.ts';
import { dataScopeOf } from '../org/index.ts';

/** Without `from`, the figures cover this many days before `to`. */
export const DEFAULT_PERIOD_DAYS = 90;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export interface Period {
  from: Date;
  to: Date;
}

/** [from, to): `to` defaults to now, `from` to DEFAULT_PERIOD_DAYS before `to`; 400 when from ≥ to. */
export async function resolvePeriod(tx: Queryable, orgId: string, q: JourneyPeriodQuery, now: Date): Promise<Period> {
  const instant = async (value: string | undefined): Promise<Date | null> => {
    if (!value) return null;
    if (!DATE_ONLY.test(value)) return new Date(value);
    const [row] = await tx.query<{ at: Date }>(`SELECT ($2::date::timestamp AT TIME ZONE time_zone) AS at FROM organisations WHERE id = $1`, [orgId, value]);
    return row!.at;
  };
  const to = (await instant(q.to)) ?? now;
  const from = (await instant(q.from)) ?? new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY);
  if (from.getTime() >= to.getTime()) throw invalid('`from` must be before `to`', { field: 'from', issues: [{ field: 'querystring.from', message: 'must be before to' }] });
  return { from, to };
}

/**
 * SQL conditions on `interactions x LEFT JOIN employees e` for the caller's data
 * scope (a manager's unit subtree, an employee's own interactions), starting
 * from parameter number `next`; null when the caller may see none.
 */
export async function interactionScope(tx: Queryable, actor: Actor, next: number): Promise<{ where: string; params: unknown[] } | null> {
  const scope = await dataScopeOf(tx, actor);
  switch (scope.kind) {
    case 'org':
      return { where: 'true', params: [] };
    case 'units':
      return { where: `coalesce(x.unit_id, e.unit_id) = ANY ($${next}::uuid[])`, params: [scope.unitIds] };
    case 'self':
      return { where: `x.employee_id = $${next}::uuid`, params: [scope.employeeId] };
    case 'none':
      return null;
  }
}
