/**
 * State changes shared by actions, jobs and event handlers: escalation up the
 * tree, reopening, and the follow-up survey sent when a case is resolved.
 */
import type { Lang } from '../../../contracts/surveys.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { issueLink, linkUrl } from '../surveys/index.ts';
import { findPerson, headOfUnit, nextUp } from './chain.ts';
import { CASE_COLUMNS, caseRef, type CaseRow } from './cases.service.ts';
import { publishCaseEvent, type CaseEscalated } from './cases.events.ts';
import { readCaseSettings, slaDeadlines } from './settings.service.ts';
import { appendTimeline, notifyEmployees, type TimelineActor } from './timeline.ts';

/** What an action step hands back: the case after it, and for the HTTP answer its status and extra fields. */
export type Step = { row: CaseRow; httpStatus?: 200 | 202; status?: string; extra?: { approvalId?: string; compensationId?: string; exemptionId?: string; reportDueAt?: string } };

export const invalidTransition = (row: CaseRow, action: string) =>
  new AppError(409, 'invalid_transition', `a ${row.status} case cannot be given '${action}'`, { status: row.status, action });

export function requireEmployee(actor: Actor): string {
  if (!actor.employeeId) throw new AppError(403, 'employee_required', 'this action needs an account that acts as an employee (with a position)');
  return actor.employeeId;
}

/** Updates a case's columns (and updated_at) and returns the new row. */
export async function saveCase(ctx: AppContext, tx: Tx, id: string, changes: Record<string, unknown>): Promise<CaseRow> {
  const entries = Object.entries(changes);
  const sets = entries.map(([column], i) => `${column} = $${i + 3}`);
  const [row] = await tx.query<CaseRow>(
    `UPDATE cases SET ${[...sets, `updated_at = $${entries.length + 3}`].join(', ')} WHERE org_id = $1 AND id = $2 RETURNING ${CASE_COLUMNS}`,
    [tx.orgId, id, ...entries.map(([, v]) => v), ctx.clock.now()],
  );
  return row!;
}

/**
 * Moves a case to the next person up from its owner (or to the head of its
 * unit when unowned), gives them a fresh SLA window for the stage it is in,
 * records it, notifies both and publishes `case.escalated`. At the top of the
 * tree the owner stays and the timeline says so; the case is checked again
 * after another window.
 */
export async function escalateCase(ctx: AppContext, tx: Tx, row: CaseRow, actor: TimelineActor, reason: CaseEscalated['reason']): Promise<CaseRow> {
  const orgId = tx.orgId!;
  const from = row.owner_id;
  let to: string | null;
  if (from) {
    const person = await findPerson(tx, orgId, from);
    to = person ? await nextUp(tx, orgId, person) : null;
  } else {
    to = row.unit_id ? await headOfUnit(tx, orgId, row.unit_id) : null;
  }
  const settings = await readCaseSettings(tx, orgId);
  const window = settings.sla[row.priority];
  const minutes = row.first_responded_at ? window.resolutionMinutes : window.firstResponseMinutes;
  const updated = await saveCase(ctx, tx, row.id, {
    owner_id: to ?? from,
    escalation_level: row.escalation_level + 1,
    escalate_at: new Date(ctx.clock.now().getTime() + minutes * 60_000),
  });
  await appendTimeline(tx, ctx.clock, row.id, actor, 'escalated', { reason, fromOwnerId: from, toOwnerId: to, level: updated.escalation_level, isTopOfTree: !to });
  await notifyEmployees(tx, ctx.clock, [to, from], {
    kind: 'case.escalated',
    caseId: row.id,
    title: `工单已升级：${row.title}`,
    titleEn: `Case escalated: ${row.title}`,
    data: { reason, fromOwnerId: from, toOwnerId: to },
  });
  await publishCaseEvent(tx, ctx.clock, 'case.escalated', { ...caseRef(updated), fromOwnerId: from, toOwnerId: to, level: updated.escalation_level, reason });
  return updated;
}

