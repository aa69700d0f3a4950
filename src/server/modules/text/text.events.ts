/**
 * Every response's comments are analysed when it is submitted: the
 * `response.submitted` handler reads the responses' text answers and stores
 * the analysis in the handler's own transaction (so it happens once, and a
 * failure is retried by the outbox). It takes the outbox's events in batches;
 * a response without any text answer (its event's `comment` is null) costs
 * no query at all.
 */
import type { Tx } from '../../platform/db/database.ts';
import type { AppContext } from '../../platform/context.ts';
import { publishMany, type Event } from '../../platform/events/index.ts';
import type { ResponseSubmitted } from '../responses/index.ts';
import { getSurveyVersion } from '../surveys/index.ts';
import type { Question } from '../../../contracts/surveys.ts';
import { activeAdapterOf } from './adapter/adapter.cache.ts';
import { analyzeText } from './analyze.ts';
import { topicsByTerm } from './topics.service.ts';

/** The outbox handler name; recorded in handled_by, so it must stay stable. */
export const ANALYSE_HANDLER = 'text.analyse-comments';

/** Subscribes the comment analysis to response.submitted. */
export function registerTextEvents(ctx: AppContext): void {
  ctx.events.onBatch<ResponseSubmitted>('response.submitted', ANALYSE_HANDLER, (events, tx) => analyseSubmittedResponses(ctx, tx, events));
}

/**
 * Analyses the text answers of submitted responses and stores the results
 * (replacing earlier ones), in five statements whatever the batch's size:
 * answers, staff names, topics, the analyses, their `comment.analysed` events
 * (and, about once a minute, one reading the organisation's sentiment adapter).
 */
async function analyseSubmittedResponses(ctx: AppContext, tx: Tx, events: Event<ResponseSubmitted>[]): Promise<void> {
  const commented = events.map((e) => e.payload).filter((p) => (p.comment ?? '').trim() !== '');
  if (commented.length === 0) return;
  const texts = await textAnswersOf(tx, commented);
  const textOf = (p: ResponseSubmitted) => texts.get(p.responseId) ?? p.comment!.trim();
  const staff = await tx.query<{ id: string; name: string }>(
    `SELECT id, name FROM employees WHERE org_id = $1 AND length(name) >= 2 AND (id = ANY ($2::uuid[]) OR strpos($3, lower(name)) > 0)`,
    [tx.orgId, commented.flatMap((p) => (p.employeeId ? [p.employeeId] : [])), commented.map(textOf).join('\n').toLowerCase()],
  );
  const adapter = await activeAdapterOf(ctx.db, tx, tx.orgId!);
  const analysed = commented.map((p) => {
    const text = textOf(p);
    const lower = text.toLowerCase();
    const staffNames = [...new Set(staff.filter((e) => e.id === p.employeeId || lower.includes(e.name.toLowerCase())).map((e) => e.name))];
    return { p, analysis: analyzeText(text, { staffNames, adapter }) };
  });
  const topics = await topicsByTerm(tx, tx.orgId!, analysed.flatMap((a) => a.analysis.keywords));
  const now = ctx.clock.now();
  const rows = analysed.map(({ p, analysis }) => ({
    response_id: p.responseId, sentiment: analysis.sentiment, score: analysis.score, keywords: analysis.keywords,
    topics: [...new Set(analysis.keywords.map((k) => topics.get(k) ?? k))], is_praise: analysis.isPraise, redacted_text: analysis.redacted,
    pii_found: analysis.piiFound, lang: analysis.lang, unit_id: p.unitId, employee_id: p.employeeId, customer_id: p.customerId,
    touchpoint: p.touchpoint, submitted_at: p.submittedAt,
  }));
  await tx.query(
    `INSERT INTO text_analyses (org_id, response_id, sentiment, score, keywords, topics, is_praise, redacted_text, pii_found, lang,
        unit_id, employee_id, customer_id, touchpoint, submitted_at, analysed_at)
     SELECT $1, r.*, $3 FROM jsonb_to_recordset($2::jsonb) AS r(response_id uuid, sentiment text, score real, keywords text[], topics text[],
        is_praise boolean, redacted_text text, pii_found text[], lang text, unit_id uuid, employee_id uuid, customer_id uuid, touchpoint text,
        submitted_at timestamptz)
     ON CONFLICT (org_id, response_id) DO UPDATE SET score = excluded.score, keywords = excluded.keywords,
       -- An admin's correction (text_label_corrections) outlives a re-analysis.
       sentiment = coalesce((SELECT c.label FROM text_label_corrections c WHERE c.org_id = text_analyses.org_id
                               AND c.response_id = text_analyses.response_id), excluded.sentiment),
       topics = excluded.topics, is_praise = excluded.is_praise, redacted_text = excluded.redacted_text, pii_found = excluded.pii_found,
       lang = excluded.lang, analysed_at = excluded.analysed_at`,
    [tx.orgId, JSON.stringify(rows), now],
  );
  // For consumers that need the analysis (recognition's praise): handlers of response.submitted run in no set order.
  await publishMany(tx, 'comment.analysed', analysed.map(({ p, analysis }) => ({
    responseId: p.responseId, surveyId: p.surveyId, employeeId: p.employeeId, unitId: p.unitId, customerId: p.customerId,
    touchpoint: p.touchpoint, nps: p.nps, csat: p.csat, flags: p.flags, submittedAt: p.submittedAt,
    sentiment: analysis.sentiment, score: analysis.score, isPraise: analysis.isPraise, text: analysis.redacted, lang: analysis.lang,
  })), { at: now });
}

/** Every text answer of each response, in question order, one per line (the payload carries only the first). */
async function textAnswersOf(tx: Tx, submitted: ResponseSubmitted[]): Promise<Map<string, string>> {
  const rows = await tx.query<{ id: string; survey_id: string; answers: Record<string, unknown>; survey_version: number }>(
    `SELECT id, survey_id, answers, survey_version FROM responses WHERE org_id = $1 AND id = ANY ($2::uuid[])`,
    [tx.orgId, submitted.map((p) => p.responseId)],
  );
  const questions = new Map<string, Question[]>();
  const texts = new Map<string, string>();
  for (const row of rows) {
    const version = `${row.survey_id}:${row.survey_version}`;
    if (!questions.has(version)) questions.set(version, (await getSurveyVersion(tx, tx.orgId!, row.survey_id, row.survey_version))?.questions ?? []);
    const answered = questions
      .get(version)!
      .filter((q) => q.type === 'text')
      .map((q) => row.answers[q.key])
      .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    if (answered.length > 0) texts.set(row.id, answered.join('\n').trim());
  }
  return texts;
}
