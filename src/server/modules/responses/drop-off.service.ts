import { ErrorSchema, IdParamsSchema } from '../../../contracts/common.ts';
import { DropOffQuerySchema, DropOffSchema, type DropOff } from '../../../contracts/responses.ts';
import { conditionsOf, pageOf, shownKeys, shownPages } from '../../../contracts/survey-logic.ts';
import type { Answers, Question } from '../../../contracts/surveys.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { notFound } from '../../platform/errors.ts';
import { getSurveyVersion } from '../surveys/index.ts';

/**
 * Where respondents of one survey version stop. Completed responses are read
 * grouped by their answers to the questions that conditions test (a handful of
 * patterns however many responses there are), so whether each question was
 * shown is decided by the same evaluator as everywhere else, not re-written in
 * SQL; drafts are read one by one (they are few, and each has its own stop).
 * Admins only: it spans the whole organisation.
 */
export function getDropOff(ctx: AppContext, actor: Actor, surveyId: string, version?: number): Promise<DropOff> {
  authorize(actor, 'survey.write');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const survey = await getSurveyVersion(tx, actor.orgId, surveyId, version);
    if (!survey) throw notFound(version ? 'survey version' : 'survey');
    const tested = [...new Set(survey.questions.flatMap((q) => conditionsOf(q.showIf).map((c) => c.question)))];
    const params = [actor.orgId, surveyId, survey.version];
    const patterns = await tx.query<{ refs: Answers; n: number }>(
      `SELECT (SELECT COALESCE(jsonb_object_agg(key, value), '{}'::jsonb) FROM jsonb_each(answers) WHERE key = ANY($4::text[])) AS refs,
              count(*)::int AS n
       FROM responses WHERE org_id = $1 AND survey_id = $2 AND survey_version = $3 GROUP BY 1`,
      [...params, tested],
    );
    const answeredCounts = await tx.query<{ key: string; n: number }>(
      `SELECT k AS key, count(*)::int AS n FROM responses, jsonb_object_keys(answers) AS k
       WHERE org_id = $1 AND survey_id = $2 AND survey_version = $3 GROUP BY k`,
      params,
    );
    const drafts = await tx.query<{ answers: Answers; page: number }>(
      `SELECT answers, page FROM response_drafts WHERE org_id = $1 AND survey_id = $2 AND survey_version = $3`,
      params,
    );
    const asked = survey.questions.filter((q) => q.type !== 'hidden');
    const rows = new Map(asked.map((q) => [q.key, { key: q.key, page: pageOf(q), title: q.title, reached: 0, answered: 0, stopped: 0 }]));
    for (const p of patterns) for (const key of shownKeys(asked, p.refs)) rows.get(key)!.reached += p.n;
    for (const a of answeredCounts) if (rows.has(a.key)) rows.get(a.key)!.answered += a.n;
    for (const d of drafts) {
      const { reached, stoppedAt } = draftProgress(survey.questions, d.answers, d.page);
      for (const key of reached) {
        const row = rows.get(key)!;
        row.reached += 1;
        if (d.answers[key] !== undefined) row.answered += 1;
      }
      if (stoppedAt) rows.get(stoppedAt)!.stopped += 1;
    }
    const completed = patterns.reduce((sum, p) => sum + p.n, 0);
    return { surveyId, version: survey.version, completed, partial: drafts.length, questions: [...rows.values()] };
  });
}

/**
 * What a partial respondent got to: every shown question up to the page after
 * the last one they saved (they were shown it and left), and the first
 * question of that page as where they stopped. With nothing left to show, the
 * last shown question is where they stopped.
 */
export function draftProgress(questions: readonly Question[], answers: Answers, savedPage: number): { reached: string[]; stoppedAt: string | null } {
  const shown = shownKeys(questions, answers);
  const asked = questions.filter((q) => q.type !== 'hidden' && shown.has(q.key));
  const lastSaved = Math.max(savedPage, ...asked.filter((q) => answers[q.key] !== undefined).map(pageOf));
  const stopPage = shownPages(questions, answers).find((p) => p > lastSaved);
  const reached = asked.filter((q) => stopPage === undefined || pageOf(q) <= stopPage);
  const stoppedAt = stopPage === undefined ? reached.at(-1) : reached.find((q) => pageOf(q) === stopPage);
  return { reached: reached.map((q) => q.key), stoppedAt: stoppedAt?.key ?? null };
}

/** `GET /api/v1/surveys/:id/drop-off?version=`: per question, how many reached, answered and stopped at it. */
export function registerDropOffRoute(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/v1/surveys/:id/drop-off',
    {
      schema: {
        tags: ['surveys'],
        description: 'per question in order: respondents who reached it, answered it and (partial ones) stopped there; completed and partial responses of one version (default the current)',
        params: IdParamsSchema,
        querystring: DropOffQuerySchema,
        response: { 200: DropOffSchema, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    (req) => getDropOff(ctx, actorOf(req), req.params.id, req.query.version),
  );
}