/** Back to `new` with a fresh SLA (the owner must respond again); from a person or an unhappy follow-up. */
export async function reopenCase(ctx: AppContext, tx: Tx, row: CaseRow, actor: TimelineActor, data: Record<string, unknown>): Promise<CaseRow> {
  const due = slaDeadlines(await readCaseSettings(tx, tx.orgId!), row.priority, ctx.clock.now());
  const updated = await saveCase(ctx, tx, row.id, {
    status: 'new',
    reopen_count: row.reopen_count + 1,
    first_response_due_at: due.firstResponseDueAt,
    resolution_due_at: due.resolutionDueAt,
    escalate_at: due.firstResponseDueAt,
    first_responded_at: null,
    resolved_at: null,
    closed_at: null,
  });
  await appendTimeline(tx, ctx.clock, row.id, actor, 'reopened', { ...data, from: row.status });
  await notifyEmployees(tx, ctx.clock, [updated.owner_id], {
    kind: 'case.reopened',
    caseId: row.id,
    title: `工单已重新打开：${row.title}`,
    titleEn: `Case reopened: ${row.title}`,
    data,
  });
  await publishCaseEvent(tx, ctx.clock, 'case.updated', { ...caseRef(updated), action: 'reopen', actorEmployeeId: typeof actor === 'object' ? actor.employeeId : null });
  return updated;
}

/**
 * Sends the customer a personal link to a follow-up survey (the organisation's
 * follow-up survey, else the one they answered) and queues the message. Nothing
 * is bypassed: the contact-fatigue rule, a closed survey or a missing address
 * stop it, and the timeline records why.
 */
export async function sendFollowUp(ctx: AppContext, tx: Tx, row: CaseRow, actor: TimelineActor): Promise<CaseRow> {
  const orgId = tx.orgId!;
  const skip = async (type: 'follow_up_skipped' | 'follow_up_blocked', data: Record<string, unknown>) => {
    await appendTimeline(tx, ctx.clock, row.id, actor, type, data);
    return row;
  };
  if (!row.customer_id) return skip('follow_up_skipped', { reason: 'no_customer' });
  const settings = await readCaseSettings(tx, orgId);
  const [response] = row.response_id
    ? await tx.query<{ survey_id: string; lang: Lang | null }>(`SELECT survey_id, lang FROM responses WHERE org_id = $1 AND id = $2`, [orgId, row.response_id])
    : [];
  const surveyId = settings.followUpSurveyId ?? response?.survey_id;
  if (!surveyId) return skip('follow_up_skipped', { reason: 'no_survey' });
  const [customer] = await tx.query<{ email: string | null; phone: string | null; lang: string | null }>(
    `SELECT email, phone, attributes->>'lang' AS lang FROM customers WHERE org_id = $1 AND id = $2`,
    [orgId, row.customer_id],
  );
  const channel = settings.followUpChannel;
  const recipient = channel === 'email' ? customer?.email : customer?.phone;
  if (!recipient) return skip('follow_up_skipped', { reason: 'no_contact', channel });
  const lang: Lang = customer?.lang === 'en' || customer?.lang === 'zh-CN' ? customer.lang : (response?.lang ?? 'zh-CN');
  let link;
  try {
    link = await issueLink(ctx, tx, surveyId, { customerId: row.customer_id, interactionId: row.interaction_id ?? undefined, unitId: row.unit_id ?? undefined, channel, lang });
  } catch (err) {
    if (err instanceof AppError && (err.code === 'contact_fatigue' || err.code === 'survey_closed')) {
      return skip('follow_up_blocked', { reason: err.code, ...(err.details ?? {}) });
    }
    throw err;
  }
  const url = linkUrl(ctx, '', link.token);
  const text =
    lang === 'en'
      ? { subject: 'Did we put it right?', body: `Hello! We have worked on the problem you told us about. Would you tell us whether it is now resolved to your satisfaction? It takes about 30 seconds: ${url}` }
      : { subject: '您反馈的问题解决了吗？', body: `您好！您反馈的问题我们已处理。能告诉我们您对处理结果是否满意吗？只需约 30 秒：${url}` };
  await tx.query(
    `INSERT INTO outbox_messages (org_id, kind, channel, link_id, customer_id, interaction_id, lang, recipient, subject, body, created_at)
     VALUES ($1, 'case_follow_up', $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [orgId, channel, link.id, row.customer_id, row.interaction_id, lang, recipient, text.subject, text.body, ctx.clock.now()],
  );
  const updated = await saveCase(ctx, tx, row.id, { follow_up_link_id: link.id });
  await appendTimeline(tx, ctx.clock, row.id, actor, 'follow_up_sent', { linkId: link.id, surveyId, channel, lang });
  return updated;
}

/** Work on a new or acknowledged case starts it (and is its first response). */
export async function startWork(ctx: AppContext, tx: Tx, row: CaseRow): Promise<CaseRow> {
  if (row.status !== 'new' && row.status !== 'acknowledged') return row;
  return saveCase(ctx, tx, row.id, {
    status: 'in_progress',
    first_responded_at: row.first_responded_at ?? ctx.clock.now(),
    escalate_at: row.first_responded_at ? row.escalate_at : row.resolution_due_at,
  });
}
