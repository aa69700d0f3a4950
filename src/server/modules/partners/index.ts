// The partners module's public surface (C11 partners): main.ts and the demo import from here only.
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { registerPartnerRoutes } from './partners.routes.ts';
import { registerPartnerPublicRoutes } from './public.routes.ts';

export { insertPartner } from './partners.service.ts';
export { insertShareLink } from './share-links.service.ts';

/** The organisation's partner routes, a partner key's own report, and the share link's API and page. */
export function registerPartnersRoutes(app: HttpApp, ctx: AppContext): void {
  registerPartnerRoutes(app, ctx);
  registerPartnerPublicRoutes(app, ctx);
}
