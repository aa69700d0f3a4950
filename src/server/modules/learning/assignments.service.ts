/**
 * Assignments: an item for a position, a unit (and below), a position within a
 * unit, or one person. Admins assign anywhere, managers within their unit
 * subtree. An assignment is a rule read through `assignedCtes`, so each row's
 * head count is today's, joiners included.
 */
import type { Assignment, CreateAssignment } from '../../../contracts/learning.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { dataScopeOf, type DataScope } from '../org/index.ts';
import { findItem } from './items.service.ts';
import { assignedCtes } from './learning.expansion.ts';
import { findPerson, holdsPerson, peopleScopeSql, scopeUnitIds, unitInScope } from './learning.scope.ts';
import { orgToday } from './learning.today.ts';

interface AssignmentRow {
  id: string;
  item_id: string;
  name_zh: string;
  name_en: string;
  layer: Assignment['layer'];
  position_id: string | null;
  position_name: string | null;
  position_name_en: string | null;
  unit_id: string | null;
  unit_name: string | null;
  unit_name_en: string | null;
  employee_id: string | null;
  employee_name: string | null;
  employee_unit_id: string | null;
  due_on: string | null;
  source: Assignment['source'];
  created_at: Date;
  people: number;
  completed: number;
  confirmed: number;
}

const bilingual = (zh: string | null, en: string | null) => (zh === null ? null : { 'zh-CN': zh, en: en ?? zh });

/**
 * Whether the actor may withdraw it: admins always; managers what they could have made (a unit or person of their
 * subtree), but never their own learning nor a redeemed place.
 */
function mayWithdraw(actor: Actor, scope: DataScope, r: AssignmentRow): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'manager' || r.source === 'reward' || r.employee_id === actor.employeeId) return false;
  const units = scopeUnitIds(scope) ?? [];
  return (r.unit_id !== null && units.includes(r.unit_id)) || (r.employee_unit_id !== null && units.includes(r.employee_unit_id));
}

const toAssignment = (actor: Actor, scope: DataScope, r: AssignmentRow): Assignment => ({
  id: r.id,
  itemId: r.item_id,
  itemName: { 'zh-CN': r.name_zh, en: r.name_en },
  layer: r.layer,
  positionId: r.position_id,
  positionName: bilingual(r.position_name, r.position_name_en),
  unitId: r.unit_id,
  unitName: bilingual(r.unit_name, r.unit_name_en),
  employeeId: r.employee_id,
  employeeName: r.employee_name,
  dueAt: r.due_on,
  source: r.source,
  createdAt: new Date(r.created_at).toISOString(),
  people: r.people,
  completed: r.completed,
  confirmed: r.confirmed,
  canWithdraw: mayWithdraw(actor, scope, r),
});

/**
 * Assignments the actor sees, newest first: all for admins; for a manager, those that reach someone in their
 * subtree or name a unit or person of it. Counts cover only the people the actor sees.
 */
async function assignmentRows(tx: Queryable, actor: Actor, scope: DataScope, filter: { id?: string; itemId?: string }): Promise<AssignmentRow[]> {
  const params: unknown[] = [actor.orgId, filter.id ?? null, filter.itemId ?? null];
  const inScope = peopleScopeSql(scope, 'e', params);
  const units = scopeUnitIds(scope);
  const visible = units === null ? 'true' : `(coalesce(k.people, 0) > 0 OR a.unit_id = ANY($${params.push(units)}::uuid[]) OR pe.unit_id = ANY($${params.length}::uuid[]))`;
  return tx.query<AssignmentRow>(
    `${assignedCtes(inScope)},
     counts AS (
       SELECT r.assignment_id, count(*)::int AS people, count(c.id)::int AS completed, (count(c.id) FILTER (WHERE c.status = 'confirmed'))::int AS confirmed
         FROM reach r LEFT JOIN learning_completions c ON c.org_id = $1 AND c.item_id = r.item_id AND c.employee_id = r.employee_id
        GROUP BY r.assignment_id
     )
     SELECT a.id, a.item_id, i.name_zh, i.name_en, i.layer, a.position_id, p.name AS position_name, p.name_en AS position_name_en,
            a.unit_id, u.name AS unit_name, u.name_en AS unit_name_en, a.employee_id, pe.name AS employee_name, pe.unit_id AS employee_unit_id,
            a.due_on::text AS due_on, a.source, a.created_at,
            coalesce(k.people, 0) AS people, coalesce(k.completed, 0) AS completed, coalesce(k.confirmed, 0) AS confirmed
       FROM learning_assignments a
       JOIN learning_items i ON i.org_id = a.org_id AND i.id = a.item_id
       LEFT JOIN positions p ON p.org_id = a.org_id AND p.id = a.position_id
       LEFT JOIN units u ON u.org_id = a.org_id AND u.id = a.unit_id
       LEFT JOIN employees pe ON pe.org_id = a.org_id AND pe.id = a.employee_id
       LEFT JOIN counts k ON k.assignment_id = a.id
      WHERE a.org_id = $1 AND ($2::uuid IS NULL OR a.id = $2) AND ($3::uuid IS NULL OR a.item_id = $3) AND ${visible}
      ORDER BY a.created_at DESC, a.id`,
    params,
  );
}

