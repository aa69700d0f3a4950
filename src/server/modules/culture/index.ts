// The culture module's public surface (C9 culture and vision assessment): main.ts and the demo import from here only.
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { registerLifecycleRoutes } from './culture.routes.ts';
import { registerResultsRoutes } from './results.routes.ts';

export { registerCultureJobs, scheduleCultureJobs } from './culture.jobs.ts';
export { BUILT_IN_TEMPLATES } from './templates.content.ts';
export { levelOf, tenureBandOf } from './level.ts';
export { listAssessments } from './assessments.service.ts';
export { getOverview } from './results.service.ts';

/** Every culture route: templates, assessments, invitations and the answer page (lifecycle), and results and action plans. */
export function registerCultureRoutes(app: HttpApp, ctx: AppContext): void {
  registerLifecycleRoutes(app, ctx);
  registerResultsRoutes(app, ctx);
}
