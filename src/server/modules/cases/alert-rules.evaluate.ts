/**
 * Alert rules run in the transaction that writes the responses (a hook of the
 * responses module), so a detractor's case, its notification and `case.created`
 * commit with the response itself and reach the owner's live stream at once,
 * whatever the outbox backlog. One case per response and rule (a unique index).
 * A group's facts, matches and firings take a fixed number of statements
 * (alert-rules.match.ts, alert-rules.fire.ts), however many detractors it holds.
 *
 * Rules act on fresh answers only: one submitted more than the rule's
 * `maxAgeHours` before it arrived (history, late batches) is left alone, as is
 * every answer of a load sent with `runRules: false`.
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
import { HOUR } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Event } from '../../platform/events/index.ts';
import { onResponsesWritten, type IngestNotes, type ResponseSubmitted } from '../responses/index.ts';
import { registerStreamEvent } from '../stream/index.ts';
import { fireRules, type Firing } from './alert-rules.fire.ts';
import { gatherFacts, isComplaint, isFreshFor, matches, type Facts } from './alert-rules.match.ts';
import type { AlertRuleRow } from './alert-rules.service.ts';
import { CASE_COLUMNS, type CaseRow } from './cases.service.ts';
import { reopenCase } from './case-workflow.ts';
import { appendTimeline } from './timeline.ts';

export { openCasesForResponses } from './alert-rules.backfill.ts';

/** Outbox handler name, recorded in handled_by: keep it stable. */
export const EVALUATE_SENTIMENT_RULES = 'cases.evaluate-sentiment-rules';
/** How long a sentiment rule waits for the text analysis of a commented response. */
export const ANALYSIS_WAIT_MS = HOUR;

/** This module's events on the live stream, each scoped by its unitId / ownerId / employeeId (see cases.events.ts). */
const STREAMED = ['case.created', 'case.escalated', 'case.updated', 'case.closed', 'approval.requested', 'warning.raised'];

export function registerCaseEvents(ctx: AppContext): void {
  for (const name of STREAMED) registerStreamEvent(name, 'scoped');
  onResponsesWritten(ctx, (tx, written) => evaluateWritten(ctx, tx, written));
  ctx.events.onBatch<ResponseSubmitted>('response.submitted', EVALUATE_SENTIMENT_RULES, (events, tx) => evaluateSentimentRules(ctx, tx, events));
}

/** Spam opens nothing, and a load sent with `runRules: false` asked for no rules. */
const wantsRules = (p: ResponseSubmitted) => p.flags.length === 0 && p.runRules !== false;

/** The rules without a sentiment condition, and follow-up answers, for a group of responses just written. */
async function evaluateWritten(ctx: AppContext, tx: Tx, written: ResponseSubmitted[]): Promise<Partial<IngestNotes>> {
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
    else if (wantsRules(p)) candidates.push(p);
  }
  if (candidates.length === 0) return {};
  const rules = await enabledRules(tx);
  if (rules.length === 0) return {};
  const receivedAt = ctx.clock.now();
  const fresh = candidates.filter((p) => rules.some((r) => isFreshFor(r, { submittedAt: new Date(p.submittedAt), receivedAt })));
  const tooOldForRules = candidates.length - fresh.length;
  const immediate = rules.filter((r) => !r.needs_sentiment);
  if (fresh.length === 0 || immediate.length === 0) return { tooOldForRules };
  const facts = await gatherFacts(tx, immediate, fresh.map((p) => ({ p, receivedAt, sentiment: null })));
  await fireRules(ctx, tx, matching(immediate, facts));
  return { tooOldForRules };
}

