/**
 * `POST /cases`: any employee opens a case for a customer they met, from the workbench or a phone. It goes
 * through the same opening as an alert rule's (SLA from the settings, authority and root causes on its
 * actions), owned by the one who captured it unless they hand it to a colleague or a unit's queue, and
 * publishes `insight.captured`, which recognition turns into points and promotion readiness counts.
 */
import type { CaptureCase, CaseDetail } from '../../../contracts/cases.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { createOnce, type CreateKey } from '../../platform/create-once.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findCustomer, upsertCustomers } from '../odata/index.ts';
import { openCase } from './case-opening.ts';
import { checkPhoto, storePhoto, type Photo } from './case-photo.ts';
import { checkColleague } from './case-queue.ts';
import { requireEmployee } from './case-workflow.ts';
import { getCase, presentCase } from './cases.service.ts';
import { publishCaseEvent } from './cases.events.ts';
import { notifyUnit } from './timeline.ts';

/** A case's title: the first line of what happened, cut at a readable length. */
export function titleOf(description: string): string {
  const line = description.trim().split(/\r?\n/, 1)[0]!.replace(/\s+/g, ' ');
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** The route a capture's Idempotency-Key belongs to (keys are per actor and route). */
export const CAPTURE_ROUTE = 'POST /api/v1/cases';

/**
 * Captures from a phone are retried on bad networks: with an Idempotency-Key a retry opens nothing and
 * answers the case the first one opened, re-read as the capturer (who keeps seeing a case they captured).
 */
export async function captureCase(ctx: AppContext, actor: Actor, input: CaptureCase, idempotencyKey?: string): Promise<CaseDetail> {
  authorize(actor, 'case.capture');
  const me = requireEmployee(actor);
  const photo = input.photo === undefined ? null : checkPhoto(input.photo);
  const once: CreateKey = { route: CAPTURE_ROUTE, key: idempotencyKey, request: input };
  const outcome = await ctx.db.tenant(actor.orgId, (tx) => createOnce(tx, ctx.clock, actor, once, () => capture(ctx, tx, actor, me, input, photo)));
  return outcome.replayed ? getCase(ctx, actor, outcome.ids[0]!) : outcome.value;
}

/** The capture itself, in the transaction that claimed the key. */
async function capture(ctx: AppContext, tx: Tx, actor: Actor, me: string, input: CaptureCase, photo: Photo | null): Promise<{ ids: string[]; value: CaseDetail }> {
  const orgId = actor.orgId;
  const [capturer] = await tx.query<{ unit_id: string; left_at: Date | null }>(`SELECT unit_id, left_at FROM employees WHERE org_id = $1 AND id = $2`, [orgId, me]);
  if (!capturer || capturer.left_at) throw new AppError(403, 'employee_required', 'this account’s employee is no longer with the organisation');
  if (input.customerId && !(await findCustomer(tx, orgId, input.customerId))) throw notFound('customer');
  const customerId = input.customerId ?? (await createCustomer(ctx, tx, input.customer!));
  if (input.ownerId) await checkColleague(tx, orgId, input.ownerId);
  if (input.unitId) {
    const [unit] = await tx.query(`SELECT 1 FROM units WHERE org_id = $1 AND id = $2`, [orgId, input.unitId]);
    if (!unit) throw notFound('unit');
  }
  const ownerId = input.ownerId ?? (input.unitId ? null : me);
  const title = titleOf(input.description);
  const row = (await openCase(ctx, tx, {
    source: 'employee',
    priority: input.priority,
    title,
    ruleId: null,
    responseId: null,
    customerId,
    interactionId: null,
    employeeId: me,
    unitId: input.unitId ?? capturer.unit_id,
    ownerId,
    openedBy: me,
    description: input.description,
    touchpoint: input.touchpoint ?? null,
    detail: { source: 'employee', capturedBy: me, touchpoint: input.touchpoint ?? null, queuedTo: input.unitId ?? null, hasPhoto: photo !== null },
  }))!;
  if (photo) await storePhoto(tx, row.id, photo, me, ctx.clock.now());
  if (input.unitId) {
    await notifyUnit(tx, ctx.clock, input.unitId, [me], { kind: 'case.queued', caseId: row.id, title: `待认领的工单：${title}`, titleEn: `A case waits to be claimed: ${title}` });
  }
  await publishCaseEvent(tx, ctx.clock, 'insight.captured', {
    caseId: row.id,
    employeeId: me,
    unitId: row.unit_id,
    customerId,
    touchpoint: input.touchpoint ?? null,
    priority: input.priority,
  });
  return { ids: [row.id], value: await presentCase(tx, row) };
}

/** A customer met for the first time; refused details answer 400 like the customers API. */
async function createCustomer(ctx: AppContext, tx: Tx, customer: NonNullable<CaptureCase['customer']>): Promise<string> {
  const outcome = await upsertCustomers(ctx, tx, [{ name: customer.name?.trim() || null, phone: customer.phone?.trim() || null, email: customer.email ?? null }]);
  const refused = outcome.errors[0];
  if (refused) throw new AppError(400, refused.code, refused.error, { field: 'customer' });
  return outcome.ids[0]!;
}
