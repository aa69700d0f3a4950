// The partners module's public surface (C11 partners): main.ts and the demo import from here only.
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { registerPartnerRoutes } from './partners.routes.ts';
import { registerPartnerPublicRoutes } from './public.routes.ts';
import { registerPartnerVoiceRoutes } from './voice.routes.ts';

export { insertPartner } from './partners.service.ts';
export { insertShareLink } from './share-links.service.ts';
export { insertPartnerRule } from './rules.service.ts';
export { insertPartnerReply } from './replies.service.ts';
export { insertPartnerFit } from './fit.service.ts';

/** The organisation's partner routes, a partner key's own report, the share link's API and page, rules, replies and fit. */
export function registerPartnersRoutes(app: HttpApp, ctx: AppContext): void {
  registerPartnerRoutes(app, ctx);
  registerPartnerPublicRoutes(app, ctx);
  registerPartnerVoiceRoutes(app, ctx);
}
