import type { SsoDiscovery } from '../../../contracts/identity.ts';
import type { AppContext } from '../../platform/context.ts';
import { orgIdOfSlug } from './sso-connections.ts';
import { ssoStartPath } from './sso-policy.ts';

const NO_SSO: SsoDiscovery = { sso: false, startUrl: null };

/**
 * The login page asks, as the person types: does this organisation (slug) or e-mail domain sign in by SSO?
 * The answer is only yes with where to start, or no; an unknown organisation and one without SSO look alike.
 * A slug the person typed wins over their e-mail's domain.
 */
export async function discoverSso(ctx: AppContext, q: { org?: string; email?: string }): Promise<SsoDiscovery> {
  const slug = q.org?.trim();
  let orgId: string | null = null;
  if (slug) {
    orgId = await orgIdOfSlug(ctx, slug);
  } else {
    const domain = q.email?.trim().toLowerCase().split('@')[1];
    if (!domain) return NO_SSO;
    const [row] = await ctx.db.system((tx) => tx.query<{ org_id: string }>(`SELECT org_id FROM sso_domains WHERE domain = $1`, [domain]));
    orgId = row?.org_id ?? null;
  }
  if (!orgId) return NO_SSO;
  const startUrl = await ctx.db.tenant(orgId, ssoStartPath);
  return startUrl ? { sso: true, startUrl } : NO_SSO;
}
