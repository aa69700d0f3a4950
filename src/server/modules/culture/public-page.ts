/**
 * The answer page at `/a/:token`, server-rendered and without JavaScript:
 *  - `GET /a/:token` shows the introduction (anonymity, thresholds), `?page=n` a section (empty);
 *  - `POST /a/:token` (form-encoded) moves between sections carrying every answer in the form itself
 *    (`nav` = next | back | lang), and `nav=submit` on the last section records them and redirects (303)
 *    to `/a/:token/thanks`, so a reload cannot post twice.
 * Answers are never stored between sections: an unfinished form leaves nothing behind, and no draft
 * exists that could tie answers to the invitation.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AssessmentSection } from '../../../contracts/culture.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { chooseLanguage } from '../surveys/index.ts';
import { answerProblems, PROBLEMS, submitAnswers, viewInvitation, type Answers, type InvitationProblem, type InvitationView } from './answers.service.ts';
import { renderIntro, renderProblem, renderSection, renderThanks, sendAnswerPage } from './public-page.html.ts';

type Form = Record<string, unknown>;

const readPage = (v: unknown, count: number): number | null => {
  if (typeof v !== 'string' || !/^\d{1,2}$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 && n <= count ? n : null;
};

/** The posted fields back into answers: likert digits become numbers, blanks are left out; a repeated field stays a list (refused). */
export function readAnswerForm(sections: readonly AssessmentSection[], form: Form): Answers {
  const answers: Record<string, unknown> = {};
  for (const item of sections.flatMap((s) => s.items)) {
    const raw = form[item.key];
    if (raw === undefined) continue;
    if (Array.isArray(raw)) {
      answers[item.key] = raw;
      continue;
    }
    if (typeof raw !== 'string') continue;
    const value = item.type === 'text' ? raw.trim() : raw;
    if (value === '') continue;
    answers[item.key] = item.type === 'likert' && /^\d$/.test(value) ? Number(value) : value;
  }
  return answers as Answers;
}

const problemPage = (reply: FastifyReply, kind: InvitationProblem, lang: ReturnType<typeof chooseLanguage>) => sendAnswerPage(reply, PROBLEMS[kind].status, renderProblem(kind, lang));

/** `GET /a/:token`: the introduction, or an empty section when `?page=` names one. */
export async function showAnswerPage(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const { token } = req.params as { token: string };
  const query = req.query as Record<string, unknown>;
  const lang = chooseLanguage(query.lang, null, req.headers['accept-language']);
  const view = await viewInvitation(ctx, token);
  if (typeof view === 'string') return problemPage(reply, view, lang);
  const page = readPage(query.page, view.assessment.template.length);
  if (page === null) return sendAnswerPage(reply, 200, renderIntro(view, token, lang));
  return sendAnswerPage(reply, 200, renderSection({ view, token, lang, page, answers: {} }));
}

/** The first section holding a problem (tampered hidden fields included), for showing it there. */
function pageOfProblem(view: InvitationView, problems: Record<string, string>, fallback: number): number {
  const index = view.assessment.template.findIndex((s) => s.items.some((i) => i.key in problems));
  return index >= 0 ? index + 1 : fallback;
}

/** `POST /a/:token`: one step of the form (see the top of this file). */
export async function submitAnswerPage(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const { token } = req.params as { token: string };
  const form = (req.body ?? {}) as Form;
  const lang = chooseLanguage(form.lang, null, req.headers['accept-language']);
  const view = await viewInvitation(ctx, token);
  if (typeof view === 'string') return problemPage(reply, view, lang);
  const count = view.assessment.template.length;
  const page = readPage(form.page, count) ?? 1;
  const answers = readAnswerForm(view.assessment.template, form);
  const show = (p: number, errors?: Record<string, string>, status = 200) =>
    sendAnswerPage(reply, status, renderSection({ view, token, lang, page: p, answers, errors }));
  if (form.nav === 'lang') return show(page);
  if (form.nav === 'back') return show(Math.max(1, page - 1));

  // Moving on checks the pages seen so far; questions on later pages are not "missing" yet.
  const seen = new Set(view.assessment.template.slice(0, form.nav === 'submit' ? count : page).flatMap((s) => s.items.map((i) => i.key)));
  const problems = Object.fromEntries(Object.entries(answerProblems(view.assessment.template, answers)).filter(([key]) => seen.has(key) || form.nav === 'submit'));
  if (Object.keys(problems).length) return show(pageOfProblem(view, problems, page), problems, 400);
  if (form.nav !== 'submit' || page < count) return show(Math.min(count, page + 1));
  try {
    await submitAnswers(ctx, token, answers);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const kind = (Object.keys(PROBLEMS) as InvitationProblem[]).find((k) => PROBLEMS[k].code === err.code);
    if (kind) return problemPage(reply, kind, lang);
    const fields = (err.details?.fields ?? {}) as Record<string, string>;
    // Nothing answered at all: point at the first section's first question.
    const errors = Object.keys(fields).length ? fields : { [view.assessment.template[0]!.items[0]!.key]: 'answer at least one question' };
    return show(pageOfProblem(view, errors, page), errors, 400);
  }
  return reply.redirect(`/a/${encodeURIComponent(token)}/thanks?lang=${lang}`, 303);
}

/** `GET /a/:token/thanks`: shown once the link has been used; before that it leads back to the form. */
export async function showThanksPage(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const { token } = req.params as { token: string };
  const lang = chooseLanguage((req.query as { lang?: unknown }).lang, null, req.headers['accept-language']);
  const view = await viewInvitation(ctx, token);
  if (view === 'answered') return sendAnswerPage(reply, 200, renderThanks(lang, token));
  if (typeof view === 'string') return problemPage(reply, view, lang);
  return reply.redirect(`/a/${encodeURIComponent(token)}?lang=${lang}`, 303);
}
