/**
 * The unlocked session of a share link travels in an HttpOnly, SameSite=Strict cookie whose Path is that
 * link's own page and API address, so a browser never sends it anywhere else (another link included); the
 * server checks the session belongs to the link anyway. API clients may send it as a Bearer token instead.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionCookieName } from '../../platform/http/authenticate.ts';

export const pagePath = (token: string) => `/partner/${token}`;
export const apiPath = (token: string) => `/api/v1/public/partner-reports/${token}`;

/** `__Secure-` wherever the login cookie may be `__Host-` (HTTPS or this machine); a plain name on plain-HTTP intranets. */
const cookieName = (req: FastifyRequest) => (sessionCookieName(req).startsWith('__Host-') ? '__Secure-lodestar_partner' : 'lodestar_partner');

export function setAccessCookies(req: FastifyRequest, reply: FastifyReply, token: string, accessToken: string, expiresAt: Date, now: Date): void {
  const name = cookieName(req);
  const maxAge = Math.max(1, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  for (const path of [pagePath(token), apiPath(token)]) {
    reply.setCookie(name, accessToken, { path, httpOnly: true, sameSite: 'strict', secure: name.startsWith('__Secure-'), maxAge });
  }
}

/** The access token a request carries: `Authorization: Bearer …` first, else the link's cookie. */
export function accessTokenOf(req: FastifyRequest): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return bearer ?? req.cookies[cookieName(req)];
}
