import { z } from 'zod';
import { ErrorSchema, IdParamsSchema, ListQuerySchema, pageOf } from '../../../contracts/common.ts';
import {
  CreatedWebhookSchema,
  CreateWebhookSchema,
  UpdateWebhookSchema,
  WebhookDeliverySchema,
  WebhookSchema,
  WebhookTestResultSchema,
} from '../../../contracts/webhooks.ts';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, sendTestWebhook, updateWebhook } from './webhooks.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

/** Admin API for webhook endpoints, their delivery log and test messages. */
export function registerWebhookRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['webhooks'];
  app.get('/api/v1/webhooks', { schema: { tags, response: { 200: z.object({ items: z.array(WebhookSchema) }), ...errors } } }, (req) => listWebhooks(ctx, actorOf(req)));
  app.post(
    '/api/v1/webhooks',
    {
      schema: {
        tags,
        description: 'registers an endpoint; the answer carries the signing secret (whsec_…), shown this once. Requests are signed in the Standard Webhooks manner (webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">)',
        body: CreateWebhookSchema,
        response: { 201: CreatedWebhookSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createWebhook(ctx, actorOf(req), req.body)),
  );
  app.patch('/api/v1/webhooks/:id', { schema: { tags, params: IdParamsSchema, body: UpdateWebhookSchema, response: { 200: WebhookSchema, ...errors } } }, (req) =>
    updateWebhook(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/webhooks/:id', { schema: { tags, params: IdParamsSchema, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await deleteWebhook(ctx, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });
  app.get(
    '/api/v1/webhooks/:id/deliveries',
    { schema: { tags, params: IdParamsSchema, querystring: ListQuerySchema, response: { 200: pageOf(WebhookDeliverySchema), ...errors } } },
    (req) => listDeliveries(ctx, actorOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/v1/webhooks/:id/test',
    { schema: { tags, description: 'queues a webhook.test message to this endpoint', params: IdParamsSchema, response: { 202: WebhookTestResultSchema, ...errors } } },
    async (req, reply) => reply.status(202).send(await sendTestWebhook(ctx, actorOf(req), req.params.id)),
  );
}
