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
import { publish, type Event } from '../../platform/events/index.ts';
import type { CaseClosed } from '../cases/index.ts';
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

/** Subscribes the awards and makes praise (everyone) and points (scoped) live. */
export function registerRecognitionEvents(ctx: AppContext): void {
  registerStreamEvent('praise.received', 'organisation');
  registerStreamEvent('points.awarded', 'scoped');
  ctx.events.on<CommentAnalysed>('comment.analysed', PRAISE_HANDLER, (event, tx) => recognisePraise(ctx, event, tx));
  ctx.events.on<CaseClosed>('case.closed', MAJOR_CASE_HANDLER, (event, tx) => awardMajorCase(ctx, event, tx));
}

/**
 * Praise: a promoter (NPS ≥ 9) or top CSAT (5) with a positive comment, or a
 * comment that is itself a compliment to the service or a named employee.
 * Spam-flagged answers are never praise.
 */
export function isPraiseAnswer(p: Pick<CommentAnalysed, 'nps' | 'csat' | 'sentiment' | 'isPraise' | 'flags'>): boolean {
  if ((p.flags ?? []).length > 0) return false;
  if (p.isPraise) return true;
  return p.sentiment === 'positive' && ((p.nps !== null && p.nps >= 9) || p.csat === 5);
}

/** Puts a praising response on the wall, gives its serving employee the rule's points, and tells everyone (when it is fresh). */
export async function recognisePraise(ctx: AppContext, event: Event<CommentAnalysed>, tx: Tx): Promise<void> {
  const p = event.payload;
  if (!isPraiseAnswer(p)) return;
  const orgId = event.orgId;
  const [inserted] = await tx.query<{ response_id: string }>(
    `INSERT INTO praise (org_id, response_id, employee_id, unit_id, customer_id, touchpoint, text, nps, csat, sentiment_score, submitted_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (org_id, response_id) DO NOTHING RETURNING response_id`,
    [orgId, p.responseId, p.employeeId, p.unitId, p.customerId, p.touchpoint, p.text, p.nps, p.csat, p.score, p.submittedAt, ctx.clock.now()],
  );
  if (!inserted) return;
  const rules = await rulesOf(tx, orgId);
  let points = 0;
  if (p.employeeId && rules.praise > 0) {
    const entry = await appendLedgerEntry(tx, ctx.clock, {
      employeeId: p.employeeId,
      delta: rules.praise,
      reason: excerpt(p.text),
      sourceType: 'praise',
      sourceId: p.responseId,
    });
    points = entry ? rules.praise : 0;
  }
  const [names] = await tx.query<{ employee_name: string | null; unit_name: string | null }>(
    `SELECT (SELECT name FROM employees WHERE org_id = $1 AND id = $2) AS employee_name,
            (SELECT name FROM units WHERE org_id = $1 AND id = $3) AS unit_name`,
    [orgId, p.employeeId, p.unitId],
  );
  const payload: PraiseReceived = {
    responseId: p.responseId,
    employeeId: p.employeeId,
    employeeName: names?.employee_name ?? null,
    unitId: p.unitId,
    unitName: names?.unit_name ?? null,
    touchpoint: p.touchpoint,
    text: p.text,
    nps: p.nps,
    csat: p.csat,
    sentimentScore: p.score,
    submittedAt: p.submittedAt,
    points,
  };
  // A history import's old praise goes on the wall quietly; only fresh praise is news for everyone's screen.
  if (ctx.clock.now().getTime() - Date.parse(p.submittedAt) <= LIVE_WINDOW_MS) await publish(tx, 'praise.received', payload, { at: ctx.clock.now() });
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
