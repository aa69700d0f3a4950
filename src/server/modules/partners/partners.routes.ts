import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ErrorSchema, IdParamsSchema } from '../../../contracts/common.ts';
import {
  CreatedShareLinkSchema,
  CreatePartnerSchema,
  CreateShareLinkSchema,
  PartnerIdeaInputSchema,
  PartnerIdeaListSchema,
  PartnerIdeaSchema,
  PartnerListSchema,
  PartnerReportSchema,
  PartnerSchema,
  ReportQuerySchema,
  ShareLinkListSchema,
  ShareLinkParamsSchema,
  UpdatePartnerSchema,
} from '../../../contracts/partners.ts';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { fileAccountIdea, listAccountIdeas } from './partner-ideas.service.ts';
import { createPartner, getPartner, listPartners, previewPartnerReport, readOwnPartnerReport, updatePartner } from './partners.service.ts';
import { createShareLink, listShareLinks, revokeShareLink } from './share-links.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const writeErrors = { ...errors, 409: ErrorSchema };
const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/** The organisation's side (partners, share links, report previews) and a partner key's or login's own report and ideas. */
export function registerPartnerRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['partners'];
  app.get('/api/v1/partners', { schema: { tags, response: { 200: PartnerListSchema, ...errors } } }, async (req) => ({ items: await listPartners(ctx, actorOf(req)) }));
  app.post('/api/v1/partners', { schema: { tags, body: CreatePartnerSchema, response: { 201: PartnerSchema, ...writeErrors } } }, async (req, reply) =>
    reply.status(201).send(await createPartner(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/partners/:id', { schema: { tags, params: IdParamsSchema, response: { 200: PartnerSchema, ...errors } } }, (req) => getPartner(ctx, actorOf(req), req.params.id));
  app.patch('/api/v1/partners/:id', { schema: { tags, params: IdParamsSchema, body: UpdatePartnerSchema, response: { 200: PartnerSchema, ...writeErrors } } }, (req) =>
    updatePartner(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/partners/:id/report',
    { schema: { tags, description: 'the report exactly as the partner sees it', params: IdParamsSchema, querystring: ReportQuerySchema, response: { 200: PartnerReportSchema, ...errors } } },
    (req) => previewPartnerReport(ctx, actorOf(req), req.params.id, Number(req.query.days)),
  );
  app.get('/api/v1/partners/:id/share-links', { schema: { tags, params: IdParamsSchema, response: { 200: ShareLinkListSchema, ...errors } } }, async (req) => ({
    items: await listShareLinks(ctx, actorOf(req), req.params.id),
  }));
  app.post(
    '/api/v1/partners/:id/share-links',
    {
      schema: {
        tags,
        description: 'a passcode link to the partner’s report; the token is shown once. 400 passcode_too_short, expiry_in_past, expiry_too_far',
        params: IdParamsSchema,
        body: CreateShareLinkSchema,
        response: { 201: CreatedShareLinkSchema, ...writeErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await createShareLink(ctx, actorOf(req), req.params.id, req.body, origin(req))),
  );
  app.delete(
    '/api/v1/partners/:id/share-links/:linkId',
    { schema: { tags, description: 'revokes the link: its address answers 404 from now on', params: ShareLinkParamsSchema, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await revokeShareLink(ctx, actorOf(req), req.params.id, req.params.linkId);
      return reply.status(204).send(null);
    },
  );

  // The only routes a partner key or partner login reaches (`config.partner`); everything else answers it 403.
  const partnerOnly = { partner: true as const };
  app.get(
    '/api/v1/partner-report',
    { config: partnerOnly, schema: { tags, description: 'a partner key or partner login: its partner’s report (403 for a partner login bound to no partner)', querystring: ReportQuerySchema, response: { 200: PartnerReportSchema, ...errors } } },
    (req) => readOwnPartnerReport(ctx, actorOf(req), Number(req.query.days)),
  );
  app.get('/api/v1/partner-report/ideas', { config: partnerOnly, schema: { tags, response: { 200: PartnerIdeaListSchema, ...errors } } }, async (req) => ({
    items: await listAccountIdeas(ctx, actorOf(req)),
  }));
  app.post(
    '/api/v1/partner-report/ideas',
    { config: partnerOnly, schema: { tags, description: 'files an idea on the organisation’s idea board, marked as the partner’s', body: PartnerIdeaInputSchema, response: { 201: PartnerIdeaSchema, ...writeErrors } } },
    async (req, reply) => reply.status(201).send(await fileAccountIdea(ctx, actorOf(req), req.body)),
  );
}
