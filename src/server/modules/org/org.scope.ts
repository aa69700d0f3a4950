import type { Actor } from '../../platform/actor.ts';
import type { Queryable } from '../../platform/db/database.ts';

/**
 * Which rows of people-related data an actor may see: admins the whole
 * organisation, managers their unit's subtree, employees themselves.
 */
export type DataScope =
  | { kind: 'org' }
  | { kind: 'units'; unitIds: string[] }
  | { kind: 'self'; employeeId: string }
  | { kind: 'none' };

export async function dataScopeOf(tx: Queryable, actor: Actor): Promise<DataScope> {
  if (actor.role === 'admin') return { kind: 'org' };
  if (!actor.employeeId || actor.role === 'partner') return { kind: 'none' };
  if (actor.role === 'employee') return { kind: 'self', employeeId: actor.employeeId };
  const [me] = await tx.query<{ unit_id: string }>(`SELECT unit_id FROM employees WHERE org_id = $1 AND id = $2`, [
    actor.orgId,
    actor.employeeId,
  ]);
  return me ? { kind: 'units', unitIds: await unitSubtreeIds(tx, actor.orgId, me.unit_id) } : { kind: 'none' };
}

/** A unit and every unit below it, at any depth. */
export async function unitSubtreeIds(tx: Queryable, orgId: string, unitId: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `WITH RECURSIVE subtree AS (
       SELECT id FROM units WHERE org_id = $1 AND id = $2
       UNION
       SELECT u.id FROM units u JOIN subtree s ON u.org_id = $1 AND u.parent_id = s.id
     ) SELECT id FROM subtree`,
    [orgId, unitId],
  );
  return rows.map((r) => r.id);
}

/** Whether an employee row (by its unit and id) falls inside the scope. */
export function isEmployeeInScope(scope: DataScope, employee: { id: string; unitId: string }): boolean {
  switch (scope.kind) {
    case 'org':
      return true;
    case 'units':
      return scope.unitIds.includes(employee.unitId);
    case 'self':
      return scope.employeeId === employee.id;
    case 'none':
      return false;
  }
}

/**
 * Serialises changes to the unit tree and the manager chains of one organisation:
 * two concurrent moves could each pass the loop check in their own snapshot and
 * together close a loop.
 */
export async function lockOrgStructure(tx: Queryable, orgId: string): Promise<void> {
  await tx.query(`SELECT 1 FROM organisations WHERE id = $1 FOR NO KEY UPDATE`, [orgId]);
}
