// The identity module's public surface (single sign-on by OIDC and SAML, the SSO policy, SCIM provisioning):
// main.ts imports from here only.
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { setPasswordLoginGuard } from '../access/index.ts';
import { registerIdentityApiRoutes } from './identity.routes.ts';
import { registerScimRoutes } from './scim.routes.ts';
import { passwordLoginGuard } from './sso-policy.ts';
import { registerSsoBrowserRoutes } from './sso.routes.ts';

export { registerIdentityJobs, scheduleIdentityJobs } from './identity.jobs.ts';

/** The SSO settings API, the browser's login routes (/auth/oidc, /auth/saml), SCIM (/scim/v2), and the policy on password login. */
export function registerIdentityRoutes(app: HttpApp, ctx: AppContext): void {
  registerIdentityApiRoutes(app, ctx);
  registerSsoBrowserRoutes(app, ctx);
  registerScimRoutes(app, ctx);
  setPasswordLoginGuard(ctx, passwordLoginGuard);
}
