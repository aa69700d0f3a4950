/**
 * The public survey page, one page at a time, without JavaScript: `GET /s/:token`
 * shows the page to answer (a personal link resumes its draft at the next
 * unanswered page), `POST /s/:token` checks the page, saves it as the draft
 * and shows the next, or completes the response on the last page.
 *
 * An anonymous (reusable) link's draft is carried by a hidden form field with
 * a random secret, never a cookie: on a shared tablet at a counter, a cookie
 * would let the next customer continue the previous one's answers.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { questionsOnPage, shownPages } from '../../../contracts/survey-logic.ts';
import { validateAnswers, type Answers, type Lang } from '../../../contracts/surveys.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import {
  chooseLanguage,
  LINK_PROBLEM_STATUS,
  readSurveyForm,
  renderLinkProblemPage,
  renderSurveyPage,
  resolveLink,
  sendPublicPage,
  type LinkProblem,
  type ResolvedLink,
  type SurveyVersion,
} from '../surveys/index.ts';
import { loadDraft, loadPipeContext, mergeAnswers, saveDraft, type Draft } from './drafts.service.ts';
import { loadLinkSurvey, openLink, submitLinkAnswers } from './public.service.ts';

const readPage = (v: unknown): number | null => (typeof v === 'string' && /^\d{1,2}$/.test(v) ? Number(v) : null);

interface PageView {
  ctx: AppContext;
  reply: FastifyReply;
  link: ResolvedLink;
  survey: SurveyVersion;
  lang: Lang;
  page: number;
  values: Record<string, unknown>;
  draftToken: string | null;
  errors?: Record<string, string>;
  status?: number;
}

async function showPage(v: PageView) {
  const pipe = await loadPipeContext(v.ctx, v.link);
  const pages = shownPages(v.survey.questions, v.values);
  const html = renderSurveyPage({
    survey: v.survey,
    link: v.link,
    lang: v.lang,
    errors: v.errors,
    values: v.values as Answers,
    now: v.ctx.clock.now(),
    page: v.page,
    hasBack: pages.some((p) => p < v.page),
    draftToken: v.draftToken,
    pipe,
  });
  return sendPublicPage(v.reply, v.status ?? 200, html);
}

/** `GET /s/:token`: the page to answer now; `?page=` goes back to an earlier page of a personal link's draft. */
export async function showSurveyPage(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const { token } = req.params as { token: string };
  const query = req.query as Record<string, string | string[] | undefined>;
  const link = await resolveLink(ctx, token);
  const lang = chooseLanguage(query.lang, link?.lang ?? null, req.headers['accept-language']);
  const problem = (kind: LinkProblem) => sendPublicPage(reply, LINK_PROBLEM_STATUS[kind], renderLinkProblemPage(kind, lang));
  if (!link) return problem('unknown');
  if (link.expiresAt && link.expiresAt <= ctx.clock.now()) return problem('expired');
  if (link.personal && link.usedAt) return problem('answered');
  const survey = await loadLinkSurvey(ctx, link);
  if (!survey || survey.status === 'closed') return problem('closed');
  const draft = link.personal ? await loadDraft(ctx, link, null) : null;
  // Hidden fields arrive in the link's query string (?order=123) and travel with the form.
  const values: Record<string, unknown> = { ...(draft?.answers ?? {}) };
  for (const q of survey.questions) {
    const v = query[q.key];
    if (q.type === 'hidden' && typeof v === 'string' && v.length <= 500 && !(q.key in values)) values[q.key] = v;
  }
  const pages = shownPages(survey.questions, values);
  const resumeAt = pages.find((p) => p > (draft?.page ?? 0)) ?? pages.at(-1) ?? 1;
  const asked = readPage(query.page);
  const page = asked !== null && pages.includes(asked) && asked <= resumeAt ? asked : resumeAt;
  return showPage({ ctx, reply, link, survey, lang, page, values, draftToken: null });
}

/**
 * `POST /s/:token`: one page's answers. Problems come back on the same page
 * (400) beside their questions. A page that is not the last is saved as the
 * draft: a personal link is redirected (303) to its next page, so reloading
 * cannot post twice; an anonymous link's next page is the answer itself,
 * carrying the draft's secret. The last page completes the response under
 * the draft's id and redirects to the thank-you page.
 */
