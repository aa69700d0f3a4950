/**
 * What an organisation's adapter learns from: its analysed comments with a
 * label, either an admin's correction or the one the scores beside the comment
 * suggest (a free, weak label), and the fixed split into training and held-out
 * comments.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../../../platform/db/database.ts';
import { shippedModel } from '../model.ts';
import { withoutMasks } from '../pii.ts';
import { sentimentOf } from '../sentiment.ts';
import { normalizeText } from '../text.normalize.ts';
import type { LabelledComment } from './adapter.train.ts';

/**
 * Each scale has a negative side, a middle and a positive side: NPS 0–6 | 7–8
 * | 9–10 (detractors, passives, promoters), CSAT 1–2 | 3 | 4–5 (of 5), CES 1–3
 * | 4 | 5–7 (of 7, where 7 is "very easy", as the surveys ask it and the
 * metrics count 5–7 as easy). Scores that speak clearly vote: NPS 0–4 or
 * 9–10, CSAT 1–2 or 4–5, CES 1–2 or 6–7. A comment is labelled when at least
 * one score votes and none sits on the other side: a detractor's NPS of 5–6
 * does not vote negative, but it vetoes a positive label from a CSAT of 4, and
 * scores that disagree drop the comment. The middle vetoes nothing (a passive
 * who was satisfied is labelled positive; an admin may say otherwise).
 */
export const WEAK_LABEL_SCALES = {
  nps: { negativeVote: 4, negativeSide: 6, positiveSide: 9, positiveVote: 9 },
  csat: { negativeVote: 2, negativeSide: 2, positiveSide: 4, positiveVote: 4 },
  ces: { negativeVote: 2, negativeSide: 3, positiveSide: 5, positiveVote: 6 },
} as const;

/** SQL for the weak label ('positive', 'negative' or NULL) of the response aliased `r`. */
export function weakLabelSql(r = 'r'): string {
  const scales = Object.entries(WEAK_LABEL_SCALES);
  const any = (test: (column: string, s: (typeof WEAK_LABEL_SCALES)[keyof typeof WEAK_LABEL_SCALES]) => string) =>
    `(${scales.map(([c, s]) => `coalesce(${test(`${r}.${c}`, s)}, false)`).join(' OR ')})`;
  const positiveVote = any((c, s) => `${c} >= ${s.positiveVote}`);
  const negativeVote = any((c, s) => `${c} <= ${s.negativeVote}`);
  const onPositiveSide = any((c, s) => `${c} >= ${s.positiveSide}`);
  const onNegativeSide = any((c, s) => `${c} <= ${s.negativeSide}`);
  return `(CASE WHEN ${positiveVote} AND NOT ${onNegativeSide} THEN 'positive' WHEN ${negativeVote} AND NOT ${onPositiveSide} THEN 'negative' END)`;
}

/** Fraction of the weakly labelled comments held out to judge the adapter. */
export const HELD_OUT_FRACTION = 0.2;
const SPLIT_SEED = 'lodestar-text-adapter-split-1';

/**
 * Whether a comment is held out: a seeded hash of its response id, so the
 * split never changes as comments arrive (a comment held out tonight is held
 * out every night, and never trained on).
 */
export function isHeldOut(responseId: string): boolean {
  const digest = createHash('sha256').update(`${SPLIT_SEED}:${responseId}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32 < HELD_OUT_FRACTION;
}

/** The most recent labelled comments one training reads (about a second of CPU at this size). */
export const MAX_TRAINING_COMMENTS = 20_000;

/** Labelled comments: a positive or negative correction, or no correction and a weak label; spam-flagged answers only when corrected. */
const LABELLED_FROM = `FROM text_analyses a
  JOIN responses r ON r.org_id = a.org_id AND r.id = a.response_id
  LEFT JOIN text_label_corrections c ON c.org_id = a.org_id AND c.response_id = a.response_id
 WHERE a.org_id = $1
   AND (c.label IN ('positive', 'negative') OR (c.label IS NULL AND cardinality(r.flags) = 0 AND ${weakLabelSql('r')} IS NOT NULL))`;

export interface LabelCounts {
  labelled: number;
  corrections: number;
}

/** How many comments carry a usable label, and how many an admin corrected (neutral included). */
export async function countLabels(tx: Queryable, orgId: string): Promise<LabelCounts> {
  const [row] = await tx.query<LabelCounts>(
    `SELECT (SELECT count(*) ${LABELLED_FROM})::int AS labelled,
            (SELECT count(*) FROM text_label_corrections WHERE org_id = $1)::int AS corrections`,
    [orgId],
  );
  return row!;
}

/** A labelled comment as read, before the shared model scores it. */
export interface LabelledRow {
  responseId: string;
  redacted: string;
  label: 'positive' | 'negative';
  isCorrection: boolean;
}

/** The labelled comments to learn from: corrections first (they are few and chosen), then the newest. */
export async function readLabelledComments(tx: Queryable, orgId: string, limit = MAX_TRAINING_COMMENTS): Promise<LabelledRow[]> {
  const rows = await tx.query<{ response_id: string; redacted_text: string; corrected: string | null; weak: string | null }>(
    `SELECT a.response_id, a.redacted_text, c.label AS corrected, ${weakLabelSql('r')} AS weak ${LABELLED_FROM}
      ORDER BY (c.label IS NOT NULL) DESC, a.submitted_at DESC, a.response_id DESC LIMIT $2`,
    [orgId, limit],
  );
  return rows.map((r) => ({
    responseId: r.response_id,
    redacted: r.redacted_text,
    label: (r.corrected ?? r.weak) as LabelledRow['label'],
    isCorrection: r.corrected !== null,
  }));
}

/** The comment as the analysis saw it (masks removed, normalised), with the shared model's score. */
export function toLabelledComment(row: LabelledRow): LabelledComment {
  const normalized = normalizeText(withoutMasks(row.redacted));
  return { normalized, sharedScore: sentimentOf(shippedModel(), normalized).score, label: row.label === 'positive' ? 1 : 0, isCorrection: row.isCorrection };
}

/**
 * Training and held-out comments. Corrections always train: an admin picks
 * them because the models got them wrong, so they would make the held-out set
 * unlike the organisation's ordinary comments, and they are too precious to
 * leave out of training.
 */
export function splitLabelled(rows: LabelledRow[]): { train: LabelledComment[]; heldOut: LabelledComment[] } {
  const train: LabelledComment[] = [];
  const heldOut: LabelledComment[] = [];
  for (const row of rows) (!row.isCorrection && isHeldOut(row.responseId) ? heldOut : train).push(toLabelledComment(row));
  return { train, heldOut };
}
