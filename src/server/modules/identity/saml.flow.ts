import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SAML, ValidateInResponseTo, type CacheProvider, type Profile } from '@node-saml/node-saml';
import { MINUTE } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { bindBrowser, LOGIN_STATE_TTL_MS, safeReturnPath, saveLoginState, takeLoginState } from './login-states.ts';
import { claimText, completeSsoLogin, SsoProblem } from './sign-in.ts';
import { orgIdOfSlug, publicBaseUrl, readConnection, ssoUrls, type SamlSettings } from './sso-connections.ts';

// SAML 2.0 as a service provider, with @node-saml/node-saml: an AuthnRequest by HTTP-Redirect, the answer
// by HTTP-POST to the ACS. Every assertion must be signed by the configured IdP certificate, name our entity
// id as its audience, be within its validity window give or take the clock skew and no older than the maximum
// age, and answer a request we made (InResponseTo; unsolicited, IdP-initiated answers are refused). Its id is
// then kept until it would have expired, so the same assertion is never accepted twice.

/** How far the identity provider's clock may be from ours. */
export const SAML_CLOCK_SKEW_MS = 2 * MINUTE;
/** An assertion older than this (from its IssueInstant) is refused whatever its NotOnOrAfter says. */
export const SAML_MAX_ASSERTION_AGE_MS = 5 * MINUTE;

interface SamlSite {
  spEntityId: string;
  acsUrl: string;
  metadataUrl: string;
}

export function samlSite(base: string, slug: string, settings: Pick<SamlSettings, 'issuer'> | null): SamlSite {
  const urls = ssoUrls(base, slug);
  return { spEntityId: settings?.issuer || urls.samlMetadataUrl, acsUrl: urls.samlAcsUrl, metadataUrl: urls.samlMetadataUrl };
}

/** node-saml's request-id store, answered from the login state we already consumed (our store is the database). */
function requestIdStore(expected: { id: string; createdAt: Date } | null): CacheProvider {
  return {
    saveAsync: async (_key, value) => ({ value, createdAt: Date.now() }),
    getAsync: async (key) => (expected && key === expected.id ? expected.createdAt.toISOString() : null),
    removeAsync: async () => null,
  };
}

function samlClient(settings: SamlSettings, site: SamlSite, store: CacheProvider, generateUniqueId?: () => string): SAML {
  return new SAML({
    ...(generateUniqueId ? { generateUniqueId } : {}),
    entryPoint: settings.entryPoint,
    idpCert: settings.idpCert,
    idpIssuer: settings.idpIssuer ?? undefined,
    issuer: site.spEntityId,
    audience: site.spEntityId,
    callbackUrl: site.acsUrl,
    wantAssertionsSigned: true,
    // Many providers sign only the assertion; the assertion's signature is what is required.
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: SAML_CLOCK_SKEW_MS,
    maxAssertionAgeMs: SAML_MAX_ASSERTION_AGE_MS,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: LOGIN_STATE_TTL_MS,
    cacheProvider: store,
    // Ask for no particular NameID format or authentication context: providers refuse what they cannot give.
    identifierFormat: null,
    disableRequestedAuthnContext: true,
  });
}

async function enabledSaml(ctx: AppContext, slug: string) {
  const orgId = await orgIdOfSlug(ctx, slug);
  const connection = orgId ? await ctx.db.tenant(orgId, (tx) => readConnection(tx, 'saml')) : null;
  if (!orgId || !connection?.enabled) throw new SsoProblem('sso_not_configured', `no enabled SAML connection for "${slug.slice(0, 64)}"`);
  return { orgId, settings: connection.settings };
}

export async function startSamlLogin(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, slug: string, next: unknown): Promise<FastifyReply> {
  const { orgId, settings } = await enabledSaml(ctx, slug);
  const base = publicBaseUrl(ctx, req);
  const site = samlSite(base, slug, settings);
  // An XML ID must not start with a digit.
  const requestId = `_${randomBytes(20).toString('hex')}`;
  const browserBinding = bindBrowser(req, reply, base.startsWith('https:'), 'saml');
  const relayState = await ctx.db.tenant(orgId, (tx) =>
    saveLoginState(ctx, tx, { protocol: 'saml', nonce: null, codeVerifier: null, requestId, redirectUri: site.acsUrl, returnTo: safeReturnPath(next), browserBinding }),
  );
  const saml = samlClient(settings, site, requestIdStore(null), () => requestId);
  return reply.redirect(await saml.getAuthorizeUrlAsync(relayState, undefined, {}), 303);
}

