import { X509Certificate } from 'node:crypto';
import type { z } from 'zod';
import type { OidcConnection, PutOidc, PutSaml, PutSsoPolicySchema, SamlConnection, SsoOverview, SsoPolicy } from '../../../contracts/identity.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { forgetOidcConfiguration } from './oidc.client.ts';
import { samlSite } from './saml.flow.ts';
import { readScimSettings } from './scim-settings.service.ts';
import {
  deleteConnection,
  hasClientSecret,
  readConnection,
  scimBaseUrl,
  ssoUrls,
  storeClientSecret,
  writeConnection,
  writeEmailDomains,
  type Connection,
  type OidcSettings,
  type Protocol,
  type SamlSettings,
} from './sso-connections.ts';
import { checkConnectionRemovable, checkDomainsFree, readPolicy, writePolicy } from './sso-policy.ts';

// The admin API behind the SSO settings page. `site` is the server's public base URL and the organisation's
// slug, from which the URLs to register at the identity provider are derived.

export interface Site {
  base: string;
  slug: string;
}

async function slugOf(tx: Tx): Promise<string> {
  const [org] = await tx.query<{ slug: string }>(`SELECT slug FROM organisations WHERE id = $1`, [tx.orgId]);
  return org!.slug;
}

export function getSsoOverview(ctx: AppContext, actor: Actor, base: string): Promise<SsoOverview> {
  authorize(actor, 'sso.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const site = { base, slug: await slugOf(tx) };
    const oidc = await readConnection(tx, 'oidc');
    const saml = await readConnection(tx, 'saml');
    return {
      oidc: oidc ? toOidcView(oidc, await hasClientSecret(tx), site) : null,
      saml: saml ? toSamlView(saml, site) : null,
      policy: await readPolicy(tx),
      scim: await readScimSettings(tx, scimBaseUrl(base)),
    };
  });
}

/** The OIDC connection as the settings API shows it (the client secret only as `hasClientSecret`); 404 when there is none. */
export function getOidcConnection(ctx: AppContext, actor: Actor, base: string): Promise<OidcConnection> {
  authorize(actor, 'sso.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const oidc = await readConnection(tx, 'oidc');
    if (!oidc) throw notFound('OIDC connection');
    return toOidcView(oidc, await hasClientSecret(tx), { base, slug: await slugOf(tx) });
  });
}

export function getSamlConnection(ctx: AppContext, actor: Actor, base: string): Promise<SamlConnection> {
  authorize(actor, 'sso.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const saml = await readConnection(tx, 'saml');
    if (!saml) throw notFound('SAML connection');
    return toSamlView(saml, { base, slug: await slugOf(tx) });
  });
}

function toOidcView(c: Connection<OidcSettings>, hasSecret: boolean, site: Site): OidcConnection {
  const urls = ssoUrls(site.base, site.slug);
  return { ...c.settings, hasClientSecret: hasSecret, enabled: c.enabled, redirectUri: urls.oidcRedirectUri, postLogoutRedirectUri: urls.postLogoutRedirectUri, updatedAt: c.updatedAt.toISOString() };
}

function toSamlView(c: Connection<SamlSettings>, site: Site): SamlConnection {
  const sp = samlSite(site.base, site.slug, c.settings);
  const { issuer: _ourEntityId, ...settings } = c.settings;
  return { ...settings, idpCertExpiresAt: certificateExpiry(c.settings.idpCert), enabled: c.enabled, spEntityId: sp.spEntityId, acsUrl: sp.acsUrl, metadataUrl: sp.metadataUrl, updatedAt: c.updatedAt.toISOString() };
}

/** Unit and position defaults are ids of this organisation (settings are JSON, so no foreign key checks them). */
async function checkDefaults(tx: Tx, input: { defaultUnitId: string | null; defaultPositionId: string | null }): Promise<void> {
  if (input.defaultUnitId && !(await tx.query(`SELECT 1 FROM units WHERE org_id = $1 AND id = $2`, [tx.orgId, input.defaultUnitId])).length) throw notFound('unit');
  if (input.defaultPositionId && !(await tx.query(`SELECT 1 FROM positions WHERE org_id = $1 AND id = $2`, [tx.orgId, input.defaultPositionId])).length) throw notFound('position');
}

