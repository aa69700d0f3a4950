/**
 * Alert rules run in the transaction that writes the responses (a hook of the
 * responses module), so a detractor's case, its notification and `case.created`
 * commit with the response itself and reach the owner's live stream at once,
 * whatever the outbox backlog. One case per response and rule (a unique index).
 *
 * Sentiment comes from the text module's analysis (`text_analyses`), written by
 * its outbox handler of `response.submitted`. Rules with a sentiment condition
 * are therefore evaluated by an outbox handler of that event that, for a
 * response with a comment, throws while the analysis is missing so the outbox
 * retries it with backoff; after ANALYSIS_WAIT_MS it gives up waiting and
 * treats the sentiment as unknown (the condition does not hold).
 *
 * A response to a case's follow-up link is not evaluated: it answers the case
 * (an unhappy answer reopens it) instead of opening a new one. Responses
 * flagged as spam open nothing.
 */
import type { AlertWhen } from '../../../contracts/cases.ts';
import { HOUR } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Event } from '../../platform/events/index.ts';
import { onResponsesWritten, type ResponseSubmitted } from '../responses/index.ts';
import { publish } from '../../platform/events/index.ts';
import { registerStreamEvent } from '../stream/index.ts';
import type { AlertRuleRow } from './alert-rules.service.ts';
import { headOfUnit } from './chain.ts';
import { publishCaseEvent } from './cases.events.ts';
import { CASE_COLUMNS, openCase, type CaseRow } from './cases.service.ts';
import { reopenCase } from './case-workflow.ts';
import { appendTimeline, notifyEmployees } from './timeline.ts';

/** Outbox handler name, recorded in handled_by: keep it stable. */
export const EVALUATE_SENTIMENT_RULES = 'cases.evaluate-sentiment-rules';
/** How long a sentiment rule waits for the text analysis of a commented response. */
export const ANALYSIS_WAIT_MS = HOUR;

/** A complaint: an NPS detractor or a CSAT of 1–2. */
export const isComplaint = (r: { nps: number | null; csat: number | null }): boolean => (r.nps !== null && r.nps <= 6) || (r.csat !== null && r.csat <= 2);

/** This module's events on the live stream, each scoped by its unitId / ownerId / employeeId (see cases.events.ts). */
const STREAMED = ['case.created', 'case.escalated', 'case.updated', 'case.closed', 'approval.requested', 'warning.raised'];

export function registerCaseEvents(ctx: AppContext): void {
  for (const name of STREAMED) registerStreamEvent(name, 'scoped');
  onResponsesWritten(ctx, (tx, written) => evaluateWritten(ctx, tx, written));
  ctx.events.onBatch<ResponseSubmitted>('response.submitted', EVALUATE_SENTIMENT_RULES, (events, tx) => evaluateSentimentRules(ctx, tx, events));
}

interface Facts {
  p: ResponseSubmitted;
  segment: string | null;
  value: number | null;
  sentiment: string | null;
  submittedAt: Date;
}

