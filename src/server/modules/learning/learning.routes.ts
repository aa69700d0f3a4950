import { z } from 'zod';
import { ErrorSchema, IdParamsSchema } from '../../../contracts/common.ts';
import {
  AssignmentQuerySchema,
  AssignmentSchema,
  CompletionPageSchema,
  CompletionQuerySchema,
  CompletionSchema,
  ConfirmCompletionSchema,
  CoverageQuerySchema,
  CoverageSchema,
  CreateAssignmentSchema,
  CreateCompletionSchema,
  CreateLearningItemSchema,
  LearningItemQuerySchema,
  LearningItemSchema,
  MyLearningSchema,
  UpdateLearningItemSchema,
} from '../../../contracts/learning.ts';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { createAssignment, deleteAssignment, listAssignments } from './assignments.service.ts';
import { confirmCompletion, listCompletions, recordCompletion } from './completions.service.ts';
import { getCoverage } from './coverage.service.ts';
import { createLearningItem, getLearningItem, listLearningItems, updateLearningItem } from './items.service.ts';
import { getMyLearning } from './my-learning.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const writeErrors = { ...errors, 409: ErrorSchema };

/** Capability building: the catalogue, assignments, completions, my learning and coverage per unit. */
export function registerLearningRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['learning'];
  app.get(
    '/api/v1/learning/items',
    { schema: { tags, description: 'the catalogue by layer (all staff, specialists, managers); retired items only for admins asking includeInactive', querystring: LearningItemQuerySchema, response: { 200: z.object({ items: z.array(LearningItemSchema) }), ...errors } } },
    (req) => listLearningItems(ctx, actorOf(req), req.query),
  );
  app.post('/api/v1/learning/items', { schema: { tags, description: 'admins: adds an item to the catalogue', body: CreateLearningItemSchema, response: { 201: LearningItemSchema, ...writeErrors } } }, async (req, reply) =>
    reply.status(201).send(await createLearningItem(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/learning/items/:id', { schema: { tags, params: IdParamsSchema, response: { 200: LearningItemSchema, ...errors } } }, (req) => getLearningItem(ctx, actorOf(req), req.params.id));
  app.patch(
    '/api/v1/learning/items/:id',
    { schema: { tags, description: 'admins: changes the fields sent; active: false retires the item', params: IdParamsSchema, body: UpdateLearningItemSchema, response: { 200: LearningItemSchema, ...writeErrors } } },
    (req) => updateLearningItem(ctx, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/learning/assignments',
    { schema: { tags, description: 'admins and managers: assignments reaching their scope, with today’s head counts', querystring: AssignmentQuerySchema, response: { 200: z.object({ items: z.array(AssignmentSchema) }), ...errors } } },
    (req) => listAssignments(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/learning/assignments',
    { schema: { tags, description: 'assigns an item to a position, a unit and below, both, or one person (409 already_assigned, item_retired)', body: CreateAssignmentSchema, response: { 201: AssignmentSchema, ...writeErrors } } },
    async (req, reply) => reply.status(201).send(await createAssignment(ctx, actorOf(req), req.body)),
  );
  app.delete('/api/v1/learning/assignments/:id', { schema: { tags, description: 'withdraws an assignment; completions stay', params: IdParamsSchema, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await deleteAssignment(ctx, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.get(
    '/api/v1/learning/completions',
    { schema: { tags, description: 'completions of the people in your scope and of the items you train, newest first', querystring: CompletionQuerySchema, response: { 200: CompletionPageSchema, ...errors } } },
    (req) => listCompletions(ctx, actorOf(req), req.query),
  );
  app.post('/api/v1/learning/completions', { schema: { tags, body: CreateCompletionSchema, response: { 201: CompletionSchema, ...writeErrors } } }, async (req, reply) =>
    reply.status(201).send(await recordCompletion(ctx, actorOf(req), req.body)),
  );
  app.post(
    '/api/v1/learning/completions/:id/confirm',
    { schema: { tags, description: 'the item’s trainer, a manager above the person or an admin confirms a declaration; never one’s own (403); 409 already_confirmed', params: IdParamsSchema, body: ConfirmCompletionSchema.optional(), response: { 200: CompletionSchema, ...writeErrors } } },
    (req) => confirmCompletion(ctx, actorOf(req), req.params.id, req.body?.note),
  );

  app.get('/api/v1/learning/me', { schema: { tags, description: 'my assigned items (joiners included) with their status, and what I completed unassigned', response: { 200: MyLearningSchema, ...errors } } }, (req) =>
    getMyLearning(ctx, actorOf(req)),
  );
  app.get(
    '/api/v1/learning/coverage',
    { schema: { tags, description: 'admins and managers: per unit of the view (each counting its subtree) assigned, completed and confirmed, overall and per layer', querystring: CoverageQuerySchema, response: { 200: CoverageSchema, ...errors } } },
    (req) => getCoverage(ctx, actorOf(req), req.query),
  );
}
