import type { FastifyRequest } from 'fastify';
import type { Role } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { secretBoxOf } from '../../platform/secret-box.ts';
import { findOrganisationBySlug } from '../org/index.ts';

// Where each organisation's SSO connections are read and written. Settings are plain JSON; the OIDC client
// secret is sealed (AES-256-GCM) into sso_secrets, which the app role can write but not read.

export type Protocol = 'oidc' | 'saml';

interface Provisioning {
  defaultRole: Role | null;
  defaultUnitId: string | null;
  defaultPositionId: string | null;
}

export interface OidcSettings extends Provisioning {
  issuer: string;
  clientId: string;
  emailClaim: string;
  unitClaim: string | null;
  positionClaim: string | null;
}

export interface SamlSettings extends Provisioning {
  entryPoint: string;
  /** PEM. */
  idpCert: string;
  idpIssuer: string | null;
  issuer: string | null;
  emailAttribute: string;
  unitAttribute: string | null;
  positionAttribute: string | null;
}

export interface Connection<S> {
  settings: S;
  enabled: boolean;
  updatedAt: Date;
}

type SettingsOf<P extends Protocol> = P extends 'oidc' ? OidcSettings : SamlSettings;

export async function readConnection<P extends Protocol>(tx: Tx, protocol: P): Promise<Connection<SettingsOf<P>> | null> {
  const [row] = await tx.query<{ settings: SettingsOf<P>; enabled: boolean; updated_at: Date }>(
    `SELECT settings, enabled, updated_at FROM sso_connections WHERE org_id = $1 AND protocol = $2`,
    [tx.orgId, protocol],
  );
  return row ? { settings: row.settings, enabled: row.enabled, updatedAt: row.updated_at } : null;
}

export async function writeConnection<P extends Protocol>(
  ctx: AppContext,
  tx: Tx,
  protocol: P,
  settings: SettingsOf<P>,
  enabled: boolean,
  userId: string | null,
): Promise<void> {
  await tx.query(
    `INSERT INTO sso_connections (org_id, protocol, enabled, settings, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (org_id, protocol) DO UPDATE SET enabled = $3, settings = $4, updated_at = $5, updated_by = $6`,
    [tx.orgId, protocol, enabled, JSON.stringify(settings), ctx.clock.now(), userId],
  );
}

export async function deleteConnection(tx: Tx, protocol: Protocol): Promise<boolean> {
  // sso_secrets goes with it (ON DELETE CASCADE).
  const rows = await tx.query(`DELETE FROM sso_connections WHERE org_id = $1 AND protocol = $2 RETURNING protocol`, [tx.orgId, protocol]);
  return rows.length > 0;
}

/** The associated data that ties a sealed value to its organisation and purpose. */
export const sealContext = (orgId: string, purpose: string) => `${orgId}:${purpose}`;

export async function storeClientSecret(ctx: AppContext, tx: Tx, secret: string): Promise<void> {
  const sealed = secretBoxOf(ctx.config).seal(secret, sealContext(tx.orgId!, 'oidc-client-secret'));
  await tx.query(
    `INSERT INTO sso_secrets (org_id, protocol, ciphertext) VALUES ($1, 'oidc', $2)
     ON CONFLICT (org_id, protocol) DO UPDATE SET ciphertext = $2`,
    [tx.orgId, sealed],
  );
}

export async function hasClientSecret(tx: Tx): Promise<boolean> {
  const rows = await tx.query(`SELECT 1 FROM sso_secrets WHERE org_id = $1 AND protocol = 'oidc'`, [tx.orgId]);
  return rows.length > 0;
}

/** Only the login flow and the connection test read the secret, in a system transaction. Never logged. */
export async function readClientSecret(ctx: AppContext, orgId: string): Promise<string | null> {
  const [row] = await ctx.db.system((tx) =>
    tx.query<{ ciphertext: string }>(`SELECT ciphertext FROM sso_secrets WHERE org_id = $1 AND protocol = 'oidc'`, [orgId]),
  );
  return row ? secretBoxOf(ctx.config).open(row.ciphertext, sealContext(orgId, 'oidc-client-secret')) : null;
}

export async function readEmailDomains(tx: Tx): Promise<string[]> {
  const rows = await tx.query<{ domain: string }>(`SELECT domain FROM sso_domains WHERE org_id = $1 ORDER BY domain`, [tx.orgId]);
  return rows.map((r) => r.domain);
}

export async function writeEmailDomains(tx: Tx, domains: readonly string[]): Promise<void> {
  await tx.query(`DELETE FROM sso_domains WHERE org_id = $1`, [tx.orgId]);
  const unique = [...new Set(domains)];
  if (unique.length) await tx.query(`INSERT INTO sso_domains (org_id, domain) SELECT $1, unnest($2::text[])`, [tx.orgId, unique]);
}

/** The organisation a login URL names (`/auth/oidc/:org/...`), by slug. */
export async function orgIdOfSlug(ctx: AppContext, slug: string): Promise<string | null> {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/i.test(slug)) return null;
  return (await findOrganisationBySlug(ctx, slug))?.id ?? null;
}

/**
 * The server's own address as the identity provider must see it: LODESTAR_PUBLIC_URL when set (behind a proxy
 * it must be), else the address this request came to.
 */
export function publicBaseUrl(ctx: AppContext, req: FastifyRequest): string {
  return (ctx.config.LODESTAR_PUBLIC_URL ?? `${req.protocol}://${req.host}`).replace(/\/+$/, '');
}

export function ssoUrls(base: string, slug: string) {
  const org = encodeURIComponent(slug);
  return {
    oidcStart: `/auth/oidc/${org}/start`,
    oidcRedirectUri: `${base}/auth/oidc/${org}/callback`,
    postLogoutRedirectUri: `${base}/login`,
    samlStart: `/auth/saml/${org}/start`,
    samlAcsUrl: `${base}/auth/saml/${org}/acs`,
    samlMetadataUrl: `${base}/auth/saml/${org}/metadata`,
  };
}

/** SCIM is one endpoint for every organisation: the bearer token says which. */
export const scimBaseUrl = (base: string) => `${base}/scim/v2`;
