/**
 * An admin's review of comment labels: the comments whose scores suggest
 * another label than the one shown (the likeliest mistakes), and corrections,
 * which are shown at once, audit-logged, and train the organisation's adapter
 * (outranking the label the scores suggest).
 */
import type { z } from 'zod';
import type { ReviewComment, ReviewCommentQuerySchema } from '../../../../contracts/text-adapter.ts';
import type { SentimentLabel } from '../../../../contracts/text.ts';
import type { Actor } from '../../../platform/actor.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { authorize } from '../../../platform/authz.ts';
import type { AppContext } from '../../../platform/context.ts';
import type { Queryable } from '../../../platform/db/database.ts';
import { invalid, notFound } from '../../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../../platform/pagination.ts';
import { labelOf } from '../sentiment.ts';
import { weakLabelSql } from './adapter.data.ts';

interface ReviewRow {
  response_id: string;
  submitted_at: Date;
  redacted_text: string;
  lang: ReviewComment['lang'];
  touchpoint: string | null;
  sentiment: SentimentLabel;
  score: number;
  score_label: SentimentLabel | null;
  nps: number | null;
  csat: number | null;
  ces: number | null;
  corrected_label: SentimentLabel | null;
  corrected_at: Date | null;
}

const SELECT_REVIEW = `SELECT a.response_id, a.submitted_at, a.redacted_text, a.lang, a.touchpoint, a.sentiment, a.score,
    ${weakLabelSql('r')} AS score_label, r.nps, r.csat, r.ces, c.label AS corrected_label, c.corrected_at
  FROM text_analyses a
  JOIN responses r ON r.org_id = a.org_id AND r.id = a.response_id
  LEFT JOIN text_label_corrections c ON c.org_id = a.org_id AND c.response_id = a.response_id`;

const toReviewComment = (r: ReviewRow): ReviewComment => ({
  responseId: r.response_id,
  submittedAt: new Date(r.submitted_at).toISOString(),
  text: r.redacted_text,
  lang: r.lang,
  touchpoint: r.touchpoint,
  sentiment: r.sentiment,
  score: Number(r.score),
  scoreLabel: r.score_label,
  nps: r.nps,
  csat: r.csat,
  ces: r.ces,
  correction: r.corrected_label ? { label: r.corrected_label, at: new Date(r.corrected_at!).toISOString() } : null,
});

/** The list's keyset cursor: the last row's `submittedAt|responseId`. */
function readCursor(cursor: string | undefined): { at: string; id: string } | null {
  const key = decodeCursor(cursor);
  if (key === null) return null;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(key);
  if (!m || Number.isNaN(Date.parse(m[1]!))) throw invalid('cursor is not valid', { cursor });
  return { at: m[1]!, id: m[2]! };
}

/** Analysed comments newest first, redacted text only; `disagreeing` keeps the uncorrected ones whose scores suggest another label. */
export function listReviewComments(ctx: AppContext, actor: Actor, q: z.infer<typeof ReviewCommentQuerySchema>): Promise<Page<ReviewComment>> {
  authorize(actor, 'text.label');
  const after = readCursor(q.cursor);
  const weak = weakLabelSql('r');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const rows = await tx.query<ReviewRow>(
      `${SELECT_REVIEW}
       WHERE a.org_id = $1
         AND ($2::timestamptz IS NULL OR (a.submitted_at, a.response_id) < ($2::timestamptz, $3::uuid))
         AND (NOT $4::boolean OR (c.label IS NULL AND ${weak} IS NOT NULL AND ${weak} <> a.sentiment))
         AND ($5::boolean IS NULL OR (c.label IS NOT NULL) = $5::boolean)
       ORDER BY a.submitted_at DESC, a.response_id DESC LIMIT $6`,
      [actor.orgId, after?.at ?? null, after?.id ?? null, q.disagreeing === 'true', q.corrected === undefined ? null : q.corrected === 'true', q.limit + 1],
    );
    return toPage(rows.map(toReviewComment), q.limit, (c) => `${c.submittedAt}|${c.responseId}`);
  });
}

async function reviewCommentOf(tx: Queryable, orgId: string, responseId: string): Promise<ReviewComment> {
  const [row] = await tx.query<ReviewRow>(`${SELECT_REVIEW} WHERE a.org_id = $1 AND a.response_id = $2`, [orgId, responseId]);
  return toReviewComment(row!);
}

/**
 * Sets an admin's label on a comment: stored with who and when, shown at once
 * (the analysis's label follows it), audit-logged. 404 for a response without
 * an analysed comment, or of another organisation.
 */
export function setCommentLabel(ctx: AppContext, actor: Actor, responseId: string, label: SentimentLabel): Promise<ReviewComment> {
  authorize(actor, 'text.label');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [current] = await tx.query<{ sentiment: SentimentLabel; corrected: SentimentLabel | null }>(
      `SELECT a.sentiment, c.label AS corrected FROM text_analyses a
         LEFT JOIN text_label_corrections c ON c.org_id = a.org_id AND c.response_id = a.response_id
        WHERE a.org_id = $1 AND a.response_id = $2 FOR UPDATE OF a`,
      [actor.orgId, responseId],
    );
    if (!current) throw notFound('comment');
    await tx.query(
      `INSERT INTO text_label_corrections (org_id, response_id, label, corrected_by_type, corrected_by, corrected_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (org_id, response_id) DO UPDATE SET label = excluded.label, corrected_by_type = excluded.corrected_by_type,
         corrected_by = excluded.corrected_by, corrected_at = excluded.corrected_at`,
      [actor.orgId, responseId, label, actor.kind, actor.id, ctx.clock.now()],
    );
    await tx.query(`UPDATE text_analyses SET sentiment = $3 WHERE org_id = $1 AND response_id = $2`, [actor.orgId, responseId, label]);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'text.label.corrected',
      entityType: 'response',
      entityId: responseId,
      before: { sentiment: current.sentiment, correction: current.corrected },
      after: { sentiment: label, correction: label },
    });
    return reviewCommentOf(tx, actor.orgId, responseId);
  });
}

/** Removes an admin's label: the comment shows the model's label again. 404 when there was none. */
export function clearCommentLabel(ctx: AppContext, actor: Actor, responseId: string): Promise<ReviewComment> {
  authorize(actor, 'text.label');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [removed] = await tx.query<{ label: SentimentLabel }>(
      `DELETE FROM text_label_corrections WHERE org_id = $1 AND response_id = $2 RETURNING label`,
      [actor.orgId, responseId],
    );
    if (!removed) throw notFound('correction');
    const [analysis] = await tx.query<{ score: number }>(`SELECT score FROM text_analyses WHERE org_id = $1 AND response_id = $2`, [actor.orgId, responseId]);
    const modelLabel = labelOf(Number(analysis!.score));
    await tx.query(`UPDATE text_analyses SET sentiment = $3 WHERE org_id = $1 AND response_id = $2`, [actor.orgId, responseId, modelLabel]);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'text.label.cleared',
      entityType: 'response',
      entityId: responseId,
      before: { sentiment: removed.label, correction: removed.label },
      after: { sentiment: modelLabel, correction: null },
    });
    return reviewCommentOf(tx, actor.orgId, responseId);
  });
}