/** The rules without a sentiment condition, and follow-up answers, for a group of responses just written. */
async function evaluateWritten(ctx: AppContext, tx: Tx, written: ResponseSubmitted[]): Promise<void> {
  const orgId = tx.orgId!;
  const linkIds = written.flatMap((p) => (p.linkId ? [p.linkId] : []));
  const followed = linkIds.length
    ? await tx.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE org_id = $1 AND follow_up_link_id = ANY ($2::uuid[]) ORDER BY id FOR UPDATE`, [orgId, linkIds])
    : [];
  const caseOfLink = new Map(followed.map((c) => [c.follow_up_link_id, c]));
  const candidates: ResponseSubmitted[] = [];
  for (const p of written) {
    const row = p.linkId ? caseOfLink.get(p.linkId) : undefined;
    if (row) await answerFollowUp(ctx, tx, row, p);
    else if (p.flags.length === 0) candidates.push(p);
  }
  if (candidates.length === 0) return;
  const rules = await activeRules(tx, false);
  if (rules.length === 0) return;
  const customers = rules.some((r) => r.conditions.customerSegments || r.conditions.customerValueGte !== undefined)
    ? await customerFacts(tx, candidates.flatMap((p) => (p.customerId ? [p.customerId] : [])))
    : new Map<string, CustomerFacts>();
  for (const p of candidates) {
    const customer = p.customerId ? customers.get(p.customerId) : undefined;
    const facts: Facts = { p, segment: customer?.segment ?? null, value: customer?.value ?? null, sentiment: null, submittedAt: new Date(p.submittedAt) };
    for (const rule of rules) {
      if (await matches(tx, rule.conditions, facts)) await fire(ctx, tx, rule, facts);
    }
  }
}

/** The rules with a sentiment condition, once the text analysis of each response is in (an outbox handler). */
async function evaluateSentimentRules(ctx: AppContext, tx: Tx, events: Event<ResponseSubmitted>[]): Promise<void> {
  const rules = await activeRules(tx, true);
  if (rules.length === 0) return;
  const linkIds = events.flatMap((e) => (e.payload.linkId ? [e.payload.linkId] : []));
  const followUpLinks = new Set(
    linkIds.length
      ? (await tx.query<{ id: string }>(`SELECT follow_up_link_id AS id FROM cases WHERE org_id = $1 AND follow_up_link_id = ANY ($2::uuid[])`, [tx.orgId, linkIds])).map((r) => r.id)
      : [],
  );
  const candidates = events.filter((e) => e.payload.flags.length === 0 && !(e.payload.linkId && followUpLinks.has(e.payload.linkId)));
  const customers = await customerFacts(tx, candidates.flatMap((e) => (e.payload.customerId ? [e.payload.customerId] : [])));
  for (const event of candidates) {
    const p = event.payload;
    // A rule made after the response came in does not apply to it.
    const applicable = rules.filter((r) => r.created_at <= event.createdAt);
    if (applicable.length === 0) continue;
    const customer = p.customerId ? customers.get(p.customerId) : undefined;
    const sentiment = await sentimentOf(ctx, tx, event);
    const facts: Facts = { p, segment: customer?.segment ?? null, value: customer?.value ?? null, sentiment, submittedAt: new Date(p.submittedAt) };
    for (const rule of applicable) {
      if (await matches(tx, rule.conditions, facts)) await fire(ctx, tx, rule, facts);
    }
  }
}

/** Enabled rules with (or without) a sentiment condition, oldest first. */
function activeRules(tx: Tx, needsSentiment: boolean): Promise<AlertRuleRow[]> {
  return tx.query<AlertRuleRow>(
    `SELECT id, name, conditions, actions, created_at FROM alert_rules
     WHERE org_id = $1 AND enabled AND deleted_at IS NULL AND needs_sentiment = $2 ORDER BY created_at, id`,
    [tx.orgId, needsSentiment],
  );
}

interface CustomerFacts {
  segment: string | null;
  value: number | null;
}

async function customerFacts(tx: Tx, ids: string[]): Promise<Map<string, CustomerFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<{ id: string; segment: string | null; value: string | null }>(
    `SELECT id, segment, value FROM customers WHERE org_id = $1 AND id = ANY ($2::uuid[])`,
    [tx.orgId, [...new Set(ids)]],
  );
  return new Map(rows.map((c) => [c.id, { segment: c.segment, value: c.value == null ? null : Number(c.value) }]));
}

/** The stored sentiment label; throws (retry) while a commented response waits for its analysis. */
async function sentimentOf(ctx: AppContext, tx: Tx, event: Event<ResponseSubmitted>): Promise<string | null> {
  const [row] = await tx.query<{ sentiment: string }>(`SELECT sentiment FROM text_analyses WHERE org_id = $1 AND response_id = $2`, [tx.orgId, event.payload.responseId]);
  if (row) return row.sentiment;
  const hasComment = (event.payload.comment ?? '').trim() !== '';
  if (hasComment && ctx.clock.now().getTime() - event.createdAt.getTime() < ANALYSIS_WAIT_MS) {
    throw new Error(`waiting for the text analysis of response ${event.payload.responseId}`);
  }
  return null;
}

async function matches(tx: Tx, w: AlertWhen, f: Facts): Promise<boolean> {
  const { p } = f;
  const inRange = (v: number | null, r: { lte?: number; gte?: number }) => v !== null && (r.lte === undefined || v <= r.lte) && (r.gte === undefined || v >= r.gte);
  const lower = (s: string) => s.toLocaleLowerCase();
  const checks: Array<() => boolean | Promise<boolean>> = [];
  if (w.nps) checks.push(() => inRange(p.nps, w.nps!));
  if (w.csat) checks.push(() => inRange(p.csat, w.csat!));
  if (w.ces) checks.push(() => inRange(p.ces, w.ces!));
  if (w.sentiment) checks.push(() => f.sentiment !== null && w.sentiment!.includes(f.sentiment as never));
  if (w.keywords) checks.push(() => !!p.comment && w.keywords!.some((k) => lower(p.comment!).includes(lower(k))));
  if (w.customerSegments) checks.push(() => f.segment !== null && w.customerSegments!.includes(f.segment));
  if (w.customerValueGte !== undefined) checks.push(() => f.value !== null && f.value >= w.customerValueGte!);
  if (w.touchpoints) checks.push(() => p.touchpoint !== null && w.touchpoints!.includes(p.touchpoint));
  if (w.repeatComplaint) checks.push(() => isRepeatComplaint(tx, f, w.repeatComplaint!.withinDays));
  const isAny = w.match === 'any';
  for (const check of checks) {
    const ok = await check();
    if (isAny && ok) return true;
    if (!isAny && !ok) return false;
  }
  return !isAny && checks.length > 0;
}

/** This response is a complaint and the same customer complained before it within `days`. */
async function isRepeatComplaint(tx: Tx, f: Facts, days: number): Promise<boolean> {
  if (!f.p.customerId || !isComplaint(f.p)) return false;
  const since = new Date(f.submittedAt.getTime() - days * 24 * HOUR);
  const [row] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM responses
     WHERE org_id = $1 AND customer_id = $2 AND id <> $3 AND submitted_at BETWEEN $4 AND $5 AND (nps <= 6 OR csat <= 2)`,
    [tx.orgId, f.p.customerId, f.p.responseId, since, f.submittedAt],
  );
  return row!.n > 0;
}

