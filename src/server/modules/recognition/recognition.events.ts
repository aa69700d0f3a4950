/**
 * Automatic awards from other modules' events. Each handler runs once per
 * event (the outbox records it in the same transaction), and each award's
 * ledger entry is unique per source, so an event delivered again, or a second
 * analysis of the same response, awards nothing.
 */
import type { PraiseReceived } from '../../../contracts/recognition.ts';
import { DAY } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { publishMany, type Event } from '../../platform/events/index.ts';
import type { CaseClosed, InsightCaptured } from '../cases/index.ts';
import { registerStreamEvent } from '../stream/index.ts';
import { appendLedgerEntry } from './points.ledger.ts';
import { rulesOf } from './points-rules.service.ts';

/** `comment.analysed`, published by text analytics once a response's comments are analysed. */
export interface CommentAnalysed {
  responseId: string;
  employeeId: string | null;
  unitId: string | null;
  customerId: string | null;
  touchpoint: string | null;
  nps: number | null;
  csat: number | null;
  flags?: string[];
  submittedAt: string;
  sentiment: 'positive' | 'neutral' | 'negative';
  score: number;
  isPraise: boolean;
  text: string;
}

export const PRAISE_HANDLER = 'recognition.praise';
/** Praise answered longer ago than this (an import, a backlog) is not broadcast live. */
const LIVE_WINDOW_MS = 2 * DAY;
export const MAJOR_CASE_HANDLER = 'recognition.major-case';
export const INSIGHT_HANDLER = 'recognition.insight';

/** Subscribes the awards and makes praise (everyone) and points (scoped) live. */
export function registerRecognitionEvents(ctx: AppContext): void {
  registerStreamEvent('praise.received', 'organisation');
  registerStreamEvent('points.awarded', 'scoped');
  ctx.events.onBatch<CommentAnalysed>('comment.analysed', PRAISE_HANDLER, (events, tx) => recognisePraise(ctx, tx, events));
  ctx.events.on<CaseClosed>('case.closed', MAJOR_CASE_HANDLER, (event, tx) => awardMajorCase(ctx, event, tx));
  ctx.events.on<InsightCaptured>('insight.captured', INSIGHT_HANDLER, (event, tx) => awardInsight(ctx, event, tx));
}

/**
 * Praise on the wall: the comment itself is praise (text analysis: clearly
 * positive, about the service or a person, not lukewarm, not sarcastic), the
 * same definition as `isPraise` everywhere else. The score does not decide it
 * either way: a promoter whose comment praises the service ("服务很好",
 * "great service") is praise through the comment; a promoter or top CSAT with
 * a generic or product-only comment ("很满意", "lovely experience") is not, as
 * the rating cannot say whom to credit; a passive's clear compliment to a
 * named employee is. Spam-flagged answers are never praise.
 */
export function isPraiseAnswer(p: Pick<CommentAnalysed, 'isPraise' | 'flags'>): boolean {
  if ((p.flags ?? []).length > 0) return false;
  return p.isPraise;
}

/**
 * Puts praising responses on the wall, gives each serving employee the rule's points, and tells everyone
 * (when the praise is fresh). A response already on the wall is skipped, so a second analysis awards nothing.
 */
export async function recognisePraise(ctx: AppContext, tx: Tx, events: Event<CommentAnalysed>[]): Promise<void> {
  const praising = events.map((e) => e.payload).filter(isPraiseAnswer);
  if (praising.length === 0) return;
  const orgId = tx.orgId!;
  const now = ctx.clock.now();
  const inserted = await tx.query<{ response_id: string; employee_name: string | null; unit_name: string | null }>(
    `INSERT INTO praise (org_id, response_id, employee_id, unit_id, customer_id, touchpoint, text, nps, csat, sentiment_score, submitted_at, created_at)
     SELECT $1, p.*, $3 FROM jsonb_to_recordset($2::jsonb) AS p(response_id uuid, employee_id uuid, unit_id uuid, customer_id uuid, touchpoint text,
       text text, nps smallint, csat smallint, sentiment_score real, submitted_at timestamptz)
     ON CONFLICT (org_id, response_id) DO NOTHING
     RETURNING response_id, (SELECT name FROM employees e WHERE e.org_id = $1 AND e.id = praise.employee_id) AS employee_name,
       (SELECT name FROM units u WHERE u.org_id = $1 AND u.id = praise.unit_id) AS unit_name`,
    [orgId, JSON.stringify(praising.map((p) => ({
      response_id: p.responseId, employee_id: p.employeeId, unit_id: p.unitId, customer_id: p.customerId, touchpoint: p.touchpoint,
      text: p.text, nps: p.nps, csat: p.csat, sentiment_score: p.score, submitted_at: p.submittedAt,
    }))), now],
  );
  if (inserted.length === 0) return;
  const rules = await rulesOf(tx, orgId);
  const live: PraiseReceived[] = [];
  for (const row of inserted) {
    const p = praising.find((x) => x.responseId === row.response_id)!;
    let points = 0;
    if (p.employeeId && rules.praise > 0) {
      const entry = await appendLedgerEntry(tx, ctx.clock, { employeeId: p.employeeId, delta: rules.praise, reason: excerpt(p.text), sourceType: 'praise', sourceId: p.responseId });
      points = entry ? rules.praise : 0;
    }
    // A history import's old praise goes on the wall quietly; only fresh praise is news for everyone's screen.
    if (now.getTime() - Date.parse(p.submittedAt) > LIVE_WINDOW_MS) continue;
    live.push({
      responseId: p.responseId, employeeId: p.employeeId, employeeName: row.employee_name, unitId: p.unitId, unitName: row.unit_name,
      touchpoint: p.touchpoint, text: p.text, nps: p.nps, csat: p.csat, sentimentScore: p.score, submittedAt: p.submittedAt, points,
    });
  }
  await publishMany(tx, 'praise.received', live, { at: now });
}

/** An automatic entry's reason: what it is for, in the organisation's own words (the source type says the rest). */
function excerpt(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return (oneLine.length > 80 ? `${oneLine.slice(0, 79)}…` : oneLine) || '—';
}

/** A major experience problem solved: a high or urgent case closed gives its owner the rule's points, once per case. */
export async function awardMajorCase(ctx: AppContext, event: Event<CaseClosed>, tx: Tx): Promise<void> {
  const c = event.payload;
  if (c.priority !== 'high' && c.priority !== 'urgent') return;
  const employeeId = c.ownerId ?? c.employeeId;
  if (!employeeId) return;
  const rules = await rulesOf(tx, event.orgId);
  if (rules.majorCaseResolved <= 0) return;
  await appendLedgerEntry(tx, ctx.clock, {
    employeeId,
    delta: rules.majorCaseResolved,
    reason: c.rootCause || '—',
    sourceType: 'case_resolved',
    sourceId: c.caseId,
  });
}

/** A customer's problem an employee took up and wrote down (a captured case) earns them the rule's points, once per case. */
export async function awardInsight(ctx: AppContext, event: Event<InsightCaptured>, tx: Tx): Promise<void> {
  const rules = await rulesOf(tx, event.orgId);
  if (rules.insightCaptured <= 0) return;
  await appendLedgerEntry(tx, ctx.clock, {
    employeeId: event.payload.employeeId,
    delta: rules.insightCaptured,
    reason: event.payload.touchpoint || '—',
    sourceType: 'insight_captured',
    sourceId: event.payload.caseId,
  });
}
