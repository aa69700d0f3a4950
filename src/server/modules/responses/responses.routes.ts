import { z } from 'zod';
import { ErrorSchema, IdParamsSchema, ListQuerySchema, pageOf } from '../../../contracts/common.ts';
import {
  BatchRequestSchema,
  BatchResultSchema,
  CreatedResponseSchema,
  IdempotencyKeySchema,
  PartialSavedSchema,
  PublicResponseInputSchema,
  ResponseDetailSchema,
  ResponseInputSchema,
  ResponseListQuerySchema,
  ResponseSchema,
  TokenParamsSchema,
} from '../../../contracts/responses.ts';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { ingestBatch } from './batch.service.ts';
import { registerDraftCompletion } from './drafts.service.ts';
import { registerDropOffRoute } from './drop-off.service.ts';
import { ingestResponse } from './ingest.service.ts';
import { PUBLIC_SUBMIT_LIMIT, registerPublicFormRoutes } from './public.routes.ts';
import { submitPublicResponse } from './public.service.ts';
import { registerResponseImporter } from './responses.import.ts';
import { getResponse, listResponses } from './responses.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
// Loose: the other headers (authorization, content-type) must stay on the request.
const IdempotencyHeadersSchema = z.looseObject({ 'idempotency-key': IdempotencyKeySchema });

/** Ingestion (single with Idempotency-Key, batch, public link, the public form, CSV import) and the responses list and detail. */
export function registerResponseRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['responses'];
  app.post(
    '/api/v1/responses',
    {
      schema: {
        tags,
        description: '201 with the new id; 200 with the first id when the Idempotency-Key and payload repeat; 422 idempotency_conflict when the key was used with another payload',
        headers: IdempotencyHeadersSchema,
        body: ResponseInputSchema,
        response: { 200: CreatedResponseSchema, 201: CreatedResponseSchema, ...errors, 422: ErrorSchema },
      },
    },
    async (req, reply) => {
      const result = await ingestResponse(ctx, actorOf(req), req.body, req.headers['idempotency-key']);
      return reply.status(result.isNew ? 201 : 200).send({ id: result.id });
    },
  );
  app.post(
    '/api/v1/responses/batch',
    { schema: { tags, headers: IdempotencyHeadersSchema, body: BatchRequestSchema, response: { 200: BatchResultSchema, ...errors } } },
    (req) => ingestBatch(ctx, actorOf(req), req.body.items, req.headers['idempotency-key'], req.body.runRules),
  );
  app.get(
    '/api/v1/responses',
    {
      schema: {
        tags,
        querystring: z.object({ ...ListQuerySchema.shape, ...ResponseListQuerySchema.shape }),
        response: { 200: pageOf(ResponseSchema), ...errors },
      },
    },
    (req) => listResponses(ctx, actorOf(req), req.query),
  );
  app.get('/api/v1/responses/:id', { schema: { tags, params: IdParamsSchema, response: { 200: ResponseDetailSchema, ...errors } } }, (req) =>
    getResponse(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/public/responses/:token',
    {
      config: { auth: false, rateLimit: PUBLIC_SUBMIT_LIMIT },
      schema: {
        tags,
        description:
          'a respondent answers through a link, no login; with partial: true the answers are saved (202) and a later submit without it completes the same response (same id); 409 already_answered on a personal link answered before; 410 when expired or closed',
        params: TokenParamsSchema,
        body: PublicResponseInputSchema,
        response: { 201: CreatedResponseSchema, 202: PartialSavedSchema, ...errors, 409: ErrorSchema, 410: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (req, reply) => {
      const { isPartial, ...saved } = await submitPublicResponse(ctx, req.params.token, req.body);
      return isPartial ? reply.status(202).send(saved) : reply.status(201).send({ id: saved.id });
    },
  );
  registerDraftCompletion(ctx);
  registerDropOffRoute(app, ctx);
  registerPublicFormRoutes(app, ctx);
  registerResponseImporter();
}
