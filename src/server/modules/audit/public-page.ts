/**
 * The mystery shopper's page at `/ms/:token`, server-rendered without JavaScript:
 *  - `GET /ms/:token` shows the checklist (404 unknown, 409 already submitted, 410 expired);
 *  - `POST /ms/:token` (form-encoded) switches language keeping what was chosen (`nav=lang`), or submits:
 *    a missing score re-shows the form (400) with the problems marked; success redirects (303) to
 *    `/ms/:token/thanks`, so a reload cannot post twice.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '../../../contracts/surveys.ts';
import type { AppContext } from '../../platform/context.ts';
import { chooseLanguage } from '../surveys/index.ts';
import { otherLang, renderProblem, renderThanks, renderVisit, sendShopperPage } from './public-page.html.ts';
import { submitVisit, viewVisit, VISIT_PROBLEMS, type VisitAnswers, type VisitProblem, type VisitView } from './shopper.service.ts';

type Form = Record<string, unknown>;

const problemPage = (reply: FastifyReply, kind: VisitProblem, lang: Lang) => sendShopperPage(reply, VISIT_PROBLEMS[kind].status, renderProblem(kind, lang));

/** The posted fields as answers: `s_<key>` a digit 0–4, `n_<key>` a note, `notes` the visit's note. A repeated or odd field is left out (and so reported missing). */
export function readVisitForm(view: VisitView, form: Form): VisitAnswers {
  const scores: Record<string, number> = {};
  const notes: Record<string, string> = {};
  for (const item of view.checklist.items) {
    const score = form[`s_${item.key}`];
    if (typeof score === 'string' && /^[0-4]$/.test(score)) scores[item.key] = Number(score);
    const note = form[`n_${item.key}`];
    if (typeof note === 'string' && note.trim()) notes[item.key] = note;
  }
  const visitNotes = typeof form.notes === 'string' ? form.notes : '';
  return { scores, notes, visitNotes };
}

const tokenOf = (req: FastifyRequest) => (req.params as { token: string }).token;

export async function showVisitPage(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const token = tokenOf(req);
  const lang = chooseLanguage((req.query as { lang?: unknown }).lang, null, req.headers['accept-language']);
  const view = await viewVisit(ctx, token);
  if (typeof view === 'string') return problemPage(reply, view, lang);
  return sendShopperPage(reply, 200, renderVisit({ view, token, lang, answers: { scores: {}, notes: {}, visitNotes: '' } }));
}

export async function submitVisitPage(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const token = tokenOf(req);
  const form = (req.body ?? {}) as Form;
  const current = chooseLanguage(form.lang, null, req.headers['accept-language']);
  const lang = form.nav === 'lang' ? otherLang(current) : current;
  const view = await viewVisit(ctx, token);
  if (typeof view === 'string') return problemPage(reply, view, lang);
  const answers = readVisitForm(view, form);
  if (form.nav === 'lang') return sendShopperPage(reply, 200, renderVisit({ view, token, lang, answers }));
  const outcome = await submitVisit(ctx, token, answers);
  if (typeof outcome === 'string') return problemPage(reply, outcome, lang);
  if (outcome) return sendShopperPage(reply, 400, renderVisit({ view, token, lang, answers, errors: outcome }));
  return reply.redirect(`/ms/${encodeURIComponent(token)}/thanks?lang=${lang}`, 303);
}

/** Thanks once the visit is submitted; before that it leads back to the form. */
export async function showVisitThanks(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const token = tokenOf(req);
  const lang = chooseLanguage((req.query as { lang?: unknown }).lang, null, req.headers['accept-language']);
  const view = await viewVisit(ctx, token);
  if (view === 'used') return sendShopperPage(reply, 200, renderThanks(lang, token));
  if (typeof view === 'string') return problemPage(reply, view, lang);
  return reply.redirect(`/ms/${encodeURIComponent(token)}?lang=${lang}`, 303);
}
