import querystring from 'node:querystring';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { finishOidcLogin, startOidcLogin } from './oidc.flow.ts';
import { finishSamlLogin, samlMetadata, startSamlLogin } from './saml.flow.ts';
import { asLoginStep } from './sign-in.ts';

// The browser's side of single sign-on: plain redirects and one form post, outside /api (no JSON, no API
// authentication). Every refusal lands on /login?ssoError=<code>, which the login page words.

/** A SAML response is a few to a few hundred kilobytes of base64 XML. */
const ACS_BODY_LIMIT = 512 * 1024;
/** Per address and minute: generous, because a whole office signs in from one NAT address when the shift starts. */
const perAddress = (max: number) => ({ max, timeWindow: 60_000 });

const slugOf = (req: FastifyRequest) => String((req.params as { org?: unknown }).org ?? '');
const nextOf = (req: FastifyRequest) => (req.query as { next?: unknown }).next;

export function registerSsoBrowserRoutes(app: HttpApp, ctx: AppContext): void {
  const browser = { config: { auth: false as const, rateLimit: perAddress(300) }, schema: { hide: true } };
  const step = (run: (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) => (req: FastifyRequest, reply: FastifyReply) =>
    asLoginStep(req, reply, () => run(req, reply));

  app.get('/auth/oidc/:org/start', browser, step((req, reply) => startOidcLogin(ctx, req, reply, slugOf(req), nextOf(req))));
  app.get('/auth/oidc/:org/callback', browser, step((req, reply) => finishOidcLogin(ctx, req, reply, slugOf(req))));
  app.get('/auth/saml/:org/start', browser, step((req, reply) => startSamlLogin(ctx, req, reply, slugOf(req), nextOf(req))));
  app.get('/auth/saml/:org/metadata', browser, async (req, reply) => {
    const xml = await samlMetadata(ctx, req, slugOf(req));
    if (!xml) return reply.status(404).send({ error: { code: 'not_found', message: 'organisation not found' } });
    return reply.type('application/samlmetadata+xml; charset=utf-8').send(xml);
  });

  // The identity provider posts its answer as a form; the form parser lives in this scope only.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: ACS_BODY_LIMIT }, (_req, body, done) =>
      done(null, querystring.parse(body as string)),
    );
    scope.post('/auth/saml/:org/acs', browser, step((req, reply) => finishSamlLogin(ctx, req, reply, slugOf(req))));
  });
}
