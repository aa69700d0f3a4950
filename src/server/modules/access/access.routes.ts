import { z } from 'zod';
import {
  ApiKeySchema,
  AuditEntrySchema,
  CreateApiKeySchema,
  CreatedApiKeySchema,
  CreateUserSchema,
  LoginSchema,
  SessionInfoSchema,
  UserSchema,
} from '../../../contracts/access.ts';
import { ErrorSchema, IdParamsSchema, ListQuerySchema, pageOf, text } from '../../../contracts/common.ts';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf, clearSessionCookie, setSessionCookie } from '../../platform/http/authenticate.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.ts';
import { listAuditLog } from './audit.service.ts';
import { listMySessions, login, revokeSession, sessionInfo } from './sessions.service.ts';
import { createUser, listUsers } from './users.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

/** Login sessions, API keys, users and the audit log. */
export function registerAccessRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['access'];
  app.post(
    '/api/v1/auth/login',
    {
      // Ten tries a minute per address and e-mail slows password guessing to a crawl.
      config: {
        auth: false,
        // preHandler: the key needs the parsed body's e-mail.
        rateLimit: { max: 10, timeWindow: 60_000, hook: 'preHandler', keyGenerator: (req) => `${req.ip}|${String((req.body as { email?: unknown })?.email ?? '').toLowerCase()}` },
      },
      schema: { tags, body: LoginSchema, response: { 200: SessionInfoSchema, 429: ErrorSchema, ...errors } },
    },
    async (req, reply) => {
      const result = await login(ctx, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] });
      setSessionCookie(req, reply, result.token, result.maxAgeSeconds);
      return result.info;
    },
  );
  app.post('/api/v1/auth/logout', { schema: { tags, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    const actor = actorOf(req);
    if (actor.session) await revokeSession(ctx, actor, actor.session.id);
    clearSessionCookie(req, reply);
    return reply.status(204).send(null);
  });
  app.get('/api/v1/auth/me', { schema: { tags, response: { 200: SessionInfoSchema, ...errors } } }, (req) =>
    sessionInfo(ctx, actorOf(req)),
  );
  app.get('/api/v1/auth/sessions', { schema: { tags } }, async (req) => ({ items: await listMySessions(ctx, actorOf(req)) }));
  app.delete(
    '/api/v1/auth/sessions/:id',
    { schema: { tags, params: IdParamsSchema, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await revokeSession(ctx, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/api-keys',
    { schema: { tags, body: CreateApiKeySchema, response: { 201: CreatedApiKeySchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await createApiKey(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/api-keys', { schema: { tags, response: { 200: z.object({ items: z.array(ApiKeySchema) }), ...errors } } }, async (req) => ({
    items: await listApiKeys(ctx, actorOf(req)),
  }));
  app.delete(
    '/api/v1/api-keys/:id',
    { schema: { tags, params: IdParamsSchema, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await revokeApiKey(ctx, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get('/api/v1/users', { schema: { tags, response: { 200: z.object({ items: z.array(UserSchema) }), ...errors } } }, async (req) => ({
    items: await listUsers(ctx, actorOf(req)),
  }));
  app.post(
    '/api/v1/users',
    { schema: { tags, body: CreateUserSchema, response: { 201: UserSchema, 409: ErrorSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await createUser(ctx, actorOf(req), req.body)),
  );

  app.get(
    '/api/v1/audit-log',
    {
      schema: {
        tags,
        querystring: z.object({ ...ListQuerySchema.shape, entityType: text(60).optional(), entityId: text(60).optional() }),
        response: { 200: pageOf(AuditEntrySchema), ...errors },
      },
    },
    (req) => listAuditLog(ctx, actorOf(req), req.query),
  );
}
