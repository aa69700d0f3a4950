import querystring from 'node:querystring';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AUDIT_LIMITS,
  AttachmentParamsSchema,
  AttachmentQuerySchema,
  AttachmentSchema,
  AuditComparisonSchema,
  AuditItemParamsSchema,
  AuditListQuerySchema,
  AuditListSchema,
  AuditParamsSchema,
  AuditSchema,
  AuditTemplateListSchema,
  CompleteAuditSchema,
  CreateAuditSchema,
  MysteryResultsQuerySchema,
  MysteryResultsSchema,
  ShopperLinkRequestSchema,
  ShopperLinkSchema,
  UpdateAuditItemSchema,
} from '../../../contracts/audit.ts';
import { ErrorSchema, ListQuerySchema } from '../../../contracts/common.ts';
import { IdempotencyHeadersSchema } from '../../../contracts/responses.ts';
import type { AppContext } from '../../platform/context.ts';
import { CREATE_ONCE_DOC } from '../../platform/create-once.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { addAttachment, contentDisposition, deleteAttachment, readAttachment } from './attachments.service.ts';
import { completeAudit, createAudit, getAudit, listAudits, updateAuditItem } from './audits.service.ts';
import { compareAudit } from './compare.service.ts';
import { makeGapImprovement } from './gaps.service.ts';
import { showVisitPage, showVisitThanks, submitVisitPage } from './public-page.ts';
import { mysteryResults } from './results.service.ts';
import { issueShopperLink } from './shopper.service.ts';
import { listAuditTemplates } from './templates.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const writeErrors = { ...errors, 409: ErrorSchema };
const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;
/** Per address and link: a shopper switching language and fixing a missed score stays well inside it. */
const perLink = (max: number) => ({ max, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `${req.ip}|${String((req.params as { token?: unknown }).token ?? '')}` });
/** Twenty items with long notes fit comfortably. */
const FORM_BODY_LIMIT = 128 * 1024;

