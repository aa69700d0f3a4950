/**
 * The lists around cases: a manager's approvals inbox, the compensation
 * ledger, exemptions (overdue reports for the manager's dashboard) and the
 * caller's in-app notifications, each within the caller's data scope.
 */
import type { z } from 'zod';
import type { Approval, CompensationListQuerySchema, Exemption } from '../../../contracts/cases.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { dataScopeOf, unitSubtreeIds } from '../org/index.ts';
import { actOnCase, type ActionOutcome } from './case-actions.service.ts';

type Paging = { limit: number; cursor?: string };

/** Newest first by (created_at, id): the cursor carries both. */
function keyset(cursor: string | undefined, params: unknown[], alias: string): string | null {
  const key = decodeCursor(cursor);
  if (!key) return null;
  const [at, id] = key.split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) throw notFound('cursor');
  return `(${alias}.created_at, ${alias}.id) < ($${params.push(at)}::timestamptz, $${params.push(id)}::uuid)`;
}

/**
 * Who an employee-keyed row is visible to: admins all; managers rows of people
 * in their unit subtree (and their own); employees their own.
 */
async function peopleScope(tx: Queryable, actor: Actor, params: unknown[], column: string): Promise<string> {
  const scope = await dataScopeOf(tx, actor);
  if (scope.kind === 'org') return 'TRUE';
  if (scope.kind === 'none') return 'FALSE';
  if (scope.kind === 'self') return `${column} = $${params.push(scope.employeeId)}`;
  return `(${column} = $${params.push(actor.employeeId)} OR EXISTS (SELECT 1 FROM employees p WHERE p.org_id = $1 AND p.id = ${column} AND p.unit_id = ANY ($${params.push(scope.unitIds)}::uuid[])))`;
}

interface ApprovalRowOut {
  id: string;
  case_id: string;
  requested_by: string;
  approver_id: string;
  amount: string;
  currency: string;
  kind: Approval['kind'];
  note: string | null;
  status: Approval['status'];
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  created_at: Date;
}

/** The approvals inbox: requests routed to me or asked by me (admins: all), newest first. */
export function listApprovals(ctx: AppContext, actor: Actor, q: Paging & { status?: Approval['status'] }): Promise<Page<Approval>> {
  authorize(actor, 'case.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const params: unknown[] = [actor.orgId];
    const where = ['a.org_id = $1'];
    if (actor.role !== 'admin') {
      const me = `$${params.push(actor.employeeId)}::uuid`;
      where.push(`(a.approver_id = ${me} OR a.requested_by = ${me})`);
    }
    if (q.status) where.push(`a.status = $${params.push(q.status)}`);
    const after = keyset(q.cursor, params, 'a');
    if (after) where.push(after);
    const rows = await tx.query<ApprovalRowOut>(
      `SELECT a.id, a.case_id, a.requested_by, a.approver_id, a.amount::text, a.currency, a.kind, a.note, a.status, a.decided_by, a.decided_at,
         a.decision_note, a.created_at FROM approval_requests a WHERE ${where.join(' AND ')}
       ORDER BY a.created_at DESC, a.id DESC LIMIT $${params.push(q.limit + 1)}`,
      params,
    );
    const items = rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      requestedBy: r.requested_by,
      approverId: r.approver_id,
      amount: Number(r.amount),
      currency: r.currency,
      kind: r.kind,
      note: r.note,
      status: r.status,
      decidedBy: r.decided_by,
      decidedAt: r.decided_at?.toISOString() ?? null,
      decisionNote: r.decision_note,
      createdAt: r.created_at.toISOString(),
    }));
    return toPage(items, q.limit, (a) => `${a.createdAt}|${a.id}`);
  });
}

/** `POST /approvals/:id/decision`: the same check and effect as the approve/reject case actions. */
export async function decideApprovalById(ctx: AppContext, actor: Actor, approvalId: string, decision: 'approve' | 'reject', note?: string): Promise<ActionOutcome> {
  authorize(actor, 'case.act');
  const [a] = await ctx.db.tenant(actor.orgId, (tx) =>
    tx.query<{ case_id: string }>(`SELECT case_id FROM approval_requests WHERE org_id = $1 AND id = $2`, [actor.orgId, approvalId]),
  );
  if (!a) throw notFound('approval');
  return actOnCase(ctx, actor, a.case_id, { type: decision, approvalId, note });
}

/** The compensation ledger, by case, employee or unit (subtree), newest first. */
export function listCompensations(ctx: AppContext, actor: Actor, q: Paging & z.infer<typeof CompensationListQuerySchema>) {
  authorize(actor, 'case.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const params: unknown[] = [actor.orgId];
    const where = ['c.org_id = $1', await peopleScope(tx, actor, params, 'c.employee_id')];
    if (q.caseId) where.push(`c.case_id = $${params.push(q.caseId)}`);
    if (q.employeeId) where.push(`c.employee_id = $${params.push(q.employeeId)}`);
    if (q.unitId) where.push(`c.unit_id = ANY ($${params.push(await unitSubtreeIds(tx, actor.orgId, q.unitId))}::uuid[])`);
    const after = keyset(q.cursor, params, 'c');
    if (after) where.push(after);
    const rows = await tx.query<{
      id: string; case_id: string; employee_id: string; unit_id: string | null; amount: string; currency: string;
      kind: Approval['kind']; approval_id: string | null; approved_by: string | null; created_at: Date;
    }>(
      `SELECT c.id, c.case_id, c.employee_id, c.unit_id, c.amount::text, c.currency, c.kind, c.approval_id, c.approved_by, c.created_at
       FROM compensations c WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT $${params.push(q.limit + 1)}`,
      params,
    );
    const items = rows.map((r) => ({
      id: r.id, caseId: r.case_id, employeeId: r.employee_id, unitId: r.unit_id, amount: Number(r.amount), currency: r.currency,
      kind: r.kind, approvalId: r.approval_id, approvedBy: r.approved_by, createdAt: r.created_at.toISOString(),
    }));
    return toPage(items, q.limit, (c) => `${c.createdAt}|${c.id}`);
  });
}

