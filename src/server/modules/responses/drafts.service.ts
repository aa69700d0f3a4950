/**
 * Partial responses ("drafts"): answers saved page by page through a survey
 * link before the respondent finishes.
 *
 * Why a table of their own rather than `responses` with a status: everything
 * downstream of a response (rollups written in the ingest transaction, alert
 * rules, `response.submitted` and its handlers: text analysis, praise,
 * webhooks) assumes a response is final. Keeping drafts apart means none of
 * them needs a `WHERE status = 'complete'` that one forgotten query would leak
 * half-answers through. A draft's id is the id its response will get: the
 * completing submit goes through the ordinary ingest path with that id, and a
 * hook in the same transaction deletes the draft, so a response and its draft
 * never both exist after a commit.
 */
import { randomUUID } from 'node:crypto';
import { withoutUnasked } from '../../../contracts/survey-logic.ts';
import type { AnswerValue, Answers, Lang, Question } from '../../../contracts/surveys.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { randomToken, sha256 } from '../../platform/secrets.ts';
import { findInteractions } from '../odata/index.ts';
import type { ResolvedLink, SurveyVersion } from '../surveys/index.ts';
import { onResponsesWritten } from './ingest.hooks.ts';
import { scoresOf } from './ingest.write.ts';

export interface Draft {
  id: string;
  surveyVersion: number;
  answers: Answers;
  /** The last page saved (0 when saved through the API). */
  page: number;
  flags: string[];
  startedAt: Date | null;
  /** An anonymous link's draft: the secret its respondent carries (null on personal links). */
  secret: string | null;
}

/** The draft of this link's respondent: a personal link has at most one; an anonymous link's needs its secret. */
export async function loadDraft(ctx: AppContext, link: ResolvedLink, secret: string | null | undefined): Promise<Draft | null> {
  if (!link.personal && !(typeof secret === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(secret))) return null;
  const [row] = await ctx.db.tenant(link.orgId, (tx) =>
    tx.query<{ id: string; survey_version: number; answers: Answers; page: number; flags: string[]; started_at: Date | null }>(
      `SELECT id, survey_version, answers, page, flags, started_at FROM response_drafts
       WHERE org_id = $1 AND link_id = $2 AND ${link.personal ? 'secret_hash IS NULL' : 'secret_hash = $3'}`,
      link.personal ? [link.orgId, link.linkId] : [link.orgId, link.linkId, sha256(secret!)],
    ),
  );
  if (!row) return null;
  return { id: row.id, surveyVersion: row.survey_version, answers: row.answers, page: row.page, flags: row.flags, startedAt: row.started_at, secret: link.personal ? null : secret! };
}

/**
 * The answers a respondent has given so far plus the new ones: a key sent
 * again replaces the saved answer (null or '' clears it), answers of another
 * survey version's questions are dropped, and so are saved answers to
 * questions that an earlier changed answer no longer asks.
 */
export function mergeAnswers(questions: readonly Question[], saved: Answers, given: Record<string, unknown>): Record<string, unknown> {
  const known = new Set(questions.map((q) => q.key));
  const kept: Record<string, AnswerValue> = Object.fromEntries(Object.entries(saved).filter(([k]) => known.has(k) && !(k in given)));
  const pruned = withoutUnasked(questions, { ...kept, ...(given as Answers) });
  const merged: Record<string, unknown> = { ...Object.fromEntries(Object.entries(kept).filter(([k]) => k in pruned)), ...given };
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)));
}

export interface SaveDraftInput {
  answers: Answers;
  page: number;
  lang: Lang | null;
  flags: string[];
  startedAt: Date | null;
}

