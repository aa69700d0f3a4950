import querystring from 'node:querystring';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { chooseLanguage, LINK_PROBLEM_STATUS, renderLinkProblemPage, renderThankYouPage, resolveLink, sendPublicPage } from '../surveys/index.ts';
import { showSurveyPage, submitSurveyPage } from './public-form.ts';
import { loadLinkSurvey } from './public.service.ts';

/** Submits per address and link: plenty for a family sharing one Wi-Fi, too few for a script. */
export const PUBLIC_SUBMIT_LIMIT = {
  max: 10,
  timeWindow: 60_000,
  keyGenerator: (req: FastifyRequest) => `${req.ip}|${String((req.params as { token?: unknown }).token ?? '')}`,
};

/** Largest form body: a survey of 100 questions with long text answers fits. */
const FORM_BODY_LIMIT = 512 * 1024;

/**
 * The public page (`GET /s/:token`), its form posts (`POST /s/:token`,
 * form-encoded, one page at a time, works without JavaScript; see
 * public-form.ts) and the thank-you page it redirects to. The form parser lives in
 * this plugin's scope only, so the API keeps accepting JSON alone.
 */
export function registerPublicFormRoutes(app: HttpApp, ctx: AppContext): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_req, body, done) =>
      // A null-prototype object: repeated keys (checkboxes) become arrays, `__proto__` is just a key.
      done(null, querystring.parse(body as string)),
    );
    scope.get('/s/:token', { config: { auth: false, rateLimit: { max: 60, timeWindow: 60_000 } }, schema: { hide: true } }, (req, reply) =>
      showSurveyPage(ctx, req, reply),
    );
    scope.post('/s/:token', { config: { auth: false, rateLimit: PUBLIC_SUBMIT_LIMIT }, schema: { hide: true } }, (req, reply) =>
      submitSurveyPage(ctx, req, reply),
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