export async function listAssignments(ctx: AppContext, actor: Actor, q: { itemId?: string }): Promise<{ items: Assignment[] }> {
  authorize(actor, 'learning.assign');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const scope = await dataScopeOf(tx, actor);
    return { items: (await assignmentRows(tx, actor, scope, q)).map((r) => toAssignment(actor, scope, r)) };
  });
}

/** Checks the target against the actor's scope and writes the assignment (409 already_assigned for the same item and target). */
export async function createAssignment(ctx: AppContext, actor: Actor, input: CreateAssignment): Promise<Assignment> {
  authorize(actor, 'learning.assign');
  const isGroup = input.positionId !== undefined || input.unitId !== undefined;
  if (input.employeeId !== undefined && isGroup) throw invalid('employeeId names one person and stands alone: leave out positionId and unitId', { field: 'employeeId' });
  if (input.employeeId === undefined && !isGroup) throw invalid('say whom it is for: positionId, unitId (or both), or employeeId', { field: 'unitId' });
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const scope = await dataScopeOf(tx, actor);
    const item = await findItem(tx, actor.orgId, input.itemId);
    if (!item.active) throw new AppError(409, 'item_retired', 'this learning item is retired and cannot be assigned');
    if (input.employeeId !== undefined) {
      if (!holdsPerson(scope, await findPerson(tx, actor.orgId, input.employeeId))) throw new AppError(404, 'not_found', 'employeeId was not found', { field: 'employeeId' });
    } else if (input.unitId !== undefined) {
      await unitInScope(tx, actor, scope, input.unitId);
    } else if (scope.kind !== 'org') {
      throw forbidden('a manager assigns within their own unit: give unitId (your unit or one below it), optionally with positionId');
    }
    if (input.positionId !== undefined) {
      const [position] = await tx.query(`SELECT 1 FROM positions WHERE org_id = $1 AND id = $2`, [actor.orgId, input.positionId]);
      if (!position) throw new AppError(404, 'not_found', 'positionId was not found', { field: 'positionId' });
    }
    if (input.dueAt !== undefined && input.dueAt < (await orgToday(tx, actor.orgId, ctx.clock.now()))) throw invalid('dueAt is in the past', { field: 'dueAt' });
    const id = await insertAssignment(ctx, tx, actor, { ...input, source: 'manual' });
    if (id === null) throw new AppError(409, 'already_assigned', 'this item is already assigned to the same people');
    const [row] = await assignmentRows(tx, actor, scope, { id });
    return toAssignment(actor, scope, row!);
  });
}

/** Writes an assignment unless the same item and target exist (then null); also used by training-place enrolments and the demo. */
export async function insertAssignment(
  ctx: AppContext,
  tx: Tx,
  actor: Actor | null,
  a: { itemId: string; positionId?: string; unitId?: string; employeeId?: string; dueAt?: string; source: 'manual' | 'reward'; redemptionId?: string },
): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO learning_assignments (org_id, item_id, position_id, unit_id, employee_id, due_on, source, redemption_id, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING id`,
    [tx.orgId, a.itemId, a.positionId ?? null, a.unitId ?? null, a.employeeId ?? null, a.dueAt ?? null, a.source, a.redemptionId ?? null, ctx.clock.now(), actor?.id ?? null],
  );
  if (!row) return null;
  await recordAudit(tx, ctx.clock, actor, { action: 'learning.assigned', entityType: 'learning_assignment', entityId: row.id, after: a });
  return row.id;
}

/** Withdraws an assignment; its people's completions stay. 404 when the actor cannot see it, 403 when they see it but may not withdraw it. */
export async function deleteAssignment(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'learning.assign');
  await ctx.db.tenant(actor.orgId, async (tx) => {
    const scope = await dataScopeOf(tx, actor);
    const [row] = await assignmentRows(tx, actor, scope, { id });
    if (!row) throw notFound('assignment');
    if (!mayWithdraw(actor, scope, row)) throw forbidden('only an administrator may withdraw this assignment');
    await tx.query(`DELETE FROM learning_assignments WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
    await recordAudit(tx, ctx.clock, actor, { action: 'learning.unassigned', entityType: 'learning_assignment', entityId: id, before: toAssignment(actor, scope, row) });
  });
}
