import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { registerCommitteeRoutes } from './committee.routes.ts';
import { registerListeningRoutes } from './listening.routes.ts';

/** The committee's and executive listening's routes. */
export function registerGovernanceRoutes(app: HttpApp, ctx: AppContext): void {
  registerCommitteeRoutes(app, ctx);
  registerListeningRoutes(app, ctx);
}
