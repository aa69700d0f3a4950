/**
 * Completion records, one per person and item. An employee declares their own;
 * the item's trainer, a manager above the person or an admin confirms a
 * declaration, or records someone's completion as confirmed at once. Nobody
 * confirms their own. Completions are kept when assignments change.
 */
import type { z } from 'zod';
import type { Completion, CompletionQuerySchema, CreateCompletion } from '../../../contracts/learning.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { dataScopeOf, type DataScope } from '../org/index.ts';
import { findItem } from './items.service.ts';
import { findPerson, holdsPerson, mayVouch, peopleScopeSql, scopeUnitIds } from './learning.scope.ts';
import { orgToday } from './learning.today.ts';

export interface CompletionRow {
  id: string;
  item_id: string;
  name_zh: string;
  name_en: string;
  layer: Completion['layer'];
  owner_id: string;
  employee_id: string;
  employee_name: string;
  unit_id: string;
  status: Completion['status'];
  self_declared: boolean;
  evidence: string | null;
  completed_on: string;
  recorded_at: Date;
  confirmed_at: Date | null;
  confirmed_by_name: string | null;
}

export const COMPLETION_SELECT = `SELECT c.id, c.item_id, i.name_zh, i.name_en, i.layer, i.owner_id, c.employee_id, e.name AS employee_name, e.unit_id, c.status,
    c.self_declared, c.evidence, c.completed_on::text AS completed_on, c.recorded_at, c.confirmed_at, cb.name AS confirmed_by_name
  FROM learning_completions c
  JOIN learning_items i ON i.org_id = c.org_id AND i.id = c.item_id
  JOIN employees e ON e.org_id = c.org_id AND e.id = c.employee_id
  LEFT JOIN employees cb ON cb.org_id = c.org_id AND cb.id = c.confirmed_by_employee_id`;

const personOf = (r: CompletionRow) => ({ id: r.employee_id, name: r.employee_name, unitId: r.unit_id });

export const toCompletion = (actor: Actor, scope: DataScope, r: CompletionRow): Completion => ({
  id: r.id,
  itemId: r.item_id,
  itemName: { 'zh-CN': r.name_zh, en: r.name_en },
  layer: r.layer,
  employeeId: r.employee_id,
  employeeName: r.employee_name,
  unitId: r.unit_id,
  status: r.status,
  selfDeclared: r.self_declared,
  evidence: r.evidence,
  completedOn: r.completed_on,
  recordedAt: new Date(r.recorded_at).toISOString(),
  confirmedAt: r.confirmed_at ? new Date(r.confirmed_at).toISOString() : null,
  confirmedByName: r.confirmed_by_name,
  canConfirm: r.status === 'declared' && mayVouch(actor, scope, { ownerId: r.owner_id }, personOf(r)),
});

/** Whether the actor sees the record: their scope holds the person, or they train the item. */
const sees = (actor: Actor, scope: DataScope, r: CompletionRow) => holdsPerson(scope, personOf(r)) || (actor.employeeId !== null && r.owner_id === actor.employeeId);

async function completionById(tx: Queryable, orgId: string, id: string, lock = false): Promise<CompletionRow | undefined> {
  const [row] = await tx.query<CompletionRow>(`${COMPLETION_SELECT} WHERE c.org_id = $1 AND c.id = $2${lock ? ' FOR UPDATE OF c' : ''}`, [orgId, id]);
  return row;
}