async function fire(ctx: AppContext, tx: Tx, rule: AlertRuleRow, f: Facts): Promise<void> {
  const { p } = f;
  const scores = [p.nps !== null ? `NPS ${p.nps}` : null, p.csat !== null ? `CSAT ${p.csat}` : null, p.touchpoint].filter(Boolean).join(' · ');
  const title = scores ? `${rule.name} · ${scores}` : rule.name;
  let opened: CaseRow | null = null;
  if (rule.actions.createCase) {
    opened = await openCase(ctx, tx, {
      source: 'alert_rule',
      priority: rule.actions.createCase.priority,
      title: title.slice(0, 300),
      ruleId: rule.id,
      responseId: p.responseId,
      customerId: p.customerId,
      interactionId: p.interactionId,
      employeeId: p.employeeId,
      unitId: p.unitId,
      detail: { ruleId: rule.id, ruleName: rule.name, responseId: p.responseId, nps: p.nps, csat: p.csat, ces: p.ces, sentiment: f.sentiment, comment: p.comment?.slice(0, 500) ?? null },
    });
  }
  // A rule's webhook action: the webhooks module sends alert.triggered to the endpoint it names (and to those subscribed to it).
  if (rule.actions.webhook) await publish(tx, 'alert.triggered', {
    ruleId: rule.id,
    ruleName: rule.name,
    webhookUrl: rule.actions.webhook?.url ?? null,
    caseId: opened?.id ?? null,
    responseId: p.responseId,
    customerId: p.customerId,
    employeeId: p.employeeId,
    unitId: opened?.unit_id ?? p.unitId,
    nps: p.nps,
    csat: p.csat,
    ces: p.ces,
    sentiment: f.sentiment,
    touchpoint: p.touchpoint,
  }, { at: ctx.clock.now() });
  const n = rule.actions.notify;
  if (!n) return;
  const unitId = opened?.unit_id ?? p.unitId;
  const recipients = [
    n.servingEmployee ? p.employeeId : null,
    n.unitManager && unitId ? await headOfUnit(tx, tx.orgId!, unitId, p.employeeId) : null,
    ...n.employeeIds,
  ].filter((id) => id && id !== opened?.owner_id);
  const notified = await notifyEmployees(tx, ctx.clock, recipients, {
    kind: 'alert',
    caseId: opened?.id ?? null,
    title: `预警：${title}`,
    titleEn: `Alert: ${title}`,
    data: { ruleId: rule.id, responseId: p.responseId },
  });
  await publishCaseEvent(tx, ctx.clock, 'warning.raised', {
    kind: rule.conditions.repeatComplaint ? 'repeat_complaint' : 'alert',
    notify: [...new Set([...notified, ...(opened?.owner_id ? [opened.owner_id] : [])])],
    caseId: opened?.id ?? null,
    unitId: unitId ?? null,
    employeeId: p.employeeId,
    ruleId: rule.id,
    responseId: p.responseId,
  });
}

