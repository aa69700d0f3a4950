/**
 * Cases: reading them within the caller's data scope, and the presenter.
 * Opening lives in case-opening.ts, actions in case-actions.service.ts.
 */
import type { z } from 'zod';
import type { Case, CaseDetail, CaseListQuerySchema, Priority } from '../../../contracts/cases.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { dataScopeOf, unitSubtreeIds, type DataScope } from '../org/index.ts';
import type { CaseRef } from './cases.events.ts';
import { OPEN_UNOWNED, queueUnitsOf, withQueue } from './case-queue.ts';

export interface CaseRow {
  id: string;
  status: Case['status'];
  priority: Priority;
  source: Case['source'];
  title: string;
  rule_id: string | null;
  response_id: string | null;
  customer_id: string | null;
  interaction_id: string | null;
  employee_id: string | null;
  unit_id: string | null;
  owner_id: string | null;
  first_response_due_at: Date;
  resolution_due_at: Date;
  escalate_at: Date | null;
  escalation_level: number;
  first_responded_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  root_cause: string | null;
  reopen_count: number;
  follow_up_link_id: string | null;
  description: string | null;
  touchpoint: string | null;
  created_at: Date;
  updated_at: Date;
}

export const CASE_COLUMNS = `id, status, priority, source, title, rule_id, response_id, customer_id, interaction_id, employee_id, unit_id,
  owner_id, first_response_due_at, resolution_due_at, escalate_at, escalation_level, first_responded_at, resolved_at, closed_at,
  root_cause, reopen_count, follow_up_link_id, description, touchpoint, created_at, updated_at`;

const C_COLUMNS = CASE_COLUMNS.split(',').map((c) => `c.${c.trim()}`).join(', ');

export const OPEN_STATUSES: Case['status'][] = ['new', 'acknowledged', 'in_progress'];

export function toCase(r: CaseRow): Case {
  const isOpen = OPEN_STATUSES.includes(r.status);
  const dueAt = !isOpen ? null : r.first_responded_at ? r.resolution_due_at : r.first_response_due_at;
  return {
    id: r.id,
    status: r.status,
    priority: r.priority,
    source: r.source,
    title: r.title,
    ruleId: r.rule_id,
    responseId: r.response_id,
    customerId: r.customer_id,
    interactionId: r.interaction_id,
    employeeId: r.employee_id,
    ownerId: r.owner_id,
    unitId: r.unit_id,
    dueAt: dueAt?.toISOString() ?? null,
    firstResponseDueAt: r.first_response_due_at.toISOString(),
    resolutionDueAt: r.resolution_due_at.toISOString(),
    escalationLevel: r.escalation_level,
    rootCause: r.root_cause,
    reopenCount: r.reopen_count,
    description: r.description,
    touchpoint: r.touchpoint,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    resolvedAt: r.resolved_at?.toISOString() ?? null,
    closedAt: r.closed_at?.toISOString() ?? null,
  };
}

/** The references event consumers scope by. */
export const caseRef = (r: CaseRow): CaseRef => ({
  caseId: r.id,
  status: r.status,
  priority: r.priority,
  ownerId: r.owner_id,
  employeeId: r.employee_id,
  unitId: r.unit_id,
  customerId: r.customer_id,
});

/**
 * The SQL condition (on alias `c`) for the cases a scope sees: admins all;
 * managers cases of their unit subtree, owned by someone in it, owned by or
 * about themselves; employees cases they own or that are about their service.
 */
function scopeCondition(scope: DataScope, params: unknown[]): string {
  switch (scope.kind) {
    case 'org':
      return 'TRUE';
    case 'none':
      return 'FALSE';
    case 'self':
      params.push(scope.employeeId);
      return `(c.owner_id = $${params.length} OR c.employee_id = $${params.length})`;
    case 'units': {
      params.push(scope.unitIds);
      const units = `$${params.length}::uuid[]`;
      return `(c.unit_id = ANY (${units}) OR EXISTS (SELECT 1 FROM employees o WHERE o.org_id = c.org_id AND o.id IN (c.owner_id, c.employee_id) AND o.unit_id = ANY (${units})))`;
    }
  }
}

/** Manager scope plus the manager's own cases (an escalation may route a case from outside the subtree). */
export async function scopeFor(tx: Queryable, actor: Actor): Promise<{ scope: DataScope; self: string | null }> {
  return { scope: await dataScopeOf(tx, actor), self: actor.role === 'partner' ? null : actor.employeeId };
}

