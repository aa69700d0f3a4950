import { z } from 'zod';
import { IdSchema, RoleSchema, nonEmptyText, text } from './common.ts';

// Single sign-on (OIDC, SAML 2.0), the organisation's SSO policy and SCIM provisioning settings.

const httpsUrl = z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }).max(500);
/** A claim or attribute name: `email`, `department`, `urn:oid:0.9.2342.19200300.100.1.3`, a URL-shaped name. */
const claimName = z.string().trim().min(1).max(200).regex(/^[\w.:/#-]+$/, 'letters, digits and . : / # - _ only');
const emailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'a domain such as example.com');

/**
 * Single sign-on and SCIM never create partner logins: a partner login acts for one partner, which no identity
 * provider tells, so an administrator creates each (POST /api/v1/users with partnerId). A refinement rather than a
 * narrower enum, so settings stored before this rule still read back (provisioning refuses them: identity/provisioning.ts).
 */
const notPartner = { error: 'single sign-on and SCIM do not create partner logins: an administrator creates each, with its partner' };
const isNotPartner = (role: string | null) => role !== 'partner';

/** What a user signing in for the first time gets when no account has their e-mail; no defaultRole: no account is created. */
const provisioning = {
  defaultRole: RoleSchema.nullable().default(null).refine(isNotPartner, notPartner),
  defaultUnitId: IdSchema.nullable().default(null),
  defaultPositionId: IdSchema.nullable().default(null),
};

export const PutOidcSchema = z.object({
  issuer: httpsUrl,
  clientId: nonEmptyText(200),
  /** Required the first time; left out later, the stored secret is kept. */
  clientSecret: text(1000).min(1).optional(),
  emailClaim: claimName.default('email'),
  unitClaim: claimName.nullable().default(null),
  positionClaim: claimName.nullable().default(null),
  ...provisioning,
  /** When given, replaces the organisation's SSO e-mail domains (also set by PUT /sso/policy). */
  emailDomains: z.array(emailDomain).max(20).optional(),
  enabled: z.boolean().default(true),
});
export type PutOidc = z.infer<typeof PutOidcSchema>;

export const OidcConnectionSchema = z.object({
  issuer: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  emailClaim: z.string(),
  unitClaim: z.string().nullable(),
  positionClaim: z.string().nullable(),
  defaultRole: RoleSchema.nullable(),
  defaultUnitId: IdSchema.nullable(),
  defaultPositionId: IdSchema.nullable(),
  enabled: z.boolean(),
  /** Register this at the identity provider as the redirect (callback) URI. */
  redirectUri: z.string(),
  /** And this as the post-logout redirect URI. */
  postLogoutRedirectUri: z.string(),
  updatedAt: z.string(),
});
export type OidcConnection = z.infer<typeof OidcConnectionSchema>;

export const PutSamlSchema = z.object({
  /** The identity provider's single sign-on URL (HTTP-Redirect binding). */
  entryPoint: httpsUrl,
  /** The IdP's signing certificate: PEM, or its base64 body as metadata shows it. */
  idpCert: nonEmptyText(20_000),
  /** The IdP's entity id; when set, responses from any other issuer are refused. */
  idpIssuer: text(500).nullable().default(null),
  /** Our entity id (the audience); defaults to the metadata URL. */
  issuer: text(500).nullable().default(null),
  emailAttribute: claimName.default('email'),
  unitAttribute: claimName.nullable().default(null),
  positionAttribute: claimName.nullable().default(null),
  ...provisioning,
  enabled: z.boolean().default(true),
});
export type PutSaml = z.infer<typeof PutSamlSchema>;

export const SamlConnectionSchema = z.object({
  entryPoint: z.string(),
  idpCert: z.string(),
  idpCertExpiresAt: z.string().nullable(),
  idpIssuer: z.string().nullable(),
  emailAttribute: z.string(),
  unitAttribute: z.string().nullable(),
  positionAttribute: z.string().nullable(),
  defaultRole: RoleSchema.nullable(),
  defaultUnitId: IdSchema.nullable(),
  defaultPositionId: IdSchema.nullable(),
  enabled: z.boolean(),
  /** Our entity id: the audience every assertion must name. */
  spEntityId: z.string(),
  acsUrl: z.string(),
  metadataUrl: z.string(),
  updatedAt: z.string(),
});
export type SamlConnection = z.infer<typeof SamlConnectionSchema>;

export const PutSsoPolicySchema = z.object({
  /** true: password login is refused to everyone but the break-glass admins. */
  requireSso: z.boolean(),
  breakGlassUserIds: z.array(IdSchema).max(10).default([]),
  emailDomains: z.array(emailDomain).max(20).default([]),
});
export const SsoPolicySchema = z.object({
  requireSso: z.boolean(),
  breakGlassUserIds: z.array(IdSchema),
  emailDomains: z.array(z.string()),
});
export type SsoPolicy = z.infer<typeof SsoPolicySchema>;

export const PutScimSettingsSchema = z.object({
  defaultRole: RoleSchema.default('employee').refine(isNotPartner, notPartner),
  defaultUnitId: IdSchema.nullable().default(null),
  defaultPositionId: IdSchema.nullable().default(null),
});
export const ScimSettingsSchema = z.object({
  hasToken: z.boolean(),
  tokenIssuedAt: z.string().nullable(),
  defaultRole: RoleSchema,
  defaultUnitId: IdSchema.nullable(),
  defaultPositionId: IdSchema.nullable(),
  /** The SCIM base URL to give the identity provider (its Users endpoint is baseUrl + /Users). */
  baseUrl: z.string(),
});
export type ScimSettings = z.infer<typeof ScimSettingsSchema>;
export const IssuedScimTokenSchema = z.object({ token: z.string(), issuedAt: z.string() });

export const SsoOverviewSchema = z.object({
  oidc: OidcConnectionSchema.nullable(),
  saml: SamlConnectionSchema.nullable(),
  policy: SsoPolicySchema,
  scim: ScimSettingsSchema,
});
export type SsoOverview = z.infer<typeof SsoOverviewSchema>;

export const ConnectionTestSchema = z.object({
  ok: z.boolean(),
  checks: z.array(z.object({ key: z.string(), ok: z.boolean(), detail: z.string().nullable() })),
});
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;

/** The login page's question: does this organisation or e-mail domain sign in by SSO? Nothing else is revealed. */
export const SsoDiscoverQuerySchema = z.object({ org: text(64).optional(), email: text(254).optional() });
export const SsoDiscoverySchema = z.object({ sso: z.boolean(), startUrl: z.string().nullable() });
export type SsoDiscovery = z.infer<typeof SsoDiscoverySchema>;

export const SsoLogoutSchema = z.object({ redirectUrl: z.string().nullable() });

/** Why a single sign-on did not end in a session; the login page shows `?ssoError=<code>` in the user's language. */
export const SSO_ERROR_CODES = [
  'sso_not_configured',
  'sso_state_invalid',
  'sso_denied',
  'sso_failed',
  'sso_no_email',
  'sso_no_account',
  'sso_account_disabled',
  'sso_provisioning_incomplete',
] as const;
export type SsoErrorCode = (typeof SSO_ERROR_CODES)[number];