/** The rules with a sentiment condition, once the text analysis of each response is in (an outbox handler). */
async function evaluateSentimentRules(ctx: AppContext, tx: Tx, events: Event<ResponseSubmitted>[]): Promise<void> {
  const rules = (await enabledRules(tx)).filter((r) => r.needs_sentiment);
  if (rules.length === 0) return;
  // A rule made after the response came in does not apply to it; nor does one the response is too old for.
  const applicable = (e: Event<ResponseSubmitted>) =>
    rules.filter((r) => r.created_at <= e.createdAt && isFreshFor(r, { submittedAt: new Date(e.payload.submittedAt), receivedAt: e.createdAt }));
  let candidates = events.filter((e) => wantsRules(e.payload) && applicable(e).length > 0);
  const linkIds = candidates.flatMap((e) => (e.payload.linkId ? [e.payload.linkId] : []));
  if (linkIds.length) {
    const followUps = await tx.query<{ id: string }>(`SELECT follow_up_link_id AS id FROM cases WHERE org_id = $1 AND follow_up_link_id = ANY ($2::uuid[])`, [tx.orgId, linkIds]);
    const isFollowUp = new Set(followUps.map((r) => r.id));
    candidates = candidates.filter((e) => !(e.payload.linkId && isFollowUp.has(e.payload.linkId)));
  }
  if (candidates.length === 0) return;
  const sentiments = await sentimentsOf(ctx, tx, candidates);
  const facts = await gatherFacts(tx, rules, candidates.map((e) => ({ p: e.payload, receivedAt: e.createdAt, sentiment: sentiments.get(e.payload.responseId) ?? null })));
  const firings: Firing[] = [];
  candidates.forEach((e, n) => {
    for (const rule of applicable(e)) if (matches(rule.conditions, facts[n]!)) firings.push({ rule, facts: facts[n]! });
  });
  await fireRules(ctx, tx, firings);
}

/** Each fresh response against each rule it is young enough for, in rule order (oldest rule first). */
function matching(rules: AlertRuleRow[], facts: Facts[]): Firing[] {
  const firings: Firing[] = [];
  for (const f of facts) for (const rule of rules) if (isFreshFor(rule, f) && matches(rule.conditions, f)) firings.push({ rule, facts: f });
  return firings;
}

/** Enabled rules, oldest first. */
function enabledRules(tx: Tx): Promise<AlertRuleRow[]> {
  return tx.query<AlertRuleRow>(
    `SELECT id, name, enabled, max_age_hours, conditions, actions, needs_sentiment, created_at FROM alert_rules
     WHERE org_id = $1 AND enabled AND deleted_at IS NULL ORDER BY created_at, id`,
    [tx.orgId],
  );
}

/** The stored sentiment labels; throws (retry) while a commented response waits for its analysis. */
async function sentimentsOf(ctx: AppContext, tx: Tx, events: Event<ResponseSubmitted>[]): Promise<Map<string, string>> {
  const rows = await tx.query<{ response_id: string; sentiment: string }>(
    `SELECT response_id, sentiment FROM text_analyses WHERE org_id = $1 AND response_id = ANY ($2::uuid[])`,
    [tx.orgId, events.map((e) => e.payload.responseId)],
  );
  const found = new Map(rows.map((r) => [r.response_id, r.sentiment]));
  const waiting = events.find(
    (e) => !found.has(e.payload.responseId) && (e.payload.comment ?? '').trim() !== '' && ctx.clock.now().getTime() - e.createdAt.getTime() < ANALYSIS_WAIT_MS,
  );
  if (waiting) throw new Error(`waiting for the text analysis of response ${waiting.payload.responseId}`);
  return found;
}

/** Records the customer's follow-up answer; an unhappy one (CSAT ≤ 2 or NPS ≤ 6) reopens a resolved or closed case. */
async function answerFollowUp(ctx: AppContext, tx: Tx, row: CaseRow, p: ResponseSubmitted): Promise<void> {
  const isUnhappy = isComplaint(p);
  await appendTimeline(tx, ctx.clock, row.id, 'customer', 'follow_up_answered', { responseId: p.responseId, nps: p.nps, csat: p.csat, isUnhappy });
  if (isUnhappy && (row.status === 'resolved' || row.status === 'closed')) {
    await reopenCase(ctx, tx, row, 'customer', { reason: 'unhappy_follow_up', responseId: p.responseId });
  }
}