/** Records the customer's follow-up answer; an unhappy one (CSAT ≤ 2 or NPS ≤ 6) reopens a resolved or closed case. */
async function answerFollowUp(ctx: AppContext, tx: Tx, row: CaseRow, p: ResponseSubmitted): Promise<void> {
  const isUnhappy = isComplaint(p);
  await appendTimeline(tx, ctx.clock, row.id, 'customer', 'follow_up_answered', { responseId: p.responseId, nps: p.nps, csat: p.csat, isUnhappy });
  if (isUnhappy && (row.status === 'resolved' || row.status === 'closed')) {
    await reopenCase(ctx, tx, row, 'customer', { reason: 'unhappy_follow_up', responseId: p.responseId });
  }
}

/**
 * Opens the case a rule would have opened for each stored response (one per
 * response and rule, as always): for seeding and back-filling, where the
 * responses arrived before the rule. Returns the case ids, in order.
 */
export async function openCasesForResponses(ctx: AppContext, orgId: string, ruleId: string, responseIds: string[]): Promise<string[]> {
  return ctx.db.tenant(orgId, async (tx) => {
    const [rule] = await tx.query<AlertRuleRow>(`SELECT id, name, conditions, actions FROM alert_rules WHERE org_id = $1 AND id = $2`, [orgId, ruleId]);
    if (!rule?.actions.createCase) throw new Error(`rule ${ruleId} opens no cases`);
    const ids: string[] = [];
    for (const responseId of responseIds) {
      const [r] = await tx.query<{ customer_id: string | null; interaction_id: string | null; employee_id: string | null; unit_id: string | null; touchpoint: string | null; nps: number | null; csat: number | null; ces: number | null; comment: string | null }>(
        `SELECT customer_id, interaction_id, employee_id, unit_id, touchpoint, nps, csat, ces, comment FROM responses WHERE org_id = $1 AND id = $2`,
        [orgId, responseId],
      );
      if (!r) continue;
      const scores = [r.nps !== null ? `NPS ${r.nps}` : null, r.csat !== null ? `CSAT ${r.csat}` : null, r.touchpoint].filter(Boolean).join(' · ');
      const opened = await openCase(ctx, tx, {
        source: 'alert_rule',
        priority: rule.actions.createCase.priority,
        title: `${rule.name} · ${scores}`.slice(0, 300),
        ruleId,
        responseId,
        customerId: r.customer_id,
        interactionId: r.interaction_id,
        employeeId: r.employee_id,
        unitId: r.unit_id,
        detail: { ruleId, ruleName: rule.name, responseId, nps: r.nps, csat: r.csat, ces: r.ces, comment: r.comment?.slice(0, 500) ?? null },
      });
      if (opened) ids.push(opened.id);
    }
    return ids;
  });
}