/** Experience audits, mystery-shopping visits, their evidence files, and the shopper's one-time page. */
export function registerAuditRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['audit'];
  app.get('/api/v1/audit-templates', { schema: { tags, response: { 200: AuditTemplateListSchema, ...errors } } }, (req) => listAuditTemplates(actorOf(req)));
  app.get(
    '/api/v1/audits',
    {
      schema: {
        tags,
        description: 'newest first (by when completed, else when planned), a page at a time: `limit` (default 50, max 500) and `cursor` from `nextCursor`',
        querystring: z.object({ ...ListQuerySchema.shape, ...AuditListQuerySchema.shape }),
        response: { 200: AuditListSchema, ...errors },
      },
    },
    (req) => listAudits(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/audits',
    {
      schema: {
        tags,
        description: `plans an audit or a mystery-shopping visit (kind from the template); with baselineAuditId a re-audit on a copy of the baseline’s checklist. ${CREATE_ONCE_DOC}`,
        headers: IdempotencyHeadersSchema,
        body: CreateAuditSchema,
        response: { 201: AuditSchema, 422: ErrorSchema, ...writeErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await createAudit(ctx, actorOf(req), req.body, req.headers['idempotency-key'])),
  );
  app.get('/api/v1/audits/:id', { schema: { tags, params: AuditParamsSchema, response: { 200: AuditSchema, ...errors } } }, (req) => getAudit(ctx, actorOf(req), req.params.id));
  app.patch(
    '/api/v1/audits/:id/items/:key',
    { schema: { tags, description: 'score 0–4, evidence (text and links), owner and due date of a gap; 409 audit_completed', params: AuditItemParamsSchema, body: UpdateAuditItemSchema, response: { 200: AuditSchema, ...writeErrors } } },
    (req) => updateAuditItem(ctx, actorOf(req), req.params.id, req.params.key, req.body),
  );
  app.post(
    '/api/v1/audits/:id/complete',
    { schema: { tags, description: 'locks the audit and fixes its score; 409 items_unscored, gaps_unassigned (experience audits: every gap needs an owner and a due date)', params: AuditParamsSchema, body: CompleteAuditSchema, response: { 200: AuditSchema, ...writeErrors } } },
    (req) => completeAudit(ctx, actorOf(req), req.params.id, req.body ?? {}),
  );
  app.get('/api/v1/audits/:id/compare', { schema: { tags, description: 'item by item against the baseline, and each area’s maturity', params: AuditParamsSchema, response: { 200: AuditComparisonSchema, ...errors } } }, (req) =>
    compareAudit(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/audits/:id/items/:key/improvement',
    { schema: { tags, description: 'turns a gap (score ≤ 2) into an improvement project led by its owner; 409 not_a_gap, already_linked', params: AuditItemParamsSchema, response: { 200: AuditSchema, ...writeErrors } } },
    (req) => makeGapImprovement(ctx, actorOf(req), req.params.id, req.params.key),
  );
  app.post(
    '/api/v1/audits/:id/shopper-link',
    { schema: { tags, description: 'a one-time link for an external shopper (no account); a fresh link replaces the earlier one', params: AuditParamsSchema, body: ShopperLinkRequestSchema, response: { 201: ShopperLinkSchema, ...writeErrors } } },
    async (req, reply) => reply.status(201).send(await issueShopperLink(ctx, actorOf(req), req.params.id, req.body?.expiresInDays ?? AUDIT_LIMITS.defaultLinkDays, origin(req))),
  );
  app.get(
    '/api/v1/mystery-shopping/results',
    { schema: { tags, description: 'completed visits by unit and touchpoint, lowest average first', querystring: MysteryResultsQuerySchema, response: { 200: MysteryResultsSchema, ...errors } } },
    (req) => mysteryResults(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/audits/:id/attachments/:attachmentId',
    { schema: { tags, description: 'the file itself, as an attachment with its detected type', params: AttachmentParamsSchema, response: { 200: z.any().meta({ description: 'PNG, JPEG, WebP or PDF bytes' }), ...errors } } },
    async (req, reply) => {
      const file = await readAttachment(ctx, actorOf(req), req.params.id, req.params.attachmentId);
      return reply
        .type(file.contentType)
        .header('content-disposition', contentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(file.content);
    },
  );
  app.delete('/api/v1/audits/:id/attachments/:attachmentId', { schema: { tags, params: AttachmentParamsSchema, response: { 204: z.null(), ...writeErrors } } }, async (req, reply) => {
    await deleteAttachment(ctx, actorOf(req), req.params.id, req.params.attachmentId);
    return reply.status(204).send(null);
  });

  // The upload takes the raw bytes (any declared type: the first bytes decide) with its own 5 MB limit; the JSON API keeps 1 MB.
  void app.register(async (scope) => {
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: AUDIT_LIMITS.maxAttachmentBytes }, (_req, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/audits/:id/items/:key/attachments',
      {
        bodyLimit: AUDIT_LIMITS.maxAttachmentBytes,
        schema: {
          tags,
          description: 'the file’s bytes as the body (application/octet-stream), its name in ?fileName=; PNG, JPEG, WebP or PDF by content, at most 5 MB (413), 10 per item; 415 unsupported_file_type',
          params: AuditItemParamsSchema,
          querystring: AttachmentQuerySchema,
          response: { 201: AttachmentSchema, ...writeErrors, 413: ErrorSchema, 415: ErrorSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await addAttachment(ctx, actorOf(req), req.params.id, req.params.key, req.body, req.query.fileName)),
    );
  });

  // The shopper's page and its form posts; the form parser lives in this scope only.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_req, body, done) => done(null, querystring.parse(body as string)));
    const page = { config: { auth: false as const, rateLimit: perLink(60) }, schema: { hide: true } };
    scope.get('/ms/:token', page, (req, reply) => showVisitPage(ctx, req, reply));
    scope.post('/ms/:token', { config: { auth: false as const, rateLimit: perLink(30) }, schema: { hide: true } }, (req, reply) => submitVisitPage(ctx, req, reply));
    scope.get('/ms/:token/thanks', page, (req, reply) => showVisitThanks(ctx, req, reply));
  });
}