/** Declares one's own completion, or records someone's as confirmed (trainer, manager above them, admin). */
export async function recordCompletion(ctx: AppContext, actor: Actor, input: CreateCompletion): Promise<Completion> {
  authorize(actor, 'learning.complete');
  const employeeId = input.employeeId ?? actor.employeeId;
  if (employeeId === null) throw invalid('this account acts as no employee: say whose completion it is', { field: 'employeeId' });
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const item = await findItem(tx, actor.orgId, input.itemId);
    if (!item.active) throw new AppError(409, 'item_retired', 'this learning item is retired');
    const person = await findPerson(tx, actor.orgId, employeeId);
    const scope = await dataScopeOf(tx, actor);
    const isSelf = employeeId === actor.employeeId;
    if (!isSelf && !mayVouch(actor, scope, { ownerId: item.owner_id }, person)) throw new AppError(404, 'not_found', 'employeeId was not found', { field: 'employeeId' });
    const today = await orgToday(tx, actor.orgId, ctx.clock.now());
    if (input.completedOn !== undefined && input.completedOn > today) throw invalid('completedOn is in the future', { field: 'completedOn' });
    const now = ctx.clock.now();
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO learning_completions (org_id, item_id, employee_id, status, self_declared, evidence, completed_on, recorded_at, recorded_by,
         confirmed_at, confirmed_by, confirmed_by_employee_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (org_id, item_id, employee_id) DO NOTHING RETURNING id`,
      [actor.orgId, item.id, employeeId, isSelf ? 'declared' : 'confirmed', isSelf, input.evidence?.trim() || null, input.completedOn ?? today, now, actor.id,
        isSelf ? null : now, isSelf ? null : actor.id, isSelf ? null : actor.employeeId],
    );
    if (!row) {
      const [existing] = await tx.query<{ id: string }>(`SELECT id FROM learning_completions WHERE org_id = $1 AND item_id = $2 AND employee_id = $3`, [actor.orgId, item.id, employeeId]);
      throw new AppError(409, 'already_recorded', 'a completion of this item is already recorded for this person', { completionId: existing?.id });
    }
    await recordAudit(tx, ctx.clock, actor, { action: isSelf ? 'learning.declared' : 'learning.recorded', entityType: 'learning_completion', entityId: row.id, after: input });
    return toCompletion(actor, scope, (await completionById(tx, actor.orgId, row.id))!);
  });
}

/** Confirms a declaration: 404 unless the actor sees it, 403 unless they may vouch for it, 409 already_confirmed. */
export async function confirmCompletion(ctx: AppContext, actor: Actor, id: string, note?: string): Promise<Completion> {
  authorize(actor, 'learning.confirm');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const row = await completionById(tx, actor.orgId, id, true);
    const scope = await dataScopeOf(tx, actor);
    if (!row || !sees(actor, scope, row)) throw notFound('completion');
    if (!mayVouch(actor, scope, { ownerId: row.owner_id }, personOf(row))) {
      throw forbidden(row.employee_id === actor.employeeId ? 'you may not confirm your own completion' : 'only the trainer, a manager above this person or an admin may confirm it');
    }
    if (row.status === 'confirmed') throw new AppError(409, 'already_confirmed', 'this completion is already confirmed');
    await tx.query(
      `UPDATE learning_completions SET status = 'confirmed', confirmed_at = $3, confirmed_by = $4, confirmed_by_employee_id = $5 WHERE org_id = $1 AND id = $2`,
      [actor.orgId, id, ctx.clock.now(), actor.id, actor.employeeId],
    );
    await recordAudit(tx, ctx.clock, actor, { action: 'learning.confirmed', entityType: 'learning_completion', entityId: id, before: { status: row.status }, after: { status: 'confirmed', note } });
    return toCompletion(actor, scope, (await completionById(tx, actor.orgId, id))!);
  });
}

/** Completions the actor sees (their scope's people, and every completion of items they train), newest first. */
export async function listCompletions(ctx: AppContext, actor: Actor, q: z.infer<typeof CompletionQuerySchema>): Promise<Page<Completion>> {
  authorize(actor, 'learning.read');
  const after = decodeCursor(q.cursor);
  const [afterAt, afterId] = after?.split('|') ?? [];
  if (after !== null && (!afterAt || !afterId || Number.isNaN(Date.parse(afterAt)) || !/^[0-9a-f-]{36}$/.test(afterId))) throw invalid('cursor is not valid');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const scope = await dataScopeOf(tx, actor);
    const params: unknown[] = [actor.orgId];
    const me = actor.employeeId === null ? 'NULL::uuid' : `$${params.push(actor.employeeId)}::uuid`;
    const where = ['c.org_id = $1', `(${peopleScopeSql(scope, 'e', params)} OR i.owner_id = ${me})`];
    if (q.status) where.push(`c.status = $${params.push(q.status)}`);
    if (q.itemId) where.push(`c.item_id = $${params.push(q.itemId)}`);
    if (q.employeeId) where.push(`c.employee_id = $${params.push(q.employeeId)}`);
    if (q.confirmable) where.push(`c.status = 'declared' AND c.employee_id IS DISTINCT FROM ${me} AND (${vouchSql(actor, scope, me, params)})`);
    if (after !== null) where.push(`(c.recorded_at, c.id) < ($${params.push(afterAt)}::timestamptz, $${params.push(afterId)}::uuid)`);
    const rows = await tx.query<CompletionRow>(`${COMPLETION_SELECT} WHERE ${where.join(' AND ')} ORDER BY c.recorded_at DESC, c.id DESC LIMIT $${params.push(q.limit + 1)}`, params);
    return toPage(rows.map((r) => toCompletion(actor, scope, r)), q.limit, (c) => `${c.recordedAt}|${c.id}`);
  });
}

/** `mayVouch` in SQL (apart from the "not oneself" part), over aliases `i` (item) and `e` (person). */
function vouchSql(actor: Actor, scope: DataScope, me: string, params: unknown[]): string {
  if (actor.role === 'admin') return 'true';
  const units = actor.role === 'manager' ? scopeUnitIds(scope) : [];
  return `i.owner_id = ${me} OR e.unit_id = ANY($${params.push(units ?? [])}::uuid[])`;
}
