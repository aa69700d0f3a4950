/**
 * Cases nobody owns and who may take them: the queue (open cases without an owner, or whose owner left),
 * claiming one (exactly one of many simultaneous claims wins), and handing a case over with a note.
 * Managers and admins see the queues of their scope anyway; an employee also sees the queue of their
 * own unit and every unit below it, because anyone may take up a customer's problem.
 */
import type { CaseAction } from '../../../contracts/cases.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { unitSubtreeIds } from '../org/index.ts';
import { CASE_COLUMNS, OPEN_STATUSES, type CaseRow } from './cases.service.ts';
import { invalidTransition, requireEmployee, saveCase, type Step } from './case-workflow.ts';
import { appendTimeline, notifyEmployees, notifyUnit } from './timeline.ts';

/** On alias `c`: the case has no owner, or its owner has left the organisation. */
export const UNOWNED = `(c.owner_id IS NULL OR EXISTS (SELECT 1 FROM employees gone WHERE gone.org_id = c.org_id AND gone.id = c.owner_id AND gone.left_at IS NOT NULL))`;
export const OPEN_UNOWNED = `(c.status IN ('new', 'acknowledged', 'in_progress') AND ${UNOWNED})`;

/** The units whose queue an employee sees besides their own cases (null for other roles, whose scope covers it). */
export async function queueUnitsOf(tx: Queryable, actor: Actor): Promise<string[] | null> {
  if (actor.role !== 'employee' || !actor.employeeId) return null;
  const [me] = await tx.query<{ unit_id: string }>(`SELECT unit_id FROM employees WHERE org_id = $1 AND id = $2 AND left_at IS NULL`, [actor.orgId, actor.employeeId]);
  return me ? unitSubtreeIds(tx, actor.orgId, me.unit_id) : null;
}

/** Widens a scope condition (alias `c`) by the queue units' unowned open cases, or by all their cases when `anyOwner`. */
export function withQueue(scope: string, queueUnits: string[] | null, params: unknown[], anyOwner = false): string {
  if (!queueUnits?.length) return scope;
  const units = `$${params.push(queueUnits)}::uuid[]`;
  return `(${scope} OR (c.unit_id = ANY (${units})${anyOwner ? '' : ` AND ${OPEN_UNOWNED}`}))`;
}

/** A colleague one may hand a case to: in the organisation, and still there (404, 422 `employee_left`). */
export async function checkColleague(tx: Queryable, orgId: string, employeeId: string): Promise<void> {
  const [to] = await tx.query<{ left_at: Date | null }>(`SELECT left_at FROM employees WHERE org_id = $1 AND id = $2`, [orgId, employeeId]);
  if (!to) throw notFound('employee');
  if (to.left_at) throw new AppError(422, 'employee_left', 'that colleague has left the organisation', { field: 'ownerId' });
}

async function nameOf(tx: Queryable, orgId: string, employeeId: string): Promise<string> {
  const [row] = await tx.query<{ name: string }>(`SELECT name FROM employees WHERE org_id = $1 AND id = $2`, [orgId, employeeId]);
  return row?.name ?? '—';
}

/**
 * Makes the caller the owner of an unowned open case. The row is locked by the action already; the
 * UPDATE's own condition is what decides the race, so the loser of simultaneous claims always gets 409
 * `already_owned`, never a second owner. The case's unit hears who took it.
 */
export async function claimCase(ctx: AppContext, tx: Tx, actor: Actor, row: CaseRow): Promise<Step> {
  const me = requireEmployee(actor);
  if (!OPEN_STATUSES.includes(row.status)) throw invalidTransition(row, 'claim');
  const [claimed] = await tx.query<CaseRow>(
    `UPDATE cases c SET owner_id = $3, updated_at = $4 WHERE c.org_id = $1 AND c.id = $2 AND ${UNOWNED} RETURNING ${CASE_COLUMNS}`,
    [tx.orgId, row.id, me, ctx.clock.now()],
  );
  if (!claimed) throw new AppError(409, 'already_owned', 'someone else owns this case already; ask them or escalate it');
  await appendTimeline(tx, ctx.clock, row.id, actor, 'claimed', { ownerId: me, fromOwnerId: row.owner_id });
  const name = await nameOf(tx, tx.orgId!, me);
  await notifyUnit(tx, ctx.clock, claimed.unit_id, [me], {
    kind: 'case.claimed',
    caseId: row.id,
    title: `${name} 认领了工单：${row.title}`,
    titleEn: `${name} claimed the case: ${row.title}`,
    data: { ownerId: me },
  });
  return { row: claimed };
}

type HandOver = Extract<CaseAction, { type: 'hand_over' }>;

/**
 * Hands an open case to a colleague (who becomes its owner) or to a unit's queue (unowned, anyone there
 * may claim it; the unit is told), with a note on the timeline. The owner may do it, and so may a manager
 * or admin whose scope holds the case (reassignment); another employee may not.
 */
export async function handOverCase(ctx: AppContext, tx: Tx, actor: Actor, row: CaseRow, action: HandOver): Promise<Step> {
  if (!OPEN_STATUSES.includes(row.status)) throw invalidTransition(row, action.type);
  const isOwner = actor.employeeId !== null && row.owner_id === actor.employeeId;
  if (!isOwner && actor.role === 'employee') throw new AppError(403, 'not_owner', 'only the owner of a case, or a manager, can hand it over');
  const orgId = tx.orgId!;
  let updated: CaseRow;
  if (action.ownerId) {
    await checkColleague(tx, orgId, action.ownerId);
    if (action.ownerId === row.owner_id) throw new AppError(422, 'same_owner', 'that colleague owns the case already', { field: 'ownerId' });
    updated = await saveCase(ctx, tx, row.id, { owner_id: action.ownerId });
  } else {
    const [unit] = await tx.query(`SELECT 1 FROM units WHERE org_id = $1 AND id = $2`, [orgId, action.unitId]);
    if (!unit) throw notFound('unit');
    updated = await saveCase(ctx, tx, row.id, { owner_id: null, unit_id: action.unitId });
  }
  await appendTimeline(tx, ctx.clock, row.id, actor, 'handed_over', {
    fromOwnerId: row.owner_id,
    toOwnerId: updated.owner_id,
    fromUnitId: row.unit_id,
    toUnitId: updated.unit_id,
    note: action.note,
  });
  const from = actor.employeeId ? await nameOf(tx, orgId, actor.employeeId) : '—';
  const notice = { caseId: row.id, data: { note: action.note, fromEmployeeId: actor.employeeId } };
  if (action.ownerId) {
    await notifyEmployees(tx, ctx.clock, [action.ownerId], { kind: 'case.handed_over', title: `${from} 把工单交给了你：${row.title}`, titleEn: `${from} handed you a case: ${row.title}`, ...notice });
  } else {
    await notifyUnit(tx, ctx.clock, action.unitId!, [actor.employeeId], { kind: 'case.queued', title: `待认领的工单：${row.title}`, titleEn: `A case waits to be claimed: ${row.title}`, ...notice });
  }
  return { row: updated };
}