export async function finishSamlLogin(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, slug: string): Promise<FastifyReply> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const { orgId, settings } = await enabledSaml(ctx, slug);
  if (typeof body.SAMLResponse !== 'string' || typeof body.RelayState !== 'string') throw new SsoProblem('sso_state_invalid', 'no SAMLResponse or RelayState');
  const login = await ctx.db.tenant(orgId, (tx) => takeLoginState(ctx, tx, 'saml', body.RelayState as string, req));
  if (!login?.requestId) throw new SsoProblem('sso_state_invalid', 'unknown, used, expired or foreign RelayState');
  const site = samlSite(publicBaseUrl(ctx, req), slug, settings);
  const saml = samlClient(settings, site, requestIdStore({ id: login.requestId, createdAt: login.createdAt }));
  let profile: Profile | null;
  try {
    ({ profile } = await saml.validatePostResponseAsync({ SAMLResponse: body.SAMLResponse }));
  } catch (error) {
    throw new SsoProblem('sso_failed', `the SAML response was refused: ${(error as Error).message}`);
  }
  if (!profile) throw new SsoProblem('sso_failed', 'the SAML response carries no assertion');
  // node-saml checks the issuer of logout messages only; the signed assertion's issuer is checked here.
  if (settings.idpIssuer && profile.issuer !== settings.idpIssuer) throw new SsoProblem('sso_failed', `the assertion comes from ${String(profile.issuer).slice(0, 200)}`);
  await rememberAssertion(ctx, orgId, profile);
  const attribute = (name: string | null) => (name ? claimText(profile[name] ?? (profile.attributes as Record<string, unknown> | undefined)?.[name]) : null);
  const email = attribute(settings.emailAttribute) ?? claimText(profile.email) ?? (/@/.test(profile.nameID ?? '') ? profile.nameID : null);
  return completeSsoLogin(
    ctx,
    req,
    reply,
    {
      orgId,
      protocol: 'saml',
      email,
      name: attribute('displayName') ?? attribute('http://schemas.microsoft.com/identity/claims/displayname') ?? attribute('name'),
      unit: attribute(settings.unitAttribute),
      position: attribute(settings.positionAttribute),
      returnTo: login.returnTo,
    },
    settings,
  );
}

/** Records the assertion's id until it would be refused as too old anyway; one seen before is a replay. */
async function rememberAssertion(ctx: AppContext, orgId: string, profile: Profile): Promise<void> {
  const assertion = (profile.getAssertion?.() as { Assertion?: { $?: { ID?: string; IssueInstant?: string } } } | undefined)?.Assertion?.$;
  const id = assertion?.ID;
  if (!id || id.length > 200) throw new SsoProblem('sso_failed', 'the assertion has no usable ID');
  const issued = Date.parse(assertion.IssueInstant ?? '');
  const from = Math.max(ctx.clock.now().getTime(), Number.isFinite(issued) ? issued : 0);
  const expiresAt = new Date(from + SAML_MAX_ASSERTION_AGE_MS + SAML_CLOCK_SKEW_MS);
  const inserted = await ctx.db.tenant(orgId, (tx) =>
    tx.query(
      `INSERT INTO sso_saml_assertions (org_id, assertion_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (org_id, assertion_id) DO NOTHING RETURNING assertion_id`,
      [orgId, id, expiresAt],
    ),
  );
  if (!inserted.length) throw new SsoProblem('sso_state_invalid', `assertion ${id.slice(0, 80)} was already used (replay)`);
}

/** Our SP metadata for the identity provider's admin: entity id, ACS URL, signed assertions wanted. */
export async function samlMetadata(ctx: AppContext, req: FastifyRequest, slug: string): Promise<string | null> {
  const orgId = await orgIdOfSlug(ctx, slug);
  if (!orgId) return null;
  const connection = await ctx.db.tenant(orgId, (tx) => readConnection(tx, 'saml'));
  const site = samlSite(publicBaseUrl(ctx, req), slug, connection?.settings ?? null);
  // Metadata is wanted before the IdP side exists (to create it), so a placeholder certificate is fine here.
  const settings = connection?.settings ?? ({ entryPoint: 'https://idp.invalid/', idpCert: 'placeholder' } as SamlSettings);
  return samlClient(settings, site, requestIdStore(null)).generateServiceProviderMetadata(null, null);
}