/** Exemptions in scope (a manager also sees those escalated to them); `overdue` = report past due and not in. */
export function listExemptions(ctx: AppContext, actor: Actor, q: Paging & { overdue?: 'true' | 'false' }): Promise<Page<Exemption>> {
  authorize(actor, 'case.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const now = ctx.clock.now();
    const params: unknown[] = [actor.orgId, now];
    const scope = await peopleScope(tx, actor, params, 'x.employee_id');
    const where = ['x.org_id = $1', actor.employeeId ? `(${scope} OR x.escalated_to = $${params.push(actor.employeeId)})` : scope];
    if (q.overdue === 'true') where.push(`x.reported_at IS NULL AND x.report_due_at <= $2`);
    if (q.overdue === 'false') where.push(`NOT (x.reported_at IS NULL AND x.report_due_at <= $2)`);
    const after = keyset(q.cursor, params, 'x');
    if (after) where.push(after);
    const rows = await tx.query<{
      id: string; case_id: string; employee_id: string; rule: string; reason: string; report_due_at: Date; report: string | null;
      reported_at: Date | null; escalated_to: string | null; created_at: Date; is_overdue: boolean;
    }>(
      `SELECT x.id, x.case_id, x.employee_id, x.rule, x.reason, x.report_due_at, x.report, x.reported_at, x.escalated_to, x.created_at,
         (x.reported_at IS NULL AND x.report_due_at <= $2) AS is_overdue
       FROM exemptions x WHERE ${where.join(' AND ')} ORDER BY x.created_at DESC, x.id DESC LIMIT $${params.push(q.limit + 1)}`,
      params,
    );
    const items = rows.map((r) => ({
      id: r.id, caseId: r.case_id, employeeId: r.employee_id, rule: r.rule, reason: r.reason, reportDueAt: r.report_due_at.toISOString(),
      report: r.report, reportedAt: r.reported_at?.toISOString() ?? null, isOverdue: r.is_overdue, escalatedTo: r.escalated_to,
      createdAt: r.created_at.toISOString(),
    }));
    return toPage(items, q.limit, (x) => `${x.createdAt}|${x.id}`);
  });
}

/** `POST /exemptions/:id/report`: the same as the `exemption_report` case action. */
export async function reportExemptionById(ctx: AppContext, actor: Actor, exemptionId: string, report: string): Promise<ActionOutcome> {
  authorize(actor, 'case.act');
  const [x] = await ctx.db.tenant(actor.orgId, (tx) =>
    tx.query<{ case_id: string }>(`SELECT case_id FROM exemptions WHERE org_id = $1 AND id = $2`, [actor.orgId, exemptionId]),
  );
  if (!x) throw notFound('exemption');
  return actOnCase(ctx, actor, x.case_id, { type: 'exemption_report', exemptionId, report });
}

/** The caller's own notifications, newest first. */
export function listNotifications(ctx: AppContext, actor: Actor, q: Paging & { unread?: 'true' | 'false' }) {
  authorize(actor, 'case.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const params: unknown[] = [actor.orgId, actor.employeeId];
    const where = ['n.org_id = $1', 'n.employee_id = $2::uuid'];
    if (q.unread === 'true') where.push('n.read_at IS NULL');
    const after = keyset(q.cursor, params, 'n');
    if (after) where.push(after);
    const rows = await tx.query<{ id: string; kind: string; case_id: string | null; title: string; title_en: string; data: Record<string, unknown>; created_at: Date; read_at: Date | null }>(
      `SELECT n.id, n.kind, n.case_id, n.title, n.title_en, n.data, n.created_at, n.read_at FROM notifications n
       WHERE ${where.join(' AND ')} ORDER BY n.created_at DESC, n.id DESC LIMIT $${params.push(q.limit + 1)}`,
      params,
    );
    const items = rows.map((r) => ({
      id: r.id, kind: r.kind, caseId: r.case_id, title: { 'zh-CN': r.title, en: r.title_en }, data: r.data,
      createdAt: r.created_at.toISOString(), readAt: r.read_at?.toISOString() ?? null,
    }));
    return toPage(items, q.limit, (n) => `${n.createdAt}|${n.id}`);
  });
}

export function markNotificationRead(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'case.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const rows = await tx.query(
      `UPDATE notifications SET read_at = coalesce(read_at, $4) WHERE org_id = $1 AND id = $2 AND employee_id = $3::uuid RETURNING id`,
      [actor.orgId, id, actor.employeeId, ctx.clock.now()],
    );
    if (rows.length === 0) throw notFound('notification');
  });
}
