/** Data scope for learning records: whose records an actor sees, and what may be asked of a unit or person. */
import type { Actor } from '../../platform/actor.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { DataScope } from '../org/index.ts';

/** A condition on `alias` (an employees row) that holds for the scope's people; pushes its parameters. */
export function peopleScopeSql(scope: DataScope, alias: string, params: unknown[]): string {
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

/** The units whose people the scope sees (null: every unit). */
export const scopeUnitIds = (scope: DataScope): string[] | null => (scope.kind === 'org' ? null : scope.kind === 'units' ? scope.unitIds : []);

/** The unit, if it lies in the scope; 404 otherwise (existence does not leak). */
export async function unitInScope(tx: Queryable, actor: Actor, scope: DataScope, unitId: string, field = 'unitId'): Promise<void> {
  const units = scopeUnitIds(scope);
  const [row] = await tx.query(`SELECT 1 FROM units WHERE org_id = $1 AND id = $2`, [actor.orgId, unitId]);
  if (!row || (units !== null && !units.includes(unitId))) throw new AppError(404, 'not_found', `${field} was not found`, { field });
}

export interface Person {
  id: string;
  name: string;
  unitId: string;
}

/** The employee, found anywhere in the organisation (the caller decides whether they may act on them). */
export async function findPerson(tx: Queryable, orgId: string, employeeId: string, field = 'employeeId'): Promise<Person> {
  const [row] = await tx.query<{ id: string; name: string; unit_id: string }>(`SELECT id, name, unit_id FROM employees WHERE org_id = $1 AND id = $2`, [orgId, employeeId]);
  if (!row) throw new AppError(404, 'not_found', `${field} was not found`, { field });
  return { id: row.id, name: row.name, unitId: row.unit_id };
}

/** Whether the scope holds this person. */
export function holdsPerson(scope: DataScope, person: Person): boolean {
  if (scope.kind === 'org') return true;
  if (scope.kind === 'units') return scope.unitIds.includes(person.unitId);
  return scope.kind === 'self' && scope.employeeId === person.id;
}

/**
 * Who may vouch for someone's completion of an item (record it as confirmed, or confirm a declaration): an admin,
 * the item's trainer, or a manager whose subtree holds the person; never the person themself.
 */
export function mayVouch(actor: Actor, scope: DataScope, item: { ownerId: string }, person: Person): boolean {
  if (actor.employeeId === person.id) return false;
  if (actor.role === 'admin') return true;
  if (actor.employeeId !== null && item.ownerId === actor.employeeId) return true;
  return actor.role === 'manager' && scope.kind === 'units' && scope.unitIds.includes(person.unitId);
}
