/**
 * Frontline authority, enforced on the server: compensation within the
 * actor's position (limit per case, currency, kinds) is granted at once and
 * written to the append-only ledger; above it, an approval request goes to the
 * nearest person up the chain whose position covers it (202), and with nobody
 * able to cover it the answer is 403 authority_exceeded. Limits count what the
 * case has already received in that currency, so splitting a grant does not
 * get round them. Process exemptions need a position that allows them and a
 * report within 24 hours.
 */
import type { Actor } from '../../platform/actor.ts';
import { HOUR } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { authorityOf, chainAbove, covers } from './chain.ts';
import { caseRef, OPEN_STATUSES, type CaseRow } from './cases.service.ts';
import { publishCaseEvent } from './cases.events.ts';
import { invalidTransition, requireEmployee, startWork, type Step } from './case-workflow.ts';
import { appendTimeline, notifyEmployees } from './timeline.ts';

export const EXEMPTION_REPORT_DUE_MS = 24 * HOUR;

type Kind = 'refund' | 'voucher' | 'upgrade' | 'gift';

async function caseTotal(tx: Tx, caseId: string, currency: string): Promise<number> {
  const [row] = await tx.query<{ total: string }>(
    `SELECT coalesce(sum(amount), 0)::text AS total FROM compensations WHERE org_id = $1 AND case_id = $2 AND currency = $3`,
    [tx.orgId, caseId, currency],
  );
  return Number(row!.total);
}

