import querystring from 'node:querystring';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { validateAnswers } from '../../../contracts/surveys.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import {
  chooseLanguage,
  LINK_PROBLEM_STATUS,
  readSurveyForm,
  renderLinkProblemPage,
  renderSurveyPage,
  renderThankYouPage,
  resolveLink,
  sendPublicPage,
  type LinkProblem,
} from '../surveys/index.ts';
import { loadLinkSurvey, openLink, submitLinkAnswers } from './public.service.ts';

/** Submits per address and link: plenty for a family sharing one Wi-Fi, too few for a script. */
export const PUBLIC_SUBMIT_LIMIT = {
  max: 10,
  timeWindow: 60_000,
  keyGenerator: (req: FastifyRequest) => `${req.ip}|${String((req.params as { token?: unknown }).token ?? '')}`,
};

/** Largest form body: a survey of 100 questions with long text answers fits. */
const FORM_BODY_LIMIT = 512 * 1024;

/**
 * The public page's form posts (`POST /s/:token`, form-encoded, works without
 * JavaScript) and the thank-you page it redirects to. The form parser lives in
 * this plugin's scope only, so the API keeps accepting JSON alone.
 */
export function registerPublicFormRoutes(app: HttpApp, ctx: AppContext): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_req, body, done) =>
      // A null-prototype object: repeated keys (checkboxes) become arrays, `__proto__` is just a key.
      done(null, querystring.parse(body as string)),
    );
    scope.post('/s/:token', { config: { auth: false, rateLimit: PUBLIC_SUBMIT_LIMIT }, schema: { hide: true } }, (req, reply) =>
      submitForm(ctx, req, reply),
    );
    scope.get('/s/:token/thanks', { config: { auth: false, rateLimit: { max: 60, timeWindow: 60_000 } }, schema: { hide: true } }, async (req, reply) => {
      const link = await resolveLink(ctx, (req.params as { token: string }).token);
      const lang = chooseLanguage((req.query as { lang?: unknown }).lang, link?.lang ?? null, req.headers['accept-language']);
      if (!link) return sendPublicPage(reply, LINK_PROBLEM_STATUS.unknown, renderLinkProblemPage('unknown', lang));
      const survey = await loadLinkSurvey(ctx, link);
      return sendPublicPage(reply, 200, renderThankYouPage(lang, { surveyName: survey?.name ?? '' }));
    });
  });
}

/**
 * A submitted form: answers with problems come back on the same page (400)
 * with each problem beside its question; accepted answers redirect (303) to
 * the thank-you page, so reloading it cannot submit twice.
 */
async function submitForm(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const { token } = req.params as { token: string };
  const body = (req.body ?? {}) as Record<string, unknown>;
  const opened = await openLink(ctx, token);
  let lang = chooseLanguage(body.lang, opened.link?.lang ?? null, req.headers['accept-language']);
  const problem = (kind: LinkProblem) => sendPublicPage(reply, LINK_PROBLEM_STATUS[kind], renderLinkProblemPage(kind, lang));
  if (opened.problem) return problem(opened.problem);
  const link = opened.link;
  const survey = await loadLinkSurvey(ctx, link);
  if (!survey || survey.status === 'closed') return problem('closed');

  const form = readSurveyForm(survey.questions, body);
  lang = form.lang ?? lang;
  const showErrors = (errors: Record<string, string>) =>
    sendPublicPage(reply, 400, renderSurveyPage({ survey, link, lang, errors, values: form.answers, now: ctx.clock.now() }));
  const errors = validateAnswers(survey.questions, form.answers);
  if (Object.keys(errors).length) return showErrors(errors);
  try {
    await submitLinkAnswers(ctx, link, { answers: form.answers, lang, honeypot: form.honeypot, renderedAt: form.renderedAt });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === 'already_answered') return problem('answered');
    if (err.code === 'survey_closed') return problem('closed');
    const answerErrors = err.details?.answers as Record<string, string> | undefined;
    if (answerErrors) return showErrors(answerErrors);
    throw err;
  }
  return reply.redirect(`/s/${encodeURIComponent(token)}/thanks?lang=${lang}`, 303);
}
