import { z } from 'zod';
import { ErrorSchema, IdParamsSchema, ListQuerySchema, pageOf } from '../../../contracts/common.ts';
import {
  ColleagueQuerySchema,
  ColleagueSchema,
  CreateHardFlagSchema,
  CreateSupportRequestSchema,
  HardFlagParamsSchema,
  HardFlagSchema,
  SupportRequestSchema,
  SupportSummarySchema,
  UpdateSupportRequestSchema,
} from '../../../contracts/support.ts';
import { IdempotencyHeadersSchema } from '../../../contracts/responses.ts';
import type { AppContext } from '../../platform/context.ts';
import { CREATE_ONCE_DOC } from '../../platform/create-once.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { listColleagues } from './colleagues.service.ts';
import { flagHardCase, listMyHardFlags, withdrawHardFlag } from './hard-flags.service.ts';
import { createSupportRequest, deleteSupportRequest, getSupportRequest, listSupportRequests, updateSupportRequest } from './support-requests.service.ts';
import { getSupportSummary } from './support-summary.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const writeErrors = { ...errors, 409: ErrorSchema, 422: ErrorSchema };
const PERSONAL = 'personal: only the requester and the chosen supporter, signed in as themselves, can read it (404 to anyone else; 403 personal_only for API keys)';

/** Care after hard cases: support requests, hard-case flags, the managers' summary, and the colleague picker. */
export function registerSupportRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['care'];
  app.post(
    '/api/v1/support-requests',
    {
      schema: {
        tags,
        description: `ask a colleague or manager for a talk, a break or counselling; ${PERSONAL}. ${CREATE_ONCE_DOC}`,
        headers: IdempotencyHeadersSchema,
        body: CreateSupportRequestSchema,
        response: { 201: SupportRequestSchema, ...writeErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await createSupportRequest(ctx, actorOf(req), req.body, req.headers['idempotency-key'])),
  );
  app.get(
    '/api/v1/support-requests',
    {
      schema: {
        tags,
        description: 'my requests, as requester or supporter, newest first, a page at a time: `limit` (default 50, max 500) and `cursor` from `nextCursor`',
        querystring: ListQuerySchema,
        response: { 200: pageOf(SupportRequestSchema), ...errors },
      },
    },
    (req) => listSupportRequests(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/support-requests/summary',
    { schema: { tags, description: 'managers: support requests per unit where at least minGroupSize (else suppressed), and open case load weighted by difficulty', response: { 200: SupportSummarySchema, ...errors } } },
    (req) => getSupportSummary(ctx, actorOf(req)),
  );
  app.get('/api/v1/support-requests/:id', { schema: { tags, description: PERSONAL, params: IdParamsSchema, response: { 200: SupportRequestSchema, ...errors } } }, (req) =>
    getSupportRequest(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/support-requests/:id',
    { schema: { tags, params: IdParamsSchema, body: UpdateSupportRequestSchema, response: { 200: SupportRequestSchema, ...writeErrors } } },
    (req) => updateSupportRequest(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/support-requests/:id', { schema: { tags, description: 'the requester withdraws (deletes) it', params: IdParamsSchema, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await deleteSupportRequest(ctx, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.post(
    '/api/v1/hard-flags',
    { schema: { tags, description: 'flag a case you took part in as hard; seen by you alone', body: CreateHardFlagSchema, response: { 201: HardFlagSchema, ...writeErrors } } },
    async (req, reply) => reply.status(201).send(await flagHardCase(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/hard-flags', { schema: { tags, description: 'my hard-case flags', response: { 200: z.object({ items: z.array(HardFlagSchema) }), ...errors } } }, (req) =>
    listMyHardFlags(ctx, actorOf(req)),
  );
  app.delete('/api/v1/hard-flags/:caseId', { schema: { tags, params: HardFlagParamsSchema, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await withdrawHardFlag(ctx, actorOf(req), req.params.caseId);
    return reply.status(204).send(null);
  });

  app.get(
    '/api/v1/colleagues',
    { schema: { tags, description: 'people to hand a case to or ask for support: my manager and unit, or anyone by name (q)', querystring: ColleagueQuerySchema, response: { 200: z.object({ items: z.array(ColleagueSchema) }), ...errors } } },
    (req) => listColleagues(ctx, actorOf(req), req.query.q),
  );
}
