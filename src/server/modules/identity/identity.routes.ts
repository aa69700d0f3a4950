import { z } from 'zod';
import { ErrorSchema } from '../../../contracts/common.ts';
import {
  ConnectionTestSchema,
  IssuedScimTokenSchema,
  OidcConnectionSchema,
  PutOidcSchema,
  PutSamlSchema,
  PutScimSettingsSchema,
  PutSsoPolicySchema,
  SamlConnectionSchema,
  ScimSettingsSchema,
  SsoDiscoverQuerySchema,
  SsoDiscoverySchema,
  SsoLogoutSchema,
  SsoOverviewSchema,
  SsoPolicySchema,
} from '../../../contracts/identity.ts';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf, clearSessionCookie } from '../../platform/http/authenticate.ts';
import { revokeSession } from '../access/index.ts';
import { testOidcConnection, testSamlConnection } from './connection-tests.ts';
import { discoverSso } from './discover.ts';
import { providerLogoutUrl } from './oidc.flow.ts';
import { issueScimToken, putScimSettings, revokeScimToken } from './scim-settings.service.ts';
import { publicBaseUrl, scimBaseUrl } from './sso-connections.ts';
import { getOidcConnection, getSamlConnection, getSsoOverview, putOidc, putSaml, putSsoPolicy, removeConnection } from './sso-settings.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

/** The SSO settings API (admins), the login page's public look-up, and logout that reaches the identity provider. */
export function registerIdentityApiRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['identity'];
  app.get('/api/v1/sso', { schema: { tags, response: { 200: SsoOverviewSchema, ...errors } } }, (req) =>
    getSsoOverview(ctx, actorOf(req), publicBaseUrl(ctx, req)),
  );
  app.get('/api/v1/sso/oidc', { schema: { tags, response: { 200: OidcConnectionSchema, ...errors } } }, (req) =>
    getOidcConnection(ctx, actorOf(req), publicBaseUrl(ctx, req)),
  );
  app.put(
    '/api/v1/sso/oidc',
    { schema: { tags, description: 'the client secret is stored encrypted and never returned', body: PutOidcSchema, response: { 200: OidcConnectionSchema, ...errors } } },
    (req) => putOidc(ctx, actorOf(req), req.body, publicBaseUrl(ctx, req)),
  );
  app.delete('/api/v1/sso/oidc', { schema: { tags, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await removeConnection(ctx, actorOf(req), 'oidc');
    return reply.status(204).send(null);
  });
  app.post('/api/v1/sso/oidc/test', { schema: { tags, description: 'discovery, keys and client configuration, without a sign-in', response: { 200: ConnectionTestSchema, ...errors } } }, (req) =>
    testOidcConnection(ctx, actorOf(req)),
  );
  app.get('/api/v1/sso/saml', { schema: { tags, response: { 200: SamlConnectionSchema, ...errors } } }, (req) =>
    getSamlConnection(ctx, actorOf(req), publicBaseUrl(ctx, req)),
  );
  app.put('/api/v1/sso/saml', { schema: { tags, body: PutSamlSchema, response: { 200: SamlConnectionSchema, ...errors } } }, (req) =>
    putSaml(ctx, actorOf(req), req.body, publicBaseUrl(ctx, req)),
  );
  app.delete('/api/v1/sso/saml', { schema: { tags, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await removeConnection(ctx, actorOf(req), 'saml');
    return reply.status(204).send(null);
  });
  app.post('/api/v1/sso/saml/test', { schema: { tags, response: { 200: ConnectionTestSchema, ...errors } } }, (req) => testSamlConnection(ctx, actorOf(req)));
  app.put('/api/v1/sso/policy', { schema: { tags, body: PutSsoPolicySchema, response: { 200: SsoPolicySchema, ...errors } } }, (req) =>
    putSsoPolicy(ctx, actorOf(req), req.body),
  );
  app.put('/api/v1/sso/scim', { schema: { tags, body: PutScimSettingsSchema, response: { 200: ScimSettingsSchema, ...errors } } }, (req) =>
    putScimSettings(ctx, actorOf(req), req.body, scimBaseUrl(publicBaseUrl(ctx, req))),
  );
  app.post(
    '/api/v1/sso/scim/token',
    { schema: { tags, description: 'issues or rotates the SCIM bearer token; shown in this answer only', response: { 201: IssuedScimTokenSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await issueScimToken(ctx, actorOf(req))),
  );
  app.delete('/api/v1/sso/scim/token', { schema: { tags, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await revokeScimToken(ctx, actorOf(req));
    return reply.status(204).send(null);
  });

  app.get(
    '/api/v1/sso/discover',
    {
      config: { auth: false, rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: { tags, description: 'whether an organisation (by slug) or an e-mail domain signs in by SSO, and where to start; nothing else', querystring: SsoDiscoverQuerySchema, response: { 200: SsoDiscoverySchema, 429: ErrorSchema, ...errors } },
    },
    (req) => discoverSso(ctx, req.query),
  );
  app.post(
    '/api/v1/sso/logout',
    { schema: { tags, description: 'ends this session; redirectUrl ends the one at the identity provider too, when it offers that', response: { 200: SsoLogoutSchema, ...errors } } },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!actor.session) return { redirectUrl: null };
      const redirectUrl = await providerLogoutUrl(ctx, req, actor.orgId, actor.session.id);
      await revokeSession(ctx, actor, actor.session.id);
      clearSessionCookie(req, reply);
      return { redirectUrl };
    },
  );
}