export function scopedWhere(s: { scope: DataScope; self: string | null }, params: unknown[]): string {
  const base = scopeCondition(s.scope, params);
  if (s.scope.kind !== 'units' || !s.self) return base;
  params.push(s.self);
  return `(${base} OR c.owner_id = $${params.length})`;
}

type ListQuery = z.infer<typeof CaseListQuerySchema> & { limit: number; cursor?: string };

/** Cases newest first within the caller's scope (an employee's includes their units' queue); `unitId` includes its subtree. */
export function listCases(ctx: AppContext, actor: Actor, q: ListQuery): Promise<Page<Case>> {
  authorize(actor, 'case.read');
  const after = readCursor(q.cursor);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const params: unknown[] = [actor.orgId];
    const where = [`c.org_id = $1`, withQueue(scopedWhere(await scopeFor(tx, actor), params), await queueUnitsOf(tx, actor), params)];
    if (q.unowned === 'true') where.push(OPEN_UNOWNED);
    if (q.status) where.push(`c.status = $${params.push(q.status)}`);
    if (q.ownerId) where.push(`c.owner_id = $${params.push(q.ownerId)}`);
    if (q.unitId) where.push(`c.unit_id = ANY ($${params.push(await unitSubtreeIds(tx, actor.orgId, q.unitId))}::uuid[])`);
    if (after) where.push(`(c.created_at, c.id) < ($${params.push(after.at)}::timestamptz, $${params.push(after.id)}::uuid)`);
    const rows = await tx.query<CaseRow>(
      `SELECT ${C_COLUMNS} FROM cases c WHERE ${where.join(' AND ')}
       ORDER BY c.created_at DESC, c.id DESC LIMIT $${params.push(q.limit + 1)}`,
      params,
    );
    return toPage(rows.map(toCase), q.limit, (c) => `${c.createdAt}|${c.id}`);
  });
}

function readCursor(cursor: string | undefined): { at: string; id: string } | null {
  const key = decodeCursor(cursor);
  if (!key) return null;
  const [at, id] = key.split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) throw notFound('cursor');
  return { at, id };
}

/** A case in the caller's scope with its timeline; out of scope and unknown both answer 404. */
export function getCase(ctx: AppContext, actor: Actor, id: string): Promise<CaseDetail> {
  authorize(actor, 'case.read');
  return ctx.db.tenant(actor.orgId, async (tx) => presentCase(tx, await findCaseInScope(tx, actor, id)));
}

/**
 * Loads a case the actor may see, optionally locking it for an action (serialises actions on one case).
 * `toClaim` finds any case of an employee's queue units whoever owns it: a claim that lost the race must
 * meet the winner's owner (409), not a case that vanished from its scope while it waited for the lock (404).
 */
export async function findCaseInScope(tx: Queryable, actor: Actor, id: string, lock = false, toClaim = false): Promise<CaseRow> {
  const params: unknown[] = [actor.orgId, id];
  const where = withQueue(scopedWhere(await scopeFor(tx, actor), params), await queueUnitsOf(tx, actor), params, toClaim);
  const [row] = await tx.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM cases c WHERE c.org_id = $1 AND c.id = $2 AND ${where}${lock ? ' FOR UPDATE OF c' : ''}`,
    params,
  );
  if (!row) throw notFound('case');
  return row;
}

export async function presentCase(tx: Tx, row: CaseRow): Promise<CaseDetail> {
  const events = await tx.query<{ id: string; at: Date; type: string; actor_type: string; actor_employee_id: string | null; data: Record<string, unknown> }>(
    // Ordered by the numeric id (e.id), not the text column of the same name, which would put entry 10 before 9.
    `SELECT e.id::text AS id, e.at, e.type, e.actor_type, e.actor_employee_id, e.data FROM case_events e WHERE e.org_id = $1 AND e.case_id = $2 ORDER BY e.id`,
    [tx.orgId, row.id],
  );
  const [photo] = await tx.query(`SELECT 1 FROM case_photos WHERE org_id = $1 AND case_id = $2`, [tx.orgId, row.id]);
  const [customer] = row.customer_id
    ? await tx.query<{ name: string | null; phone: string | null }>(`SELECT name, phone FROM customers WHERE org_id = $1 AND id = $2`, [tx.orgId, row.customer_id])
    : [];
  return {
    ...toCase(row),
    hasPhoto: photo !== undefined,
    customer: customer ?? null,
    timeline: events.map((e) => ({ id: e.id, at: e.at.toISOString(), type: e.type, actorType: e.actor_type, actorEmployeeId: e.actor_employee_id, data: e.data })),
  };
}
