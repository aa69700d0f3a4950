import { z } from 'zod';
import { ErrorSchema, IdParamsSchema, ListQuerySchema, pageOf } from '../../../contracts/common.ts';
import {
  CoverageQuerySchema,
  CoverageSchema,
  CreateRotationSchema,
  CreateSessionSchema,
  LogSessionSchema,
  MyListeningDueSchema,
  RotationSchema,
  SessionListQuerySchema,
  SessionSchema,
  UpdateRotationSchema,
  UpdateSessionSchema,
} from '../../../contracts/governance.ts';
import { IdempotencyHeadersSchema } from '../../../contracts/responses.ts';
import type { AppContext } from '../../platform/context.ts';
import { CREATE_ONCE_DOC } from '../../platform/create-once.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { listeningCoverage } from './coverage.service.ts';
import { createRotation, deleteRotation, listRotations, updateRotation } from './rotation.service.ts';
import { createSession, listSessions, logSession, myListeningDue, updateSession } from './sessions.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const writeErrors = { ...errors, 409: ErrorSchema };

/** Executive listening: the rotation plan, sessions and their logs, coverage, and my overdue ones. */
export function registerListeningRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['governance'];
  app.get('/api/v1/listening/rotation', { schema: { tags, response: { 200: z.object({ items: z.array(RotationSchema) }), ...errors } } }, (req) => listRotations(ctx, actorOf(req)));
  app.post('/api/v1/listening/rotation', { schema: { tags, body: CreateRotationSchema, response: { 201: RotationSchema, ...writeErrors } } }, async (req, reply) =>
    reply.status(201).send(await createRotation(ctx, actorOf(req), req.body)),
  );
  app.patch('/api/v1/listening/rotation/:id', { schema: { tags, params: IdParamsSchema, body: UpdateRotationSchema, response: { 200: RotationSchema, ...writeErrors } } }, (req) =>
    updateRotation(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/listening/rotation/:id', { schema: { tags, params: IdParamsSchema, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await deleteRotation(ctx, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.get(
    '/api/v1/listening-sessions',
    {
      schema: {
        tags,
        description: 'newest first (by when held, else when scheduled), a page at a time: `limit` (default 50, max 500) and `cursor` from `nextCursor`',
        querystring: z.object({ ...ListQuerySchema.shape, ...SessionListQuerySchema.shape }),
        response: { 200: pageOf(SessionSchema), ...errors },
      },
    },
    (req) => listSessions(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/listening-sessions',
    { schema: { tags, description: CREATE_ONCE_DOC, headers: IdempotencyHeadersSchema, body: CreateSessionSchema, response: { 201: SessionSchema, 422: ErrorSchema, ...writeErrors } } },
    async (req, reply) => reply.status(201).send(await createSession(ctx, actorOf(req), req.body, req.headers['idempotency-key'])),
  );
  app.patch('/api/v1/listening-sessions/:id', { schema: { tags, params: IdParamsSchema, body: UpdateSessionSchema, response: { 200: SessionSchema, ...writeErrors } } }, (req) =>
    updateSession(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/listening-sessions/:id/log',
    { schema: { tags, description: 'what was learnt and the ideas, improvement projects and cases it led to; replaces an earlier log', params: IdParamsSchema, body: LogSessionSchema, response: { 200: SessionSchema, ...writeErrors } } },
    (req) => logSession(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/listening/coverage',
    { schema: { tags, description: 'sessions per person who should listen (committee, rotation, managers), per quarter, with overdue flags; `to` is exclusive', querystring: CoverageQuerySchema, response: { 200: CoverageSchema, ...errors } } },
    (req) => listeningCoverage(ctx, actorOf(req), req.query),
  );
  app.get('/api/v1/listening/my-due', { schema: { tags, description: 'my planned sessions past their time and my rotation entries past due', response: { 200: MyListeningDueSchema, ...errors } } }, (req) =>
    myListeningDue(ctx, actorOf(req)),
  );
}
