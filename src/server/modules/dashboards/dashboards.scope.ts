/**
 * Who sees which KPIs and goals. The metric tree is the organisation's shared
 * direction, so company KPIs and goals are visible to everyone; a manager also
 * sees the KPIs of their subtree, an employee those they own and those of
 * their position in their unit or above it. An out-of-scope KPI answers 404.
 */
import type { Actor } from '../../platform/actor.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { dataScopeOf, type DataScope } from '../org/index.ts';

export interface Viewer {
  scope: DataScope;
  employeeId: string | null;
  positionId: string | null;
  /** The viewer's unit and every unit above it (an employee is subject to their position's KPIs set there). */
  unitChain: string[];
}

export async function viewerOf(tx: Queryable, actor: Actor): Promise<Viewer> {
  const scope = await dataScopeOf(tx, actor);
  if (!actor.employeeId) return { scope, employeeId: null, positionId: null, unitChain: [] };
  const [me] = await tx.query<{ position_id: string; unit_id: string }>(`SELECT position_id, unit_id FROM employees WHERE org_id = $1 AND id = $2`, [
    actor.orgId,
    actor.employeeId,
  ]);
  if (!me) return { scope, employeeId: actor.employeeId, positionId: null, unitChain: [] };
  const chain = await tx.query<{ id: string }>(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id FROM units WHERE org_id = $1 AND id = $2
       UNION
       SELECT u.id, u.parent_id FROM units u JOIN up ON u.org_id = $1 AND u.id = up.parent_id
     ) SELECT id FROM up`,
    [actor.orgId, me.unit_id],
  );
  return { scope, employeeId: actor.employeeId, positionId: me.position_id, unitChain: chain.map((r) => r.id) };
}

export interface KpiVisibility {
  level: string;
  unitId: string | null;
  positionId: string | null;
  ownerId: string | null;
}

export function canSeeKpi(v: Viewer, k: KpiVisibility): boolean {
  if (v.scope.kind === 'org') return true;
  if (v.scope.kind === 'none') return false;
  if (k.level === 'company') return true;
  if (v.employeeId && k.ownerId === v.employeeId) return true;
  if (v.scope.kind === 'units') return k.unitId !== null && v.scope.unitIds.includes(k.unitId);
  return k.positionId !== null && k.positionId === v.positionId && (k.unitId === null || v.unitChain.includes(k.unitId));
}

/** Unit-level pages (scorecards): admins any unit, managers their subtree. */
export function canSeeUnit(v: Viewer, unitId: string): boolean {
  if (v.scope.kind === 'org') return true;
  return v.scope.kind === 'units' && v.scope.unitIds.includes(unitId);
}
