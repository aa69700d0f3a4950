import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../actor.ts';
import { AppError, unauthorized } from '../errors.ts';
import { safeEqual } from '../secrets.ts';

/** Resolves credentials to an actor; implemented by the access module and wired in main.ts. */
export interface Authenticator {
  fromSessionToken(token: string): Promise<Actor | null>;
  fromApiKey(key: string): Promise<Actor | null>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false for routes anyone may call (health, login, public survey pages). */
    auth?: false;
    /** true for the few routes a `partner` actor may call; every other authenticated route answers it 403. */
    partner?: true;
  }
  interface FastifyRequest {
    actor?: Actor;
  }
}

const SECURE_COOKIE = '__Host-lodestar_session';
const PLAIN_COOKIE = 'lodestar_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Browsers keep `Secure` cookies only over HTTPS or on localhost; anywhere else
 * (a plain-HTTP intranet address) the session falls back to a non-prefixed cookie.
 */
export function sessionCookieName(req: FastifyRequest): string {
  const host = req.hostname.replace(/:\d+$/, '');
  const isLocal = host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  return req.protocol === 'https' || isLocal ? SECURE_COOKIE : PLAIN_COOKIE;
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  const name = sessionCookieName(req);
  reply.setCookie(name, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: name === SECURE_COOKIE,
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  const name = sessionCookieName(req);
  reply.clearCookie(name, { path: '/', secure: name === SECURE_COOKIE, httpOnly: true, sameSite: 'lax' });
}

export function sessionToken(req: FastifyRequest): string | undefined {
  return req.cookies[SECURE_COOKIE] ?? req.cookies[PLAIN_COOKIE];
}

/**
 * Every /api route needs an actor unless it opts out with `config: {auth: false}`.
 * Bearer API keys are stateless; cookie sessions must echo their CSRF token on writes.
 */
export function registerAuthentication(app: FastifyInstance, authenticator: Authenticator): void {
  // Routes that opt out say so in the OpenAPI document too (`security: []`), for clients and the route-sweep tests.
  app.addHook('onRoute', (route) => {
    if (route.config?.auth === false) route.schema = { ...route.schema, security: [] };
  });
  app.addHook('onRequest', async (req) => {
    // The matched route, not the raw URL, which may spell the same route as `/%61pi/v1/units`.
    const path = req.routeOptions.url ?? req.url;
    if (!path.startsWith('/api/') || path.startsWith('/api/v1/docs') || req.routeOptions.config?.auth === false) return;
    const header = req.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const actor = match?.[1] ? await authenticator.fromApiKey(match[1]) : null;
      if (!actor) throw unauthorized('the API key is invalid or revoked');
      refusePartnerOutsideItsRoutes(req, actor, path);
      req.actor = actor;
      return;
    }
    const token = sessionToken(req);
    const actor = token ? await authenticator.fromSessionToken(token) : null;
    if (!actor) throw unauthorized(token ? 'your session has expired, log in again' : 'authentication required');
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !actor.session || !safeEqual(sent, actor.session.csrfToken)) {
        throw new AppError(403, 'csrf_failed', 'missing or wrong X-CSRF-Token header');
      }
    }
    refusePartnerOutsideItsRoutes(req, actor, path);
    req.actor = actor;
  });
}

/**
 * Partners are outsiders: deny by default. A partner reaches only routes that opt in (`config: {partner: true}`)
 * and its own session (`/api/v1/auth/…`), so a route added later is closed to partners unless it says otherwise.
 */
function refusePartnerOutsideItsRoutes(req: FastifyRequest, actor: Actor, path: string): void {
  if (actor.role !== 'partner' || req.routeOptions.config?.partner === true || path.startsWith('/api/v1/auth/')) return;
  throw new AppError(403, 'forbidden', 'a partner account may read its partner report only');
}

/** The caller of an authenticated route (the hook guarantees it is there). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthorized();
  return req.actor;
}
