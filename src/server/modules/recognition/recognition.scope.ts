/** Data scope as SQL over an employees alias: admins everyone, managers their subtree, employees themselves. */
import type { Actor } from '../../platform/actor.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { dataScopeOf, type DataScope } from '../org/index.ts';

/** A condition on `alias` (an employees row) that holds for the scope's people; pushes its parameters. */
export function employeeScopeSql(scope: DataScope, alias: string, params: unknown[]): string {
  switch (scope.kind) {
    case 'org':
      return 'true';
    case 'units':
      params.push(scope.unitIds);
      return `${alias}.unit_id = ANY($${params.length}::uuid[])`;
    case 'self':
      params.push(scope.employeeId);
      return `${alias}.id = $${params.length}`;
    case 'none':
      return 'false';
  }
}

export interface ScopedEmployee {
  id: string;
  name: string;
  unitId: string;
}

/** The employee if the actor's scope holds them; 404 otherwise, so existence does not leak. */
export async function employeeInScope(tx: Queryable, actor: Actor, employeeId: string, scope?: DataScope): Promise<ScopedEmployee> {
  const params: unknown[] = [actor.orgId, employeeId];
  const condition = employeeScopeSql(scope ?? (await dataScopeOf(tx, actor)), 'e', params);
  const [row] = await tx.query<{ id: string; name: string; unit_id: string }>(
    `SELECT e.id, e.name, e.unit_id FROM employees e WHERE e.org_id = $1 AND e.id = $2 AND ${condition}`,
    params,
  );
  if (!row) throw notFound('employee');
  return { id: row.id, name: row.name, unitId: row.unit_id };
}

/** The first instant of the current month, quarter or year in the organisation's time zone (null for all time). */
export async function periodStart(tx: Queryable, orgId: string, now: Date, period: 'month' | 'quarter' | 'year' | 'all'): Promise<Date | null> {
  if (period === 'all') return null;
  const [row] = await tx.query<{ start: Date }>(
    `SELECT date_trunc($3, $2::timestamptz AT TIME ZONE o.time_zone) AT TIME ZONE o.time_zone AS start FROM organisations o WHERE o.id = $1`,
    [orgId, now, period],
  );
  return new Date(row!.start);
}