/** Saves (creates or replaces) the respondent's draft; returns its id and, for an anonymous link, the secret to resume it with. */
export function saveDraft(ctx: AppContext, link: ResolvedLink, survey: SurveyVersion, draft: Draft | null, input: SaveDraftInput): Promise<{ id: string; secret: string | null }> {
  const now = ctx.clock.now();
  return ctx.db.tenant(link.orgId, async (tx) => {
    const context = await boundContext(tx, link);
    const values = [
      link.orgId,
      draft?.id ?? randomUUID(),
      survey.surveyId,
      survey.version,
      link.linkId,
      null as string | null,
      context.customerId,
      context.interactionId,
      context.employeeId,
      context.unitId,
      context.touchpoint,
      context.channel,
      input.lang ?? link.lang,
      JSON.stringify(input.answers),
      ...Object.values(scoresOf(survey.questions, input.answers)),
      input.page,
      [...new Set([...(draft?.flags ?? []), ...input.flags])],
      draft?.startedAt ?? input.startedAt,
      now,
    ];
    const secret = link.personal ? null : (draft?.secret ?? randomToken(18));
    values[5] = secret ? sha256(secret) : null;
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO response_drafts (org_id, id, survey_id, survey_version, link_id, secret_hash, customer_id, interaction_id, employee_id,
         unit_id, touchpoint, channel, lang, answers, nps, csat, ces, comment, page, flags, started_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15, $16, $17, $18, $19, $20, $21, $22, $22)
       ON CONFLICT (org_id, id) DO UPDATE SET survey_version = EXCLUDED.survey_version, lang = EXCLUDED.lang, answers = EXCLUDED.answers,
         nps = EXCLUDED.nps, csat = EXCLUDED.csat, ces = EXCLUDED.ces, comment = EXCLUDED.comment, page = EXCLUDED.page,
         flags = EXCLUDED.flags, updated_at = EXCLUDED.updated_at
       RETURNING id`,
      values,
    );
    return { id: row!.id, secret };
  });
}

/** Who and what a link is bound to, with what its interaction adds (as the ingest path fills it on completion). */
async function boundContext(tx: Tx, link: ResolvedLink) {
  const interaction = link.interactionId ? (await findInteractions(tx, link.orgId, [link.interactionId])).get(link.interactionId) : undefined;
  return {
    customerId: link.customerId ?? interaction?.customerId ?? null,
    interactionId: link.interactionId,
    employeeId: link.employeeId ?? interaction?.employeeId ?? null,
    unitId: link.unitId ?? interaction?.unitId ?? null,
    touchpoint: link.touchpoint ?? interaction?.touchpoint ?? null,
    channel: link.channel ?? interaction?.channel ?? null,
  };
}

/** What a title may pipe for this link: the serving employee's name, the unit's name in both languages, the touchpoint code. */
export function loadPipeContext(ctx: AppContext, link: ResolvedLink): Promise<PipeContext> {
  return ctx.db.tenant(link.orgId, async (tx) => {
    const c = await boundContext(tx, link);
    const [names] = await tx.query<{ employee: string | null; unit: string | null; unit_en: string | null }>(
      `SELECT (SELECT name FROM employees WHERE org_id = $1 AND id = $2) AS employee,
              u.name AS unit, u.name_en AS unit_en
       FROM (SELECT 1) one LEFT JOIN units u ON u.org_id = $1 AND u.id = COALESCE($3::uuid, (SELECT unit_id FROM employees WHERE org_id = $1 AND id = $2))`,
      [link.orgId, c.employeeId, c.unitId],
    );
    return { employeeName: names?.employee ?? null, unitName: names?.unit ? { 'zh-CN': names.unit, en: names.unit_en ?? names.unit } : null, touchpoint: c.touchpoint };
  });
}

export interface PipeContext {
  employeeName: string | null;
  unitName: Record<Lang, string> | null;
  touchpoint: string | null;
}

/** A completed response deletes its draft in the transaction that writes it (public answers only: others never have one). */
export function registerDraftCompletion(ctx: AppContext): void {
  onResponsesWritten(ctx, async (tx, written) => {
    const ids = written.filter((w) => w.linkId !== null).map((w) => w.responseId);
    if (ids.length) await tx.query(`DELETE FROM response_drafts WHERE org_id = $1 AND id = ANY($2::uuid[])`, [tx.orgId, ids]);
  });
}
