import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { mapError } from '../../platform/http/error-handler.ts';
import { parseJsonBody } from '../../platform/http/json-body.ts';
import { parseFilter, personFromBody, SCIM_ERROR, ScimError } from './scim.resource.ts';
import { createScimUser, deleteScimUser, getScimUser, listScimUsers, patchScimUser, replaceScimUser, type ScimTenant } from './scim.service.ts';
import { scimTenantOf } from './scim-settings.service.ts';
import { publicBaseUrl, scimBaseUrl } from './sso-connections.ts';

// SCIM 2.0 /scim/v2/Users for identity providers (Entra ID, Okta, Authing…), authenticated by the
// organisation's SCIM bearer token, answering application/scim+json and SCIM's error shape.

const SCIM_TYPE = 'application/scim+json; charset=utf-8';
const MAX_COUNT = 200;

function sendScimError(error: unknown, req: FastifyRequest, reply: FastifyReply) {
  let status: number;
  let detail: string;
  let scimType: string | undefined;
  if (error instanceof ScimError) {
    ({ status, message: detail, scimType } = error);
  } else {
    const mapped = mapError(error);
    ({ status, message: detail } = mapped);
    if (status === 409) scimType = 'uniqueness';
    else if (status === 400) scimType = 'invalidValue';
  }
  if (status >= 500) req.log.error({ err: error }, 'SCIM request failed');
  return reply
    .status(status)
    .type(SCIM_TYPE)
    .send({ schemas: [SCIM_ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail });
}

/** Lenient paging as RFC 7644 §3.4.2.4 asks: a startIndex below 1 means 1, a negative count means 0. */
function paging(query: Record<string, unknown>): { startIndex: number; count: number } {
  const start = Number.parseInt(String(query.startIndex ?? '1'), 10);
  const count = Number.parseInt(String(query.count ?? '100'), 10);
  return { startIndex: Number.isFinite(start) && start >= 1 ? Math.min(start, 1_000_000) : 1, count: Number.isFinite(count) ? Math.min(Math.max(count, 0), MAX_COUNT) : 100 };
}

export function registerScimRoutes(app: HttpApp, ctx: AppContext): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/scim+json', { parseAs: 'string' }, parseJsonBody);
    scope.setErrorHandler(sendScimError);
    const tenants = new WeakMap<FastifyRequest, ScimTenant>();
    scope.addHook('onRequest', async (req) => {
      const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const tenant = token ? await scimTenantOf(ctx, token) : null;
      if (!tenant) throw new ScimError(401, 'a valid SCIM bearer token is required');
      tenants.set(req, { ...tenant, baseUrl: scimBaseUrl(publicBaseUrl(ctx, req)) });
    });
    const tenantOf = (req: FastifyRequest) => tenants.get(req)!;
    const idOf = (req: FastifyRequest) => String((req.params as { id?: unknown }).id ?? '');
    const opts = { config: { auth: false as const }, schema: { hide: true } };
    const send = (reply: FastifyReply, status: number, body: unknown) => reply.status(status).type(SCIM_TYPE).send(body);

    scope.get('/scim/v2/Users', opts, async (req, reply) => {
      const query = req.query as Record<string, unknown>;
      return send(reply, 200, await listScimUsers(ctx, tenantOf(req), { filter: parseFilter(query.filter), ...paging(query) }));
    });
    scope.post('/scim/v2/Users', opts, async (req, reply) => send(reply, 201, await createScimUser(ctx, tenantOf(req), personFromBody(req.body))));
    scope.get('/scim/v2/Users/:id', opts, async (req, reply) => send(reply, 200, await getScimUser(ctx, tenantOf(req), idOf(req))));
    scope.put('/scim/v2/Users/:id', opts, async (req, reply) => send(reply, 200, await replaceScimUser(ctx, tenantOf(req), idOf(req), personFromBody(req.body))));
    scope.patch('/scim/v2/Users/:id', opts, async (req, reply) => send(reply, 200, await patchScimUser(ctx, tenantOf(req), idOf(req), req.body)));
    scope.delete('/scim/v2/Users/:id', opts, async (req, reply) => {
      await deleteScimUser(ctx, tenantOf(req), idOf(req));
      return reply.status(204).send();
    });
    scope.get('/scim/v2/ServiceProviderConfig', opts, async (_req, reply) =>
      send(reply, 200, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        patch: { supported: true },
        bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
        filter: { supported: true, maxResults: MAX_COUNT },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: false },
        authenticationSchemes: [{ type: 'oauthbearertoken', name: 'Bearer token', description: 'the token issued on the SSO settings page' }],
        meta: { resourceType: 'ServiceProviderConfig' },
      }),
    );
  });
}