export async function submitSurveyPage(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const { token } = req.params as { token: string };
  const body = (req.body ?? {}) as Record<string, unknown>;
  const opened = await openLink(ctx, token);
  let lang = chooseLanguage(body.lang, opened.link?.lang ?? null, req.headers['accept-language']);
  const problem = (kind: LinkProblem) => sendPublicPage(reply, LINK_PROBLEM_STATUS[kind], renderLinkProblemPage(kind, lang));
  if (opened.problem) return problem(opened.problem);
  const link = opened.link;
  const survey = await loadLinkSurvey(ctx, link);
  if (!survey || survey.status === 'closed') return problem('closed');
  const draft = await loadDraft(ctx, link, link.personal || typeof body.draft !== 'string' ? null : body.draft);
  const saved: Record<string, unknown> = draft?.answers ?? {};
  const pages = shownPages(survey.questions, saved);
  const posted = readPage(body.page);
  const page = posted !== null && pages.includes(posted) ? posted : (pages.find((p) => p > (draft?.page ?? 0)) ?? pages[0] ?? 1);
  const draftToken = draft?.secret ?? null;
  const view = { ctx, reply, link, survey, lang, draftToken };
  const nav = body.nav;
  if (nav === 'lang') return showPage({ ...view, page, values: saved });
  if (nav === 'back') {
    const previous = pages.filter((p) => p < page).at(-1) ?? page;
    if (link.personal) return reply.redirect(`/s/${encodeURIComponent(token)}?lang=${lang}&page=${previous}`, 303);
    return showPage({ ...view, page: previous, values: saved });
  }

  const onPage = questionsOnPage(survey.questions, saved, page);
  const form = readSurveyForm([...onPage, ...survey.questions.filter((q) => q.type === 'hidden')], body);
  lang = form.lang ?? lang;
  // This page's fields replace what was saved for them (a cleared answer is cleared).
  const given: Record<string, unknown> = Object.fromEntries(onPage.map((q) => [q.key, null]));
  Object.assign(given, form.answers);
  const answers = mergeAnswers(survey.questions, draft?.answers ?? {}, given);
  const errors = validateAnswers(survey.questions, answers, { requiredThroughPage: page });
  if (Object.keys(errors).length) return showPage({ ...view, lang, page, values: answers, errors, status: 400 });

  const next = shownPages(survey.questions, answers).find((p) => p > page);
  if (next === undefined) return complete(ctx, reply, link, { answers, lang, draft, honeypot: form.honeypot, renderedAt: form.renderedAt }, view, page);
  const flags = [...(form.honeypot ? ['honeypot'] : []), ...(form.renderedAt === null ? ['too_fast'] : [])];
  const result = await saveDraft(ctx, link, survey, draft, { answers: answers as Answers, page, lang, flags, startedAt: form.renderedAt });
  if (link.personal) return reply.redirect(`/s/${encodeURIComponent(token)}?lang=${lang}`, 303);
  return showPage({ ...view, lang, page: next, values: answers, draftToken: result.secret });
}

async function complete(
  ctx: AppContext,
  reply: FastifyReply,
  link: ResolvedLink,
  input: { answers: Record<string, unknown>; lang: Lang; draft: Draft | null; honeypot: string; renderedAt: Date | null },
  view: Omit<PageView, 'page' | 'values'>,
  page: number,
) {
  const problem = (kind: LinkProblem) => sendPublicPage(reply, LINK_PROBLEM_STATUS[kind], renderLinkProblemPage(kind, input.lang));
  try {
    await submitLinkAnswers(ctx, link, input);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === 'already_answered') return problem('answered');
    if (err.code === 'survey_closed') return problem('closed');
    const answerErrors = err.details?.answers as Record<string, string> | undefined;
    if (answerErrors) return showPage({ ...view, lang: input.lang, page, values: input.answers, errors: answerErrors, status: 400 });
    throw err;
  }
  return reply.redirect(`/s/${encodeURIComponent(link.token)}/thanks?lang=${input.lang}`, 303);
}