export async function compensate(
  ctx: AppContext,
  tx: Tx,
  actor: Actor,
  row: CaseRow,
  input: { amount: number; currency: string; kind: Kind; note?: string },
): Promise<Step> {
  const me = requireEmployee(actor);
  if (!OPEN_STATUSES.includes(row.status)) throw invalidTransition(row, 'compensate');
  const mine = await authorityOf(tx, actor.orgId, me);
  if (!mine) throw notFound('employee');
  if (mine.currency !== input.currency) {
    throw new AppError(422, 'currency_mismatch', `your position's authority is in ${mine.currency}, not ${input.currency}`, { expected: mine.currency, field: 'currency' });
  }
  const total = (await caseTotal(tx, row.id, input.currency)) + input.amount;
  const grant = { caseTotal: total, currency: input.currency, kind: input.kind };
  if (covers(mine, grant)) {
    const compensationId = await executeCompensation(ctx, tx, row, { ...input, employeeId: me, approvalId: null, approvedBy: null });
    await appendTimeline(tx, ctx.clock, row.id, actor, 'compensated', { compensationId, amount: input.amount, currency: input.currency, kind: input.kind, note: input.note ?? null });
    return { row: await startWork(ctx, tx, row), status: 'executed', extra: { compensationId } };
  }
  let approverId: string | null = null;
  for (const person of await chainAbove(tx, actor.orgId, me)) {
    if (covers(await authorityOf(tx, actor.orgId, person.id), grant)) {
      approverId = person.id;
      break;
    }
  }
  if (!approverId) {
    throw new AppError(403, 'authority_exceeded', 'this compensation is above your authority and nobody above you can approve it', {
      limit: mine.limit,
      currency: mine.currency,
      kinds: mine.kinds,
      caseTotal: total,
    });
  }
  const [approval] = await tx.query<{ id: string }>(
    `INSERT INTO approval_requests (org_id, case_id, requested_by, approver_id, amount, currency, kind, note, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [actor.orgId, row.id, me, approverId, input.amount, input.currency, input.kind, input.note ?? null, ctx.clock.now()],
  );
  const approvalId = approval!.id;
  await appendTimeline(tx, ctx.clock, row.id, actor, 'approval_requested', { approvalId, approverId, amount: input.amount, currency: input.currency, kind: input.kind, note: input.note ?? null });
  await notifyEmployees(tx, ctx.clock, [approverId], {
    kind: 'approval.requested',
    caseId: row.id,
    title: `待审批补偿：${input.amount} ${input.currency}`,
    titleEn: `Compensation to approve: ${input.amount} ${input.currency}`,
    data: { approvalId, amount: input.amount, currency: input.currency, kind: input.kind },
  });
  await publishCaseEvent(tx, ctx.clock, 'approval.requested', {
    approvalId, caseId: row.id, approverId, requestedBy: me, employeeId: me, amount: input.amount, currency: input.currency, kind: input.kind, unitId: row.unit_id,
  });
  return { row: await startWork(ctx, tx, row), httpStatus: 202, status: 'pending', extra: { approvalId } };
}

async function executeCompensation(
  ctx: AppContext,
  tx: Tx,
  row: CaseRow,
  c: { amount: number; currency: string; kind: Kind; employeeId: string; approvalId: string | null; approvedBy: string | null },
): Promise<string> {
  const [inserted] = await tx.query<{ id: string }>(
    `INSERT INTO compensations (org_id, case_id, employee_id, unit_id, customer_id, amount, currency, kind, approval_id, approved_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [tx.orgId, row.id, c.employeeId, row.unit_id, row.customer_id, c.amount, c.currency, c.kind, c.approvalId, c.approvedBy, ctx.clock.now()],
  );
  return inserted!.id;
}

interface ApprovalRow {
  id: string;
  case_id: string;
  requested_by: string;
  approver_id: string;
  amount: string;
  currency: string;
  kind: Kind;
  status: 'pending' | 'approved' | 'rejected';
}

/**
 * Approve or reject: only the routed approver, or someone above them, may
 * decide, and approving needs the decider's own authority to cover the case's
 * new total (checked now, not when the request was made).
 */
export async function decideApproval(ctx: AppContext, tx: Tx, actor: Actor, row: CaseRow, approvalId: string, decision: 'approve' | 'reject', note?: string): Promise<Step> {
  const me = requireEmployee(actor);
  const [a] = await tx.query<ApprovalRow>(
    `SELECT id, case_id, requested_by, approver_id, amount::text, currency, kind, status FROM approval_requests
     WHERE org_id = $1 AND id = $2 AND case_id = $3 FOR UPDATE`,
    [actor.orgId, approvalId, row.id],
  );
  if (!a) throw notFound('approval');
  const isEligible = a.approver_id === me || (await chainAbove(tx, actor.orgId, a.approver_id)).some((p) => p.id === me);
  if (!isEligible) throw new AppError(403, 'not_approver', 'only the manager this request was routed to, or someone above them, may decide it');
  if (a.status !== 'pending') throw new AppError(409, 'approval_decided', `this request was already ${a.status}`, { status: a.status });
  const amount = Number(a.amount);
  let compensationId: string | undefined;
  if (decision === 'approve') {
    if (row.status === 'closed') throw invalidTransition(row, 'approve');
    const grant = { caseTotal: (await caseTotal(tx, row.id, a.currency)) + amount, currency: a.currency, kind: a.kind };
    if (!covers(await authorityOf(tx, actor.orgId, me), grant)) {
      throw new AppError(403, 'authority_exceeded', 'your authority does not cover this compensation on this case; someone above you may approve it', { caseTotal: grant.caseTotal, currency: a.currency });
    }
    compensationId = await executeCompensation(ctx, tx, row, { amount, currency: a.currency, kind: a.kind, employeeId: a.requested_by, approvalId: a.id, approvedBy: me });
  }
  await tx.query(
    `UPDATE approval_requests SET status = $3, decided_by = $4, decided_at = $5, decision_note = $6 WHERE org_id = $1 AND id = $2`,
    [actor.orgId, a.id, decision === 'approve' ? 'approved' : 'rejected', me, ctx.clock.now(), note ?? null],
  );
  await appendTimeline(tx, ctx.clock, row.id, actor, decision === 'approve' ? 'approved' : 'rejected', { approvalId: a.id, amount, currency: a.currency, kind: a.kind, note: note ?? null });
  if (compensationId) await appendTimeline(tx, ctx.clock, row.id, actor, 'compensated', { compensationId, approvalId: a.id, amount, currency: a.currency, kind: a.kind });
  await notifyEmployees(tx, ctx.clock, [a.requested_by], {
    kind: decision === 'approve' ? 'approval.approved' : 'approval.rejected',
    caseId: row.id,
    title: decision === 'approve' ? `补偿已批准：${amount} ${a.currency}` : `补偿未获批准：${amount} ${a.currency}`,
    titleEn: decision === 'approve' ? `Compensation approved: ${amount} ${a.currency}` : `Compensation rejected: ${amount} ${a.currency}`,
    data: { approvalId: a.id },
  });
  await publishCaseEvent(tx, ctx.clock, 'case.updated', { ...caseRef(row), action: decision, actorEmployeeId: me });
  return { row, status: decision === 'approve' ? 'approved' : 'rejected', extra: { approvalId: a.id, ...(compensationId ? { compensationId } : {}) } };
}

/** A process exemption: allowed by the actor's position; the report is due 24 h later. */
export async function exempt(ctx: AppContext, tx: Tx, actor: Actor, row: CaseRow, input: { rule: string; reason: string }): Promise<Step> {
  const me = requireEmployee(actor);
  if (!OPEN_STATUSES.includes(row.status)) throw invalidTransition(row, 'exempt');
  const mine = await authorityOf(tx, actor.orgId, me);
  if (!mine?.exemptionAllowed) throw new AppError(403, 'exemption_not_allowed', 'your position does not allow process exemptions');
  const now = ctx.clock.now();
  const reportDueAt = new Date(now.getTime() + EXEMPTION_REPORT_DUE_MS);
  const [e] = await tx.query<{ id: string }>(
    `INSERT INTO exemptions (org_id, case_id, employee_id, rule, reason, report_due_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [actor.orgId, row.id, me, input.rule, input.reason, reportDueAt, now],
  );
  await appendTimeline(tx, ctx.clock, row.id, actor, 'exempted', { exemptionId: e!.id, rule: input.rule, reason: input.reason, reportDueAt: reportDueAt.toISOString() });
  const updated = await startWork(ctx, tx, row);
  return { row: updated, extra: { exemptionId: e!.id, reportDueAt: reportDueAt.toISOString() } };
}

/** The exemption report, by the employee who made the exemption (late reports are accepted and marked late). */
export async function reportExemption(ctx: AppContext, tx: Tx, actor: Actor, row: CaseRow, exemptionId: string, report: string): Promise<Step> {
  const me = requireEmployee(actor);
  const [e] = await tx.query<{ id: string; employee_id: string; reported_at: Date | null; report_due_at: Date }>(
    `SELECT id, employee_id, reported_at, report_due_at FROM exemptions WHERE org_id = $1 AND id = $2 AND case_id = $3 FOR UPDATE`,
    [actor.orgId, exemptionId, row.id],
  );
  if (!e) throw notFound('exemption');
  if (e.employee_id !== me) throw new AppError(403, 'not_exemption_owner', 'only the employee who made the exemption reports on it');
  if (e.reported_at) throw new AppError(409, 'already_reported', 'this exemption has its report');
  const now = ctx.clock.now();
  await tx.query(`UPDATE exemptions SET report = $3, reported_at = $4 WHERE org_id = $1 AND id = $2`, [actor.orgId, e.id, report, now]);
  await appendTimeline(tx, ctx.clock, row.id, actor, 'exemption_reported', { exemptionId: e.id, isLate: now > e.report_due_at });
  return { row, extra: { exemptionId: e.id } };
}
