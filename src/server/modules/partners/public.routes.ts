import querystring from 'node:querystring';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorSchema } from '../../../contracts/common.ts';
import {
  PartnerIdeaInputSchema,
  PartnerIdeaListSchema,
  PartnerIdeaSchema,
  PartnerReplyInputSchema,
  PartnerReplyListSchema,
  PartnerReplySchema,
  PartnerReportSchema,
  PartnerTokenParamsSchema,
  ReportQuerySchema,
  UnlockedSchema,
  UnlockSchema,
} from '../../../contracts/partners.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { readLinkReport, unlockLink } from './link-access.service.ts';
import { accessTokenOf, setAccessCookies } from './link-cookies.ts';
import { fileLinkIdea, listLinkIdeas } from './partner-ideas.service.ts';
import { postPartnerIdea, postPartnerReply, showPartnerPage, unlockPartnerPage } from './public-page.ts';
import { fileLinkReply, listLinkReplies } from './replies.service.ts';

/**
 * Per address and link. Only a first line against floods: the passcode throttle itself is per link and kept
 * in the database, whatever the addresses (see link-access.service.ts).
 */
const perLink = (max: number) => ({ max, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `${req.ip}|${String((req.params as { token?: unknown }).token ?? '')}` });
const FORM_BODY_LIMIT = 16 * 1024;

/** A 429 from the passcode throttle says when to come back, in seconds. */
async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError && err.code === 'too_many_attempts') reply.header('retry-after', String(err.details?.retryAfterSeconds ?? 60));
    throw err;
  }
}

/** The share link's JSON API (for other clients) and its server-rendered page. No login: the token and the passcode are the key. */
export function registerPartnerPublicRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['partners'];
  const publicErrors = { 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema, 410: ErrorSchema, 429: ErrorSchema };
  app.post(
    '/api/v1/public/partner-reports/:token/unlock',
    {
      config: { auth: false, rateLimit: perLink(60) },
      schema: {
        tags,
        description: `401 wrong_passcode; 429 too_many_attempts (with Retry-After) after 10 wrong passcodes on the link within 15 minutes; 410 link_expired; 404 unknown or revoked. Sets an HttpOnly cookie for this link only, valid 30 minutes`,
        params: PartnerTokenParamsSchema,
        body: UnlockSchema,
        response: { 200: UnlockedSchema, ...publicErrors },
      },
    },
    async (req, reply) => {
      const unlocked = await withRetryAfter(reply, () => unlockLink(ctx, req.params.token, req.body.passcode, req.ip));
      setAccessCookies(req, reply, req.params.token, unlocked.accessToken, unlocked.expiresAt, ctx.clock.now());
      return { accessToken: unlocked.accessToken, expiresAt: unlocked.expiresAt.toISOString() };
    },
  );
  app.get(
    '/api/v1/public/partner-reports/:token',
    {
      config: { auth: false, rateLimit: perLink(120) },
      schema: { tags, description: 'the report, once unlocked (401 locked before)', params: PartnerTokenParamsSchema, querystring: ReportQuerySchema, response: { 200: PartnerReportSchema, ...publicErrors } },
    },
    (req) => readLinkReport(ctx, req.params.token, accessTokenOf(req), Number(req.query.days), req.ip),
  );
  app.get(
    '/api/v1/public/partner-reports/:token/ideas',
    { config: { auth: false, rateLimit: perLink(120) }, schema: { tags, description: 'the partner’s own ideas, once unlocked', params: PartnerTokenParamsSchema, response: { 200: PartnerIdeaListSchema, ...publicErrors } } },
    async (req) => ({ items: await listLinkIdeas(ctx, req.params.token, accessTokenOf(req)) }),
  );
  app.post(
    '/api/v1/public/partner-reports/:token/ideas',
    {
      config: { auth: false, rateLimit: perLink(20) },
      schema: { tags, description: 'files an idea from the partner, once unlocked', params: PartnerTokenParamsSchema, body: PartnerIdeaInputSchema, response: { 201: PartnerIdeaSchema, ...publicErrors } },
    },
    async (req, reply) => reply.status(201).send(await fileLinkIdea(ctx, req.params.token, accessTokenOf(req), req.body)),
  );
  app.get(
    '/api/v1/public/partner-reports/:token/replies',
    { config: { auth: false, rateLimit: perLink(120) }, schema: { tags, description: 'the partner’s replies, once unlocked', params: PartnerTokenParamsSchema, response: { 200: PartnerReplyListSchema, ...publicErrors } } },
    async (req) => ({ items: await listLinkReplies(ctx, req.params.token, accessTokenOf(req)) }),
  );
  app.post(
    '/api/v1/public/partner-reports/:token/replies',
    {
      config: { auth: false, rateLimit: perLink(20) },
      schema: { tags, description: 'answers the report (what the partner will change), once unlocked', params: PartnerTokenParamsSchema, body: PartnerReplyInputSchema, response: { 201: PartnerReplySchema, ...publicErrors } },
    },
    async (req, reply) => reply.status(201).send(await fileLinkReply(ctx, req.params.token, accessTokenOf(req), req.body)),
  );

  // The page and its form posts; the form parser lives in this scope only, so the API stays JSON.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_req, body, done) =>
      done(null, querystring.parse(body as string)),
    );
    scope.get('/partner/:token', { config: { auth: false, rateLimit: perLink(120) }, schema: { hide: true } }, (req, reply) => showPartnerPage(ctx, req, reply));
    scope.post('/partner/:token', { config: { auth: false, rateLimit: perLink(60) }, schema: { hide: true } }, (req, reply) => unlockPartnerPage(ctx, req, reply));
    scope.post('/partner/:token/ideas', { config: { auth: false, rateLimit: perLink(20) }, schema: { hide: true } }, (req, reply) => postPartnerIdea(ctx, req, reply));
    scope.post('/partner/:token/replies', { config: { auth: false, rateLimit: perLink(20) }, schema: { hide: true } }, (req, reply) => postPartnerReply(ctx, req, reply));
  });
}
