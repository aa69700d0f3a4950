/**
 * Every response's comments are analysed when it is submitted: the
 * `response.submitted` handler reads the response's text answers and stores
 * the analysis in the handler's own transaction (so it happens once, and a
 * failure is retried by the outbox).
 */
import type { Tx } from '../../platform/db/database.ts';
import type { AppContext } from '../../platform/context.ts';
import { publish, type Event } from '../../platform/events/index.ts';
import type { ResponseSubmitted } from '../responses/index.ts';
import { getSurveyVersion } from '../surveys/index.ts';
import { analyzeText } from './analyze.ts';
import { topicsOf } from './topics.service.ts';

/** The outbox handler name; recorded in handled_by, so it must stay stable. */
export const ANALYSE_HANDLER = 'text.analyse-comments';

/** Subscribes the comment analysis to response.submitted. */
export function registerTextEvents(ctx: AppContext): void {
  ctx.events.on<ResponseSubmitted>('response.submitted', ANALYSE_HANDLER, (event, tx) => analyseSubmittedResponse(ctx, event, tx));
}

/** Analyses the text answers of one submitted response and stores the result (replacing an earlier one). */
export async function analyseSubmittedResponse(ctx: AppContext, event: Event<ResponseSubmitted>, tx: Tx): Promise<void> {
  const orgId = event.orgId;
  const p = event.payload;
  const text = await textAnswersOf(tx, orgId, p);
  if (text === '') return;
  const [mentioned] = await tx.query<{ names: string[] }>(
    `SELECT coalesce(array_agg(name), '{}') AS names FROM employees
      WHERE org_id = $1 AND length(name) >= 2 AND (id = $2 OR strpos(lower($3), lower(name)) > 0)`,
    [orgId, p.employeeId, text],
  );
  const analysis = analyzeText(text, { staffNames: mentioned?.names ?? [] });
  const topics = await topicsOf(tx, orgId, analysis.keywords);
  await tx.query(
    `INSERT INTO text_analyses (org_id, response_id, sentiment, score, keywords, topics, is_praise, redacted_text, pii_found, lang,
        unit_id, employee_id, customer_id, touchpoint, submitted_at, analysed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (org_id, response_id) DO UPDATE SET sentiment = excluded.sentiment, score = excluded.score, keywords = excluded.keywords,
       topics = excluded.topics, is_praise = excluded.is_praise, redacted_text = excluded.redacted_text, pii_found = excluded.pii_found,
       lang = excluded.lang, analysed_at = excluded.analysed_at`,
    [
      orgId, p.responseId, analysis.sentiment, analysis.score, analysis.keywords, topics, analysis.isPraise, analysis.redacted, analysis.piiFound,
      analysis.lang, p.unitId, p.employeeId, p.customerId, p.touchpoint, p.submittedAt, ctx.clock.now(),
    ],
  );
  // For consumers that need the analysis (recognition's praise): handlers of response.submitted run in no set order.
  await publish(tx, 'comment.analysed', {
    responseId: p.responseId, surveyId: p.surveyId, employeeId: p.employeeId, unitId: p.unitId, customerId: p.customerId,
    touchpoint: p.touchpoint, nps: p.nps, csat: p.csat, flags: p.flags, submittedAt: p.submittedAt,
    sentiment: analysis.sentiment, score: analysis.score, isPraise: analysis.isPraise, text: analysis.redacted, lang: analysis.lang,
  }, { at: ctx.clock.now() });
}

/** Every text answer of the response, in question order, one per line (the payload carries only the first). */
async function textAnswersOf(tx: Tx, orgId: string, p: ResponseSubmitted): Promise<string> {
  const [row] = await tx.query<{ answers: Record<string, unknown>; survey_version: number }>(
    `SELECT answers, survey_version FROM responses WHERE org_id = $1 AND id = $2`,
    [orgId, p.responseId],
  );
  if (!row) return p.comment?.trim() ?? '';
  const survey = await getSurveyVersion(tx, orgId, p.surveyId, row.survey_version);
  const texts = (survey?.questions ?? [])
    .filter((q) => q.type === 'text')
    .map((q) => row.answers[q.key])
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  if (texts.length === 0 && p.comment) texts.push(p.comment);
  return texts.join('\n').trim();
}
