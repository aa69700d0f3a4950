import type { FastifyReply, FastifyRequest } from 'fastify';
import { MINUTE } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { randomToken, safeEqual, sha256 } from '../../platform/secrets.ts';
import type { Protocol } from './sso-connections.ts';

// A login under way lives in the database (sso_login_states), not in memory, so whichever node the identity
// provider sends the browser back to can finish it. It is single use (deleted as it is read) and expires
// after ten minutes. A cookie set when the login starts binds it to that browser: a callback URL with someone
// else's state (login CSRF: "sign the victim in as the attacker") finds no matching cookie and is refused.

export const LOGIN_STATE_TTL_MS = 10 * MINUTE;
const BROWSER_COOKIE = 'lodestar_sso_browser';

export interface LoginState {
  protocol: Protocol;
  nonce: string | null;
  codeVerifier: string | null;
  requestId: string | null;
  redirectUri: string;
  returnTo: string;
  createdAt: Date;
}

/**
 * The browser's binding value, set (or refreshed) as a cookie. SAML answers arrive by a cross-site POST, which
 * carries only a SameSite=None cookie, and browsers keep those only over https: so over plain http a SAML login
 * is not bound (returns null) and relies on its single-use state and InResponseTo alone.
 */
export function bindBrowser(req: FastifyRequest, reply: FastifyReply, isHttps: boolean, protocol: Protocol): string | null {
  if (protocol === 'saml' && !isHttps) return null;
  const value = req.cookies[BROWSER_COOKIE] && /^[\w-]{43}$/.test(req.cookies[BROWSER_COOKIE]) ? req.cookies[BROWSER_COOKIE] : randomToken(32);
  reply.setCookie(BROWSER_COOKIE, value, {
    path: '/auth/',
    httpOnly: true,
    secure: isHttps,
    sameSite: isHttps ? 'none' : 'lax',
    maxAge: LOGIN_STATE_TTL_MS / 1000,
  });
  return value;
}

export async function saveLoginState(
  ctx: AppContext,
  tx: Tx,
  input: Omit<LoginState, 'createdAt'> & { browserBinding: string | null },
): Promise<string> {
  const state = randomToken(32);
  const now = ctx.clock.now();
  await tx.query(
    `INSERT INTO sso_login_states (org_id, state_hash, protocol, nonce, code_verifier, request_id, browser_hash, redirect_uri, return_to, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      tx.orgId,
      sha256(state),
      input.protocol,
      input.nonce,
      input.codeVerifier,
      input.requestId,
      input.browserBinding === null ? null : sha256(input.browserBinding),
      input.redirectUri,
      input.returnTo,
      now,
      new Date(now.getTime() + LOGIN_STATE_TTL_MS),
    ],
  );
  return state;
}

/** Consumes the state: null when unknown, already used, expired, of the other protocol or started in another browser. */
export async function takeLoginState(ctx: AppContext, tx: Tx, protocol: Protocol, state: string, req: FastifyRequest): Promise<LoginState | null> {
  if (!/^[\w-]{20,100}$/.test(state)) return null;
  const [row] = await tx.query<{
    protocol: Protocol;
    nonce: string | null;
    code_verifier: string | null;
    request_id: string | null;
    browser_hash: string | null;
    redirect_uri: string;
    return_to: string;
    created_at: Date;
    expires_at: Date;
  }>(`DELETE FROM sso_login_states WHERE org_id = $1 AND state_hash = $2 RETURNING *`, [tx.orgId, sha256(state)]);
  if (!row || row.protocol !== protocol || row.expires_at <= ctx.clock.now()) return null;
  if (row.browser_hash !== null) {
    const cookie = req.cookies[BROWSER_COOKIE];
    if (!cookie || !safeEqual(sha256(cookie), row.browser_hash)) return null;
  }
  return {
    protocol: row.protocol,
    nonce: row.nonce,
    codeVerifier: row.code_verifier,
    requestId: row.request_id,
    redirectUri: row.redirect_uri,
    returnTo: row.return_to,
    createdAt: row.created_at,
  };
}

/** Only same-site paths, so a crafted ?next= cannot send the user elsewhere after signing in. */
export function safeReturnPath(next: unknown): string {
  const isPath = typeof next === 'string' && next.length <= 500 && /^\/(?![/\\])/.test(next) && !next.startsWith('/login');
  return isPath && ![...next].some((c) => c.charCodeAt(0) < 32) ? next : '/';
}
