import { X509Certificate } from 'node:crypto';
import type { ConnectionTest } from '../../../contracts/identity.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { discoverProvider } from './oidc.client.ts';
import { createGuardedFetch } from './outbound-fetch.ts';
import { readClientSecret, readConnection } from './sso-connections.ts';

// "Test connection" on the settings page: what can be checked without a person signing in. Each check has a
// key the page words in the admin's language and, when it fails, the technical detail.

type Check = ConnectionTest['checks'][number];
const pass = (key: string, detail: string | null = null): Check => ({ key, ok: true, detail });
const fail = (key: string, detail: string): Check => ({ key, ok: false, detail: detail.slice(0, 300) });
const listed = (values: readonly string[] | undefined, wanted: string) => values === undefined || values.includes(wanted);
const summary = (checks: Check[]): ConnectionTest => ({ ok: checks.every((c) => c.ok), checks });

export async function testOidcConnection(ctx: AppContext, actor: Actor): Promise<ConnectionTest> {
  authorize(actor, 'sso.manage');
  const connection = await ctx.db.tenant(actor.orgId, (tx) => readConnection(tx, 'oidc'));
  if (!connection) throw notFound('OIDC connection');
  const s = connection.settings;
  const checks: Check[] = [];
  try {
    const secret = await readClientSecret(ctx, actor.orgId);
    checks.push(secret ? pass('clientSecret') : fail('clientSecret', 'no client secret is stored'));
  } catch (error) {
    checks.push(fail('clientSecret', `the stored secret cannot be decrypted: ${(error as Error).message}`));
  }
  let server: Awaited<ReturnType<typeof discoverProvider>>;
  try {
    server = await discoverProvider(ctx, s.issuer);
    checks.push(pass('discovery', server.issuer));
  } catch (error) {
    checks.push(fail('discovery', (error as Error).message));
    return summary(checks);
  }
  checks.push(listed(server.response_types_supported, 'code') ? pass('authorizationCode') : fail('authorizationCode', `response types: ${server.response_types_supported?.join(', ')}`));
  checks.push(
    server.code_challenge_methods_supported === undefined
      ? pass('pkce', 'not advertised; PKCE is sent anyway')
      : server.code_challenge_methods_supported.includes('S256')
        ? pass('pkce')
        : fail('pkce', `methods: ${server.code_challenge_methods_supported.join(', ')}`),
  );
  const methods = server.token_endpoint_auth_methods_supported;
  checks.push(
    listed(methods, 'client_secret_basic') || listed(methods, 'client_secret_post') ? pass('clientAuthentication') : fail('clientAuthentication', `methods: ${methods?.join(', ')}`),
  );
  checks.push(await checkKeys(ctx, server.jwks_uri));
  checks.push(listed(server.claims_supported, s.emailClaim) ? pass('emailClaim', s.emailClaim) : fail('emailClaim', `"${s.emailClaim}" is not among the claims the provider lists`));
  checks.push(pass('endSession', server.end_session_endpoint ?? null));
  return summary(checks);
}

async function checkKeys(ctx: AppContext, jwksUri: string | undefined): Promise<Check> {
  if (!jwksUri) return fail('signingKeys', 'the provider lists no jwks_uri');
  try {
    const res = await createGuardedFetch(ctx.config.LODESTAR_SSO_ALLOW_PRIVATE)(jwksUri, { method: 'GET', headers: { accept: 'application/json' } });
    const body = (await res.json()) as { keys?: unknown[] };
    return res.ok && Array.isArray(body.keys) && body.keys.length ? pass('signingKeys', `${body.keys.length} keys`) : fail('signingKeys', `HTTP ${res.status}, no keys`);
  } catch (error) {
    return fail('signingKeys', (error as Error).message);
  }
}

export async function testSamlConnection(ctx: AppContext, actor: Actor): Promise<ConnectionTest> {
  authorize(actor, 'sso.manage');
  const connection = await ctx.db.tenant(actor.orgId, (tx) => readConnection(tx, 'saml'));
  if (!connection) throw notFound('SAML connection');
  const s = connection.settings;
  const checks: Check[] = [];
  try {
    const cert = new X509Certificate(s.idpCert);
    const now = ctx.clock.now();
    const [from, to] = [new Date(cert.validFrom), new Date(cert.validTo)];
    checks.push(from <= now && now < to ? pass('certificate', `valid until ${to.toISOString()}`) : fail('certificate', `valid ${from.toISOString()} – ${to.toISOString()}`));
  } catch (error) {
    checks.push(fail('certificate', (error as Error).message));
  }
  const entry = URL.canParse(s.entryPoint) ? new URL(s.entryPoint) : null;
  checks.push(entry?.protocol === 'https:' ? pass('entryPoint', entry.origin) : fail('entryPoint', 'the sign-on URL should use https'));
  checks.push(s.idpIssuer ? pass('idpIssuer', s.idpIssuer) : pass('idpIssuer', 'not set: any issuer signing with this certificate is accepted'));
  return summary(checks);
}
