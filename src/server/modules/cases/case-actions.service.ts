/**
 * `POST /cases/:id/actions`: every action locks the case row, checks the
 * transition, records it in the timeline and publishes an event, all in one
 * transaction. Compensation, approvals and exemptions are in authority.service.ts.
 */
import type { CaseAction, CaseActionResult } from '../../../contracts/cases.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { hashRequest, idempotencyConflict } from '../../platform/idempotency.ts';
import { compensate, decideApproval, exempt, reportExemption } from './authority.service.ts';
import { chainAbove } from './chain.ts';
import { CASE_COLUMNS, caseRef, findCaseInScope, OPEN_STATUSES, presentCase, type CaseRow } from './cases.service.ts';
import { publishCaseEvent } from './cases.events.ts';
import { escalateCase, invalidTransition, reopenCase, saveCase, sendFollowUp, startWork, type Step } from './case-workflow.ts';
import { claimCase, handOverCase } from './case-queue.ts';
import { checkRootCause } from './settings.service.ts';
import { appendTimeline } from './timeline.ts';

/** What an action hands back besides the case: the HTTP status and extra fields (approvalId, reportDueAt…). */
export interface ActionOutcome {
  httpStatus: 200 | 202;
  result: CaseActionResult;
}

/**
 * Runs one action on a case the actor can see (404 otherwise). With an
 * Idempotency-Key, a repeat of the same request by the same actor returns the
 * first outcome (status and body) without acting again; the key with another
 * request is refused (422). Actions on a case queue on its row lock, so a
 * retry racing its original waits for it and then finds its key.
 */
export function actOnCase(ctx: AppContext, actor: Actor, caseId: string, action: CaseAction, idempotencyKey?: string): Promise<ActionOutcome> {
  authorize(actor, 'case.act');
  const hash = hashRequest({ caseId, action });
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const isDecision = action.type === 'approve' || action.type === 'reject';
    const row = isDecision ? await findCaseForDecision(tx, actor, caseId) : await findCaseInScope(tx, actor, caseId, true, action.type === 'claim');
    // An employee sees their units' queue to claim from it; working on a case there starts with claiming it.
    if (!isDecision && action.type !== 'claim' && actor.role === 'employee' && actor.employeeId !== row.owner_id && actor.employeeId !== row.employee_id) {
      throw new AppError(403, 'claim_first', 'claim this case before working on it');
    }
    if (idempotencyKey) {
      const [prior] = await tx.query<{ request_hash: string; http_status: 200 | 202; result: CaseActionResult }>(
        `SELECT request_hash, http_status, result FROM case_action_keys WHERE org_id = $1 AND actor_id = $2 AND key = $3`,
        [actor.orgId, actor.id, idempotencyKey],
      );
      if (prior && prior.request_hash !== hash) throw idempotencyConflict();
      if (prior) return { httpStatus: prior.http_status, result: prior.result };
    }
    const step = await runAction(ctx, tx, actor, row, action);
    // Decisions and reopening publish their own case.updated.
    if (!isDecision && action.type !== 'reopen') {
      await publishCaseEvent(tx, ctx.clock, 'case.updated', { ...caseRef(step.row), action: action.type, actorEmployeeId: actor.employeeId });
    }
    const outcome: ActionOutcome = {
      httpStatus: step.httpStatus ?? 200,
      result: { status: step.status ?? step.row.status, ...step.extra, case: await presentCase(tx, step.row) },
    };
    if (idempotencyKey) {
      const [stored] = await tx.query(
        `INSERT INTO case_action_keys (org_id, actor_id, key, request_hash, http_status, result, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT DO NOTHING RETURNING 1`,
        [actor.orgId, actor.id, idempotencyKey, hash, outcome.httpStatus, JSON.stringify(outcome.result), ctx.clock.now()],
      );
      // The key was taken meanwhile by a request on another case: this one must not act under it.
      if (!stored) throw idempotencyConflict();
    }
    return outcome;
  });
}

/**
 * An approver may be outside the case's data scope (a manager chain crossing
 * units): being the routed approver, or above them, opens the case to a
 * decision. Anyone else out of scope gets 404, as for any other action.
 */