export async function putOidc(ctx: AppContext, actor: Actor, input: PutOidc, base: string): Promise<OidcConnection> {
  authorize(actor, 'sso.manage');
  if (input.emailDomains) await checkDomainsFree(ctx, actor.orgId, input.emailDomains);
  const view = await ctx.db.tenant(actor.orgId, async (tx) => {
    await checkDefaults(tx, input);
    const before = await readConnection(tx, 'oidc');
    if (!input.clientSecret && !(await hasClientSecret(tx))) throw invalid('give the client secret the identity provider issued', { field: 'clientSecret' });
    if (!input.enabled) await checkConnectionRemovable(tx, 'oidc');
    const { clientSecret, emailDomains, enabled, ...settings } = input;
    await writeConnection(ctx, tx, 'oidc', settings, enabled, actor.kind === 'user' ? actor.id : null);
    if (clientSecret) await storeClientSecret(ctx, tx, clientSecret);
    if (emailDomains) await writeEmailDomains(tx, emailDomains);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'sso.oidc.updated',
      entityType: 'sso_connection',
      entityId: 'oidc',
      before: before ? { ...before.settings, enabled: before.enabled } : null,
      after: { ...settings, enabled, clientSecretChanged: clientSecret !== undefined },
    });
    return toOidcView((await readConnection(tx, 'oidc'))!, true, { base, slug: await slugOf(tx) });
  });
  forgetOidcConfiguration(ctx, actor.orgId);
  return view;
}

/** PEM from a PEM or from the bare base64 an IdP's metadata shows; a 400 when it is no X.509 certificate. */
export function normaliseCertificate(raw: string): string {
  const body = raw.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  const pem = `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`;
  try {
    new X509Certificate(pem);
  } catch {
    throw invalid('the IdP certificate is not a valid X.509 certificate (PEM or base64)', { field: 'idpCert' });
  }
  return pem;
}

export function certificateExpiry(pem: string): string | null {
  try {
    return new Date(new X509Certificate(pem).validTo).toISOString();
  } catch {
    return null;
  }
}

export async function putSaml(ctx: AppContext, actor: Actor, input: PutSaml, base: string): Promise<SamlConnection> {
  authorize(actor, 'sso.manage');
  const idpCert = normaliseCertificate(input.idpCert);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await checkDefaults(tx, input);
    if (!input.enabled) await checkConnectionRemovable(tx, 'saml');
    const before = await readConnection(tx, 'saml');
    const { enabled, ...rest } = input;
    const settings: SamlSettings = { ...rest, idpCert };
    await writeConnection(ctx, tx, 'saml', settings, enabled, actor.kind === 'user' ? actor.id : null);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'sso.saml.updated',
      entityType: 'sso_connection',
      entityId: 'saml',
      before: before ? { ...before.settings, enabled: before.enabled } : null,
      after: { ...settings, enabled },
    });
    return toSamlView((await readConnection(tx, 'saml'))!, { base, slug: await slugOf(tx) });
  });
}

export async function removeConnection(ctx: AppContext, actor: Actor, protocol: Protocol): Promise<void> {
  authorize(actor, 'sso.manage');
  await ctx.db.tenant(actor.orgId, async (tx) => {
    await checkConnectionRemovable(tx, protocol);
    if (!(await deleteConnection(tx, protocol))) throw notFound(`${protocol.toUpperCase()} connection`);
    await recordAudit(tx, ctx.clock, actor, { action: `sso.${protocol}.removed`, entityType: 'sso_connection', entityId: protocol });
  });
  forgetOidcConfiguration(ctx, actor.orgId);
}

export async function putSsoPolicy(ctx: AppContext, actor: Actor, input: z.infer<typeof PutSsoPolicySchema>): Promise<SsoPolicy> {
  authorize(actor, 'sso.manage');
  await checkDomainsFree(ctx, actor.orgId, input.emailDomains);
  return ctx.db.tenant(actor.orgId, (tx) => writePolicy(ctx, tx, actor, input));
}
