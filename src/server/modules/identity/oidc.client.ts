import * as oidc from 'openid-client';
import { MINUTE } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { createGuardedFetch } from './outbound-fetch.ts';
import { readClientSecret, type OidcSettings } from './sso-connections.ts';

// openid-client configurations per organisation: discovery is a network round trip and the provider's keys
// another, so a configuration is kept for five minutes per process, keyed by everything that could change
// it (issuer, client, and when the connection was last saved, which a save on any node moves).

const CACHE_MS = 5 * MINUTE;
const TIMEOUT_SECONDS = 10;

interface Cached {
  key: string;
  config: oidc.Configuration;
  until: number;
}
const caches = new WeakMap<AppContext, Map<string, Cached>>();

export class OidcSetupError extends Error {}

function discoveryOptions(ctx: AppContext): oidc.DiscoveryRequestOptions {
  const allowPrivate = ctx.config.LODESTAR_SSO_ALLOW_PRIVATE;
  return {
    [oidc.customFetch]: createGuardedFetch(allowPrivate) as oidc.CustomFetch,
    execute: allowPrivate ? [oidc.allowInsecureRequests] : [],
    timeout: TIMEOUT_SECONDS,
  };
}

/** The provider's metadata, fetched now (no cache): what the connection test and a fresh configuration use. */
export async function discoverProvider(ctx: AppContext, issuer: string): Promise<oidc.ServerMetadata> {
  const probe = await oidc.discovery(new URL(issuer), 'discovery-probe', undefined, oidc.None(), discoveryOptions(ctx));
  return probe.serverMetadata();
}

/**
 * A client for the organisation's provider. Client authentication follows what the provider offers:
 * client_secret_basic (the default of the specification) unless it lists only client_secret_post.
 */
export async function oidcConfiguration(ctx: AppContext, orgId: string, settings: OidcSettings, savedAt: Date): Promise<oidc.Configuration> {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new Map()));
  const key = `${settings.issuer}|${settings.clientId}|${savedAt.getTime()}`;
  const hit = cache.get(orgId);
  if (hit && hit.key === key && hit.until > Date.now()) return hit.config;

  const secret = await readClientSecret(ctx, orgId);
  if (!secret) throw new OidcSetupError('no client secret is stored');
  const server = await discoverProvider(ctx, settings.issuer);
  const methods = server.token_endpoint_auth_methods_supported;
  const auth = !methods || methods.includes('client_secret_basic') || !methods.includes('client_secret_post') ? oidc.ClientSecretBasic(secret) : oidc.ClientSecretPost(secret);
  const config = new oidc.Configuration(server, settings.clientId, { client_secret: secret }, auth);
  const options = discoveryOptions(ctx);
  config[oidc.customFetch] = options[oidc.customFetch]!;
  config.timeout = TIMEOUT_SECONDS;
  for (const apply of options.execute ?? []) apply(config);
  cache.set(orgId, { key, config, until: Date.now() + CACHE_MS });
  return config;
}

/** Forgets an organisation's configuration (after its connection was changed or removed on this node). */
export function forgetOidcConfiguration(ctx: AppContext, orgId: string): void {
  caches.get(ctx)?.delete(orgId);
}