async function findCaseForDecision(tx: Tx, actor: Actor, caseId: string): Promise<CaseRow> {
  try {
    return await findCaseInScope(tx, actor, caseId, true);
  } catch (err) {
    if (!(err instanceof AppError) || err.status !== 404 || !actor.employeeId) throw err;
    const approvers = await tx.query<{ approver_id: string }>(`SELECT DISTINCT approver_id FROM approval_requests WHERE org_id = $1 AND case_id = $2`, [actor.orgId, caseId]);
    for (const { approver_id: approverId } of approvers) {
      if (approverId === actor.employeeId || (await chainAbove(tx, actor.orgId, approverId)).some((p) => p.id === actor.employeeId)) {
        const [row] = await tx.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE org_id = $1 AND id = $2 FOR UPDATE`, [actor.orgId, caseId]);
        if (row) return row;
      }
    }
    throw err;
  }
}

async function runAction(ctx: AppContext, tx: Tx, actor: Actor, row: CaseRow, action: CaseAction): Promise<Step> {
  const now = ctx.clock.now();
  const isOpen = OPEN_STATUSES.includes(row.status);
  switch (action.type) {
    case 'acknowledge': {
      if (row.status !== 'new') throw invalidTransition(row, action.type);
      const updated = await saveCase(ctx, tx, row.id, { status: 'acknowledged', first_responded_at: now, escalate_at: row.resolution_due_at });
      await appendTimeline(tx, ctx.clock, row.id, actor, 'acknowledged', { note: action.note ?? null, isLate: now > row.first_response_due_at });
      return { row: updated };
    }
    case 'note': {
      const updated = action.contact ? await startWork(ctx, tx, row) : row;
      await appendTimeline(tx, ctx.clock, row.id, actor, action.contact ? 'contact' : 'note', { text: action.text });
      return { row: updated };
    }
    case 'claim':
      return claimCase(ctx, tx, actor, row);
    case 'hand_over':
      return handOverCase(ctx, tx, actor, row, action);
    case 'escalate': {
      if (!isOpen) throw invalidTransition(row, action.type);
      await appendTimeline(tx, ctx.clock, row.id, actor, 'escalation_requested', { reason: action.reason ?? null });
      return { row: await escalateCase(ctx, tx, row, actor, 'manual') };
    }
    case 'resolve': {
      if (!isOpen) throw invalidTransition(row, action.type);
      if (action.rootCause) await checkRootCause(tx, actor.orgId, action.rootCause);
      let updated = await saveCase(ctx, tx, row.id, {
        status: 'resolved',
        resolved_at: now,
        escalate_at: null,
        first_responded_at: row.first_responded_at ?? now,
        root_cause: action.rootCause ?? row.root_cause,
      });
      await appendTimeline(tx, ctx.clock, row.id, actor, 'resolved', { note: action.note ?? null, rootCause: updated.root_cause, isLate: now > row.resolution_due_at });
      updated = await sendFollowUp(ctx, tx, updated, 'system');
      return { row: updated };
    }
    case 'close': {
      if (row.status === 'closed') throw invalidTransition(row, action.type);
      const rootCause = action.rootCause ?? row.root_cause;
      if (!rootCause) throw new AppError(422, 'root_cause_required', 'closing a case needs its root cause (rootCause, a code from GET /api/v1/root-causes)', { field: 'rootCause' });
      await checkRootCause(tx, actor.orgId, rootCause);
      const updated = await saveCase(ctx, tx, row.id, { status: 'closed', closed_at: now, escalate_at: null, root_cause: rootCause, resolved_at: row.resolved_at ?? now });
      await appendTimeline(tx, ctx.clock, row.id, actor, 'closed', { rootCause, note: action.note ?? null });
      await publishCaseEvent(tx, ctx.clock, 'case.closed', { ...caseRef(updated), rootCause });
      return { row: updated };
    }
    case 'reopen': {
      if (isOpen) throw invalidTransition(row, action.type);
      return { row: await reopenCase(ctx, tx, row, actor, { reason: action.reason ?? null }) };
    }
    case 'compensate':
      return compensate(ctx, tx, actor, row, action);
    case 'exempt':
      return exempt(ctx, tx, actor, row, action);
    case 'exemption_report':
      return reportExemption(ctx, tx, actor, row, action.exemptionId, action.report);
    case 'approve':
    case 'reject':
      return decideApproval(ctx, tx, actor, row, action.approvalId, action.type, action.note);
  }
}
