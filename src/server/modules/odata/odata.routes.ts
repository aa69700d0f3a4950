import { z } from 'zod';
import { CustomerMatchSchema, CustomerSearchQuerySchema } from '../../../contracts/cases.ts';
import { ErrorSchema, IdParamsSchema, ListQuerySchema, pageOf } from '../../../contracts/common.ts';
import {
  BatchBodySchema,
  BatchResultSchema,
  BehaviourEventInputSchema,
  CreatedIdSchema,
  CustomerInputSchema,
  CustomerListQuerySchema,
  CustomerSchema,
  EventBatchResultSchema,
  ImportParamsSchema,
  ImportQuerySchema,
  ImportResultSchema,
  InteractionInputSchema,
  InteractionListQuerySchema,
  InteractionSchema,
} from '../../../contracts/odata.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { createBehaviourEvent, createBehaviourEvents } from './behaviour-events.service.ts';
import { createCustomer, createCustomers, getCustomer, listCustomers } from './customers.service.ts';
import { searchCustomers } from './customers.search.ts';
import { importCsv } from './odata.import.ts';
import { createInteraction, createInteractions, getInteraction, listInteractions } from './interactions.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const MB = 1024 * 1024;

/** O-data routes, in their own plugin scope so the CSV body parser (up to 50 MB) applies to them alone. */
export function registerOdataRoutes(app: HttpApp, ctx: AppContext): void {
  void app.register(async (scope: HttpApp) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 50 * MB }, (_req, body, done) => done(null, body));
    registerCustomerRoutes(scope, ctx);
    registerInteractionRoutes(scope, ctx);
    registerImportRoutes(scope, ctx);
  });
}

function registerCustomerRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['operational data'];
  app.get(
    '/api/v1/customers',
    {
      schema: {
        tags,
        querystring: z.object({ ...ListQuerySchema.shape, ...CustomerListQuerySchema.shape }),
        response: { 200: pageOf(CustomerSchema), ...errors },
      },
    },
    (req) => listCustomers(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/customers',
    { schema: { tags, body: CustomerInputSchema, response: { 200: CustomerSchema, 201: CustomerSchema, ...errors } } },
    async (req, reply) => {
      const { customer, created } = await createCustomer(ctx, actorOf(req), req.body);
      return reply.status(created ? 201 : 200).send(customer);
    },
  );
  app.post(
    '/api/v1/customers/batch',
    { schema: { tags, body: BatchBodySchema('customers'), response: { 200: BatchResultSchema, ...errors } } },
    (req) => createCustomers(ctx, actorOf(req), req.body.items),
  );
  app.get(
    '/api/v1/customers/search',
    {
      schema: {
        tags,
        description: 'find a customer to capture a case for: by name or part of a phone within your scope, by whole phone number or external id anywhere; phones masked except for admins',
        querystring: CustomerSearchQuerySchema,
        response: { 200: z.object({ items: z.array(CustomerMatchSchema) }), ...errors },
      },
    },
    (req) => searchCustomers(ctx, actorOf(req), req.query.q),
  );
  app.get('/api/v1/customers/:id', { schema: { tags, params: IdParamsSchema, response: { 200: CustomerSchema, ...errors } } }, (req) =>
    getCustomer(ctx, actorOf(req), req.params.id),
  );
}

function registerInteractionRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['operational data'];
  app.get(
    '/api/v1/interactions',
    {
      schema: {
        tags,
        querystring: z.object({ ...ListQuerySchema.shape, ...InteractionListQuerySchema.shape }),
        response: { 200: pageOf(InteractionSchema), ...errors },
      },
    },
    (req) => listInteractions(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/interactions',
    { schema: { tags, body: InteractionInputSchema, response: { 200: InteractionSchema, 201: InteractionSchema, ...errors } } },
    async (req, reply) => {
      const { interaction, created } = await createInteraction(ctx, actorOf(req), req.body);
      return reply.status(created ? 201 : 200).send(interaction);
    },
  );
  app.post(
    '/api/v1/interactions/batch',
    { schema: { tags, body: BatchBodySchema('interactions'), response: { 200: BatchResultSchema, ...errors } } },
    (req) => createInteractions(ctx, actorOf(req), req.body.items),
  );
  app.get(
    '/api/v1/interactions/:id',
    { schema: { tags, params: IdParamsSchema, response: { 200: InteractionSchema, ...errors } } },
    (req) => getInteraction(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/behaviour-events',
    { schema: { tags, body: BehaviourEventInputSchema, response: { 201: CreatedIdSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await createBehaviourEvent(ctx, actorOf(req), req.body)),
  );
  app.post(
    '/api/v1/behaviour-events/batch',
    { schema: { tags, body: BatchBodySchema('behaviour events'), response: { 200: EventBatchResultSchema, ...errors } } },
    (req) => createBehaviourEvents(ctx, actorOf(req), req.body.items),
  );
}

function registerImportRoutes(app: HttpApp, ctx: AppContext): void {
  app.post(
    '/api/v1/imports/:kind',
    {
      schema: {
        tags: ['operational data'],
        description: 'CSV (UTF-8, header row) → {imported, duplicates, errors: [{row, error}]}; good rows are kept, bad rows reported',
        consumes: ['text/csv'],
        params: ImportParamsSchema,
        querystring: ImportQuerySchema,
        body: z.string(),
        response: { 200: ImportResultSchema, ...errors, 413: ErrorSchema, 415: ErrorSchema },
      },
      preValidation: async (req) => {
        if (!/^text\/csv\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
          throw new AppError(415, 'unsupported_media_type', 'send the CSV as text/csv (UTF-8, with a header row)');
        }
      },
    },
    (req) => importCsv(ctx, actorOf(req), req.params.kind, req.body, { runRules: req.query.runRules === 'true' }),
  );
}
