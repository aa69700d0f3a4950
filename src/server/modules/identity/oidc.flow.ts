import type { FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import type { AppContext } from '../../platform/context.ts';
import { secretBoxOf } from '../../platform/secret-box.ts';
import { bindBrowser, safeReturnPath, saveLoginState, takeLoginState } from './login-states.ts';
import { oidcConfiguration } from './oidc.client.ts';
import { claimText, completeSsoLogin, SsoProblem } from './sign-in.ts';
import { orgIdOfSlug, publicBaseUrl, readConnection, sealContext, ssoUrls, type Connection, type OidcSettings } from './sso-connections.ts';

// OpenID Connect, authorization code flow with PKCE (S256), state and nonce: start sends the browser to the
// provider, the callback exchanges the code and validates the ID token (signature, issuer, audience, expiry,
// nonce) through openid-client, then signs the person in.

const SCOPE = 'openid email profile';

async function enabledConnection(ctx: AppContext, slug: string): Promise<{ orgId: string; connection: Connection<OidcSettings> }> {
  const orgId = await orgIdOfSlug(ctx, slug);
  const connection = orgId ? await ctx.db.tenant(orgId, (tx) => readConnection(tx, 'oidc')) : null;
  if (!orgId || !connection?.enabled) throw new SsoProblem('sso_not_configured', `no enabled OIDC connection for "${slug.slice(0, 64)}"`);
  return { orgId, connection };
}

async function configurationOf(ctx: AppContext, orgId: string, connection: Connection<OidcSettings>): Promise<oidc.Configuration> {
  try {
    return await oidcConfiguration(ctx, orgId, connection.settings, connection.updatedAt);
  } catch (error) {
    throw new SsoProblem('sso_failed', `the identity provider is unreachable or misconfigured: ${(error as Error).message}`);
  }
}

export async function startOidcLogin(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, slug: string, next: unknown): Promise<FastifyReply> {
  const { orgId, connection } = await enabledConnection(ctx, slug);
  const config = await configurationOf(ctx, orgId, connection);
  const base = publicBaseUrl(ctx, req);
  const redirectUri = ssoUrls(base, slug).oidcRedirectUri;
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const nonce = oidc.randomNonce();
  const browserBinding = bindBrowser(req, reply, base.startsWith('https:'), 'oidc');
  const state = await ctx.db.tenant(orgId, (tx) =>
    saveLoginState(ctx, tx, { protocol: 'oidc', nonce, codeVerifier, requestId: null, redirectUri, returnTo: safeReturnPath(next), browserBinding }),
  );
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: SCOPE,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return reply.redirect(url.href, 303);
}

export async function finishOidcLogin(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, slug: string): Promise<FastifyReply> {
  const query = req.query as Record<string, unknown>;
  const { orgId, connection } = await enabledConnection(ctx, slug);
  const state = typeof query.state === 'string' ? query.state : '';
  const login = await ctx.db.tenant(orgId, (tx) => takeLoginState(ctx, tx, 'oidc', state, req));
  if (!login || !login.nonce || !login.codeVerifier) throw new SsoProblem('sso_state_invalid', 'unknown, used, expired or foreign state');
  if (typeof query.error === 'string') {
    throw new SsoProblem(query.error === 'access_denied' ? 'sso_denied' : 'sso_failed', `the provider answered ${query.error.slice(0, 100)}`);
  }
  const config = await configurationOf(ctx, orgId, connection);
  // The URL the provider redirected to, rebuilt on the registered redirect URI (a proxy may have changed the host).
  const currentUrl = new URL(login.redirectUri);
  for (const [name, value] of Object.entries(query)) if (typeof value === 'string') currentUrl.searchParams.set(name, value);
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw new SsoProblem('sso_failed', `the code exchange or the ID token was refused: ${(error as Error).message}`);
  }
  const claims = await claimsOf(config, tokens, connection.settings);
  if (claims.email_verified === false) throw new SsoProblem('sso_no_email', 'the provider says the e-mail is not verified');
  const s = connection.settings;
  return completeSsoLogin(
    ctx,
    req,
    reply,
    {
      orgId,
      protocol: 'oidc',
      email: claims[s.emailClaim],
      name: claimText(claims.name) ?? ([claimText(claims.given_name), claimText(claims.family_name)].filter(Boolean).join(' ') || null),
      unit: s.unitClaim ? claimText(claims[s.unitClaim]) : null,
      position: s.positionClaim ? claimText(claims[s.positionClaim]) : null,
      idToken: tokens.id_token,
      returnTo: login.returnTo,
    },
    s,
  );
}

/** The ID token's claims, completed from the UserInfo endpoint when a configured claim is missing (providers differ in what they put where). */
async function claimsOf(
  config: oidc.Configuration,
  tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>,
  s: OidcSettings,
): Promise<Record<string, unknown>> {
  const idClaims = tokens.claims();
  if (!idClaims) throw new SsoProblem('sso_failed', 'no ID token');
  const wanted = [s.emailClaim, s.unitClaim, s.positionClaim].filter((c): c is string => c !== null);
  if (wanted.every((c) => idClaims[c] !== undefined) || !config.serverMetadata().userinfo_endpoint) return { ...idClaims };
  try {
    // The ID token's claims win; UserInfo fills the gaps.
    return { ...(await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)), ...idClaims };
  } catch {
    return { ...idClaims };
  }
}

/**
 * Where to send the browser to end the session at the provider too, when the session came from OIDC and the
 * provider has an end-session endpoint (RP-initiated logout, with the ID token as hint); else null.
 */
export async function providerLogoutUrl(ctx: AppContext, req: FastifyRequest, orgId: string, sessionId: string): Promise<string | null> {
  const [row] = await ctx.db.system((tx) =>
    tx.query<{ protocol: string; id_token_ciphertext: string | null; slug: string }>(
      `SELECT s.protocol, s.id_token_ciphertext, o.slug FROM sso_sessions s JOIN organisations o ON o.id = s.org_id
       WHERE s.org_id = $1 AND s.session_id = $2`,
      [orgId, sessionId],
    ),
  );
  if (!row || row.protocol !== 'oidc') return null;
  const connection = await ctx.db.tenant(orgId, (tx) => readConnection(tx, 'oidc'));
  if (!connection) return null;
  try {
    const config = await oidcConfiguration(ctx, orgId, connection.settings, connection.updatedAt);
    if (!config.serverMetadata().end_session_endpoint) return null;
    const params: Record<string, string> = {
      client_id: connection.settings.clientId,
      post_logout_redirect_uri: ssoUrls(publicBaseUrl(ctx, req), row.slug).postLogoutRedirectUri,
    };
    if (row.id_token_ciphertext) params.id_token_hint = secretBoxOf(ctx.config).open(row.id_token_ciphertext, sealContext(orgId, 'oidc-id-token'));
    return oidc.buildEndSessionUrl(config, params).href;
  } catch {
    return null; // the local session is ended anyway; the provider's may outlive it
  }
}
