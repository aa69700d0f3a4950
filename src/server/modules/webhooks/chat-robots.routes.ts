import { z } from 'zod';
import { ChatRobotSchema, ChatRobotTestResultSchema, CreateChatRobotSchema, UpdateChatRobotSchema } from '../../../contracts/channels.ts';
import { ErrorSchema, IdParamsSchema, ListQuerySchema, pageOf } from '../../../contracts/common.ts';
import { WebhookDeliverySchema } from '../../../contracts/webhooks.ts';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { createChatRobot, deleteChatRobot, listChatRobotDeliveries, listChatRobots, sendChatRobotTest, updateChatRobot } from './chat-robots.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

/** Admin API for chat robots (WeCom, DingTalk, Feishu, Slack), their delivery log and test messages. */
export function registerChatRobotRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['chat robots'];
  app.get('/api/v1/chat-robots', { schema: { tags, response: { 200: z.object({ items: z.array(ChatRobotSchema) }), ...errors } } }, (req) => listChatRobots(ctx, actorOf(req)));
  app.post(
    '/api/v1/chat-robots',
    {
      schema: {
        tags,
        description: 'adds a group-chat robot; its URL and secret are write-only. DingTalk robots are signed with timestamp and sign query parameters, Feishu robots with timestamp and sign body fields, when a secret is given',
        body: CreateChatRobotSchema,
        response: { 201: ChatRobotSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createChatRobot(ctx, actorOf(req), req.body)),
  );
  app.patch('/api/v1/chat-robots/:id', { schema: { tags, params: IdParamsSchema, body: UpdateChatRobotSchema, response: { 200: ChatRobotSchema, ...errors } } }, (req) =>
    updateChatRobot(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/chat-robots/:id', { schema: { tags, params: IdParamsSchema, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await deleteChatRobot(ctx, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });
  app.get(
    '/api/v1/chat-robots/:id/deliveries',
    { schema: { tags, params: IdParamsSchema, querystring: ListQuerySchema, response: { 200: pageOf(WebhookDeliverySchema), ...errors } } },
    (req) => listChatRobotDeliveries(ctx, actorOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/v1/chat-robots/:id/test',
    { schema: { tags, description: 'queues a test message to this robot', params: IdParamsSchema, response: { 202: ChatRobotTestResultSchema, ...errors } } },
    async (req, reply) => reply.status(202).send(await sendChatRobotTest(ctx, actorOf(req), req.params.id)),
  );
}
