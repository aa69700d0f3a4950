import type { z } from 'zod';
import type {
  ConnectionTest,
  OidcConnection,
  PutOidcSchema,
  PutSamlSchema,
  PutScimSettingsSchema,
  PutSsoPolicySchema,
  SamlConnection,
  ScimSettings,
  SsoDiscovery,
  SsoOverview,
  SsoPolicy,
} from '../../../contracts/identity.ts';
import { apiDelete, apiGet, apiPost, apiPut } from '../../shared/api/client.ts';

export type { ConnectionTest, OidcConnection, SamlConnection, ScimSettings, SsoOverview, SsoPolicy };
export type OidcInput = z.input<typeof PutOidcSchema>;
export type SamlInput = z.input<typeof PutSamlSchema>;
export type PolicyInput = z.input<typeof PutSsoPolicySchema>;
export type ScimInput = z.input<typeof PutScimSettingsSchema>;
export type Protocol = 'oidc' | 'saml';

export const getSsoOverview = (signal?: AbortSignal) => apiGet<SsoOverview>('/sso', undefined, signal);
export const saveOidc = (input: OidcInput) => apiPut<OidcConnection>('/sso/oidc', input);
export const saveSaml = (input: SamlInput) => apiPut<SamlConnection>('/sso/saml', input);
export const removeConnection = (protocol: Protocol) => apiDelete(`/sso/${protocol}`);
export const testConnection = (protocol: Protocol) => apiPost<ConnectionTest>(`/sso/${protocol}/test`);
export const savePolicy = (input: PolicyInput) => apiPut<SsoPolicy>('/sso/policy', input);
export const saveScimSettings = (input: ScimInput) => apiPut<ScimSettings>('/sso/scim', input);
export const issueScimToken = () => apiPost<{ token: string; issuedAt: string }>('/sso/scim/token');
export const revokeScimToken = () => apiDelete('/sso/scim/token');
export const listUsers = async (signal?: AbortSignal) =>
  (await apiGet<{ items: { id: string; email: string; role: string; disabled: boolean }[] }>('/users', undefined, signal)).items;

/** The login page's question: does this organisation or e-mail domain sign in by SSO, and where does it start? */
export const discoverSso = (query: { org?: string; email?: string }, signal?: AbortSignal) => apiGet<SsoDiscovery>('/sso/discover', query, signal);
