/**
 * The partner report page at `/partner/:token`, server-rendered and without JavaScript:
 *  - `GET /partner/:token` shows the passcode form, or the report when this link's cookie is valid
 *    (`?days=30|90|365`, `?lang=`);
 *  - `POST /partner/:token` (form: passcode) unlocks it and redirects (303) to the report;
 *  - `POST /partner/:token/ideas` (form: title, body) files an idea and redirects back with a note;
 *  - `POST /partner/:token/replies` (form: body, days) answers the report period, the same way.
 * Redirects after every post, so a reload never posts twice.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '../../../contracts/surveys.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { chooseLanguage } from '../surveys/index.ts';
import { findLink, readLinkReport, unlockLink } from './link-access.service.ts';
import { accessTokenOf, pagePath, setAccessCookies } from './link-cookies.ts';
import { fileLinkIdea, listLinkIdeas } from './partner-ideas.service.ts';
import { fileLinkReply, listLinkReplies } from './replies.service.ts';
import { renderLocked, renderProblem, renderReport, sendPartnerPage, type LockedProblem } from './public-page.html.ts';

type Form = Record<string, unknown>;
const DAYS = new Set(['30', '90', '365']);
const daysOf = (v: unknown) => (typeof v === 'string' && DAYS.has(v) ? Number(v) : 90);
const field = (form: Form, name: string) => (typeof form[name] === 'string' ? (form[name] as string).replace(/\0/g, '') : '');
const tokenOf = (req: FastifyRequest) => (req.params as { token: string }).token;

/** Unknown, revoked and expired links get a page of their own; other errors go to the error handler. */
function problemPage(reply: FastifyReply, err: unknown, lang: Lang): FastifyReply {
  if (err instanceof AppError && err.code === 'not_found') return sendPartnerPage(reply, 404, renderProblem('unknown', lang));
  if (err instanceof AppError && err.code === 'link_expired') return sendPartnerPage(reply, 410, renderProblem('expired', lang));
  throw err;
}

const redirectTo = (reply: FastifyReply, token: string, query: Record<string, string>) =>
  reply.redirect(`${pagePath(encodeURIComponent(token))}?${new URLSearchParams(query).toString()}`, 303);

/** `GET /partner/:token`. */
export async function showPartnerPage(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const token = tokenOf(req);
  const query = req.query as Record<string, unknown>;
  const lang = chooseLanguage(query.lang, null, req.headers['accept-language']);
  try {
    const report = await readLinkReport(ctx, token, accessTokenOf(req), daysOf(query.days), req.ip);
    const ideas = await listLinkIdeas(ctx, token, accessTokenOf(req));
    const replies = await listLinkReplies(ctx, token, accessTokenOf(req));
    const stateOf = (v: unknown) => (v === 'sent' ? 'sent' : v === 'missing' ? 'missing' : null);
    return sendPartnerPage(reply, 200, renderReport({ token, lang, report, ideas, replies, ideaState: stateOf(query.idea), replyState: stateOf(query.reply) }));
  } catch (err) {
    if (err instanceof AppError && err.code === 'locked') return sendPartnerPage(reply, 200, renderLocked(token, lang));
    return problemPage(reply, err, lang);
  }
}

/** `POST /partner/:token`: the passcode form. */
export async function unlockPartnerPage(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const token = tokenOf(req);
  const form = (req.body ?? {}) as Form;
  const lang = chooseLanguage(form.lang, null, req.headers['accept-language']);
  try {
    const { accessToken, expiresAt } = await unlockLink(ctx, token, field(form, 'passcode'), req.ip);
    setAccessCookies(req, reply, token, accessToken, expiresAt, ctx.clock.now());
    return redirectTo(reply, token, { lang });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    let problem: LockedProblem | null = null;
    if (err.code === 'wrong_passcode') problem = { kind: 'wrong', attemptsLeft: Number(err.details?.attemptsLeft ?? 0) };
    if (err.code === 'too_many_attempts') {
      const retryAfterSeconds = Number(err.details?.retryAfterSeconds ?? 60);
      reply.header('retry-after', String(retryAfterSeconds));
      problem = { kind: 'throttled', retryAfterSeconds };
    }
    if (problem) return sendPartnerPage(reply, err.status, renderLocked(token, lang, problem));
    return problemPage(reply, err, lang);
  }
}

/**
 * A form of an unlocked report (idea or reply): `file` writes it, or answers null when a required field is empty.
 * Either way the partner is sent back to the report with a note; a session that ran out sends them to the passcode.
 */
async function postReportForm(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  note: 'idea' | 'reply',
  file: (token: string, accessToken: string | undefined, form: Form, days: 30 | 90 | 365) => Promise<unknown> | null,
) {
  const token = tokenOf(req);
  const form = (req.body ?? {}) as Form;
  const lang = chooseLanguage(form.lang, null, req.headers['accept-language']);
  const days = daysOf(form.days) as 30 | 90 | 365;
  try {
    const filed = file(token, accessTokenOf(req), form, days);
    if (filed === null) await findLink(ctx, token);
    else await filed;
    return redirectTo(reply, token, { lang, days: String(days), [note]: filed === null ? 'missing' : 'sent' });
  } catch (err) {
    if (err instanceof AppError && err.code === 'locked') return redirectTo(reply, token, { lang });
    return problemPage(reply, err, lang);
  }
}

/** `POST /partner/:token/ideas`: the idea form. */
export const postPartnerIdea = (ctx: AppContext, req: FastifyRequest, reply: FastifyReply) =>
  postReportForm(ctx, req, reply, 'idea', (token, accessToken, form) => {
    const title = field(form, 'title').trim().slice(0, 200);
    return title ? fileLinkIdea(ctx, token, accessToken, { title, body: field(form, 'body').slice(0, 5000) }) : null;
  });

/** `POST /partner/:token/replies`: the response form. */
export const postPartnerReply = (ctx: AppContext, req: FastifyRequest, reply: FastifyReply) =>
  postReportForm(ctx, req, reply, 'reply', (token, accessToken, form, days) => {
    const body = field(form, 'body').trim().slice(0, 2000);
    return body ? fileLinkReply(ctx, token, accessToken, { body, days }) : null;
  });
