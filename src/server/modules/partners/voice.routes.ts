import { z } from 'zod';
import { ErrorSchema, IdParamsSchema } from '../../../contracts/common.ts';
import {
  CreatedPartnerRuleSchema,
  PartnerFitInputSchema,
  PartnerFitListSchema,
  PartnerFitSchema,
  PartnerReplyInputSchema,
  PartnerReplyListSchema,
  PartnerReplySchema,
  PartnerRuleInputSchema,
  PartnerRuleListSchema,
  PartnerRuleParamsSchema,
} from '../../../contracts/partners.ts';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { listPartnerFit, reviewPartnerFit } from './fit.service.ts';
import { fileAccountReply, listAccountReplies, listPartnerReplies } from './replies.service.ts';
import { createPartnerRule, deletePartnerRule, listPartnerRules } from './rules.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const writeErrors = { ...errors, 409: ErrorSchema };

/** Attribution rules, the partner's replies to its report periods, and CX-fit reviews. */
export function registerPartnerVoiceRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['partners'];
  app.get('/api/v1/partners/:id/rules', { schema: { tags, params: IdParamsSchema, response: { 200: PartnerRuleListSchema, ...errors } } }, async (req) => ({
    items: await listPartnerRules(ctx, actorOf(req), req.params.id),
  }));
  app.post(
    '/api/v1/partners/:id/rules',
    {
      schema: {
        tags,
        description: '"touchpoint X (at unit Y) belongs to this partner": interactions and responses naming no partner take the most specific matching rule’s. 409 partner_rule_taken',
        params: IdParamsSchema,
        body: PartnerRuleInputSchema,
        response: { 201: CreatedPartnerRuleSchema, ...writeErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await createPartnerRule(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/partners/:id/rules/:ruleId',
    { schema: { tags, description: 'records already attributed keep their partner', params: PartnerRuleParamsSchema, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await deletePartnerRule(ctx, actorOf(req), req.params.id, req.params.ruleId);
      return reply.status(204).send(null);
    },
  );
  app.get('/api/v1/partners/:id/replies', { schema: { tags, description: 'what the partner said it will change, newest first', params: IdParamsSchema, response: { 200: PartnerReplyListSchema, ...errors } } }, async (req) => ({
    items: await listPartnerReplies(ctx, actorOf(req), req.params.id),
  }));
  app.get('/api/v1/partners/:id/fit', { schema: { tags, description: 'CX-fit reviews, newest first', params: IdParamsSchema, response: { 200: PartnerFitListSchema, ...errors } } }, async (req) => ({
    items: await listPartnerFit(ctx, actorOf(req), req.params.id),
  }));
  app.post(
    '/api/v1/partners/:id/fit',
    { schema: { tags, description: 'a CX-fit review: five statements scored 1–5', params: IdParamsSchema, body: PartnerFitInputSchema, response: { 201: PartnerFitSchema, ...writeErrors } } },
    async (req, reply) => reply.status(201).send(await reviewPartnerFit(ctx, actorOf(req), req.params.id, req.body)),
  );

  // A partner key's or partner login's side (its share link's is in public.routes.ts).
  const partnerOnly = { partner: true as const };
  app.get('/api/v1/partner-report/replies', { config: partnerOnly, schema: { tags, response: { 200: PartnerReplyListSchema, ...errors } } }, async (req) => ({
    items: await listAccountReplies(ctx, actorOf(req)),
  }));
  app.post(
    '/api/v1/partner-report/replies',
    { config: partnerOnly, schema: { tags, description: 'a partner key or partner login answers its report: what it will change', body: PartnerReplyInputSchema, response: { 201: PartnerReplySchema, ...writeErrors } } },
    async (req, reply) => reply.status(201).send(await fileAccountReply(ctx, actorOf(req), req.body)),
  );
}
