import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock, type Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import type { AppContext } from './platform/context.ts';
import type { Database } from './platform/db/database.ts';
import { registerAuthentication } from './platform/http/authenticate.ts';
import { createHttpApp, type HttpApp } from './platform/http/app.ts';
import { registerHealthRoute } from './platform/http/health.ts';
import { registerPrometheusRoute } from './platform/observability/index.ts';
import { EventBus } from './platform/events/index.ts';
import { JobRunner } from './platform/jobs/index.ts';
import { registerStatisticsJob, scheduleStatisticsJob } from './platform/db/statistics.ts';
import { registerIdempotencyJobs, scheduleIdempotencyJobs } from './platform/idempotency-retention.ts';
import {
  createAuthenticator,
  registerAccessJobs,
  registerAccessRoutes,
  scheduleAccessJobs,
  startKeyRevocationRelay,
  stopKeyRevocationRelay,
} from './modules/access/index.ts';
import { registerMetricRoutes } from './modules/metrics/index.ts';
import { registerBoardRoutes, registerDashboardRoutes } from './modules/dashboards/index.ts';
import { registerOdataRoutes } from './modules/odata/index.ts';
import { registerOrgRoutes } from './modules/org/index.ts';
import { registerDraftJobs, registerResponseRoutes, scheduleDraftJobs } from './modules/responses/index.ts';
import { registerStreamRoutes } from './modules/stream/index.ts';
import { registerTextEvents, registerTextJobs, registerTextRoutes, scheduleTextJobs, warmUpTextAnalysis } from './modules/text/index.ts';
import { registerCaseEvents, registerCaseJobs, registerCaseRoutes, scheduleCaseJobs } from './modules/cases/index.ts';
import { registerRecognitionEvents, registerRecognitionJobs, registerRecognitionRoutes, scheduleRecognitionJobs } from './modules/recognition/index.ts';
import { registerImprovementRoutes } from './modules/improvements/index.ts';
import { registerJourneyRoutes } from './modules/journeys/index.ts';
import { registerCultureJobs, registerCultureRoutes, scheduleCultureJobs } from './modules/culture/index.ts';
import { registerIdentityJobs, registerIdentityRoutes, scheduleIdentityJobs } from './modules/identity/index.ts';
import { registerPartnersRoutes } from './modules/partners/index.ts';
import { registerPrivacyJobs, registerPrivacyRoutes, schedulePrivacyJobs } from './modules/privacy/index.ts';
import { registerSupportRoutes } from './modules/support/index.ts';
import { registerAuditRoutes } from './modules/audit/index.ts';
import { registerGovernanceRoutes } from './modules/governance/index.ts';
import { registerReportJobs, registerReportRoutes, scheduleReportJobs } from './modules/reports/index.ts';
import { registerLearningEvents, registerLearningRoutes } from './modules/learning/index.ts';
import { registerChatRobotEvents, registerChatRobotRoutes, registerWebhookEvents, registerWebhookJobs, registerWebhookRoutes } from './modules/webhooks/index.ts';
import { registerMessageChannelRoutes, registerSurveyJobs, registerSurveyRoutes, registerSurveyTriggers, scheduleSurveyJobs } from './modules/surveys/index.ts';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface Server {
  app: HttpApp;
  ctx: AppContext;
}

/** Composes the platform and every capability module into one HTTP app. */
export async function createServer(config: Config, db: Database, options: { clock?: Clock; webDir?: string } = {}): Promise<Server> {
  const clock = options.clock ?? systemClock;
  const app = await createHttpApp({ logLevel: config.LODESTAR_LOG_LEVEL, logFormat: config.LODESTAR_LOG_FORMAT, db, webDir: options.webDir });
  const ctx: AppContext = {
    db,
    clock,
    config,
    events: new EventBus(db, clock, app.log),
    jobs: new JobRunner(db, clock, app.log),
  };
  registerAuthentication(app, createAuthenticator(ctx));
  registerPrometheusRoute(app, { db, clock, handledEvents: () => ctx.events.handledEventNames(), token: config.LODESTAR_METRICS_TOKEN });
  registerHealthRoute(app, db);
  registerAccessRoutes(app, ctx);
  registerAccessJobs(ctx);
  registerStatisticsJob(ctx);
  registerOrgRoutes(app, ctx);
  registerOdataRoutes(app, ctx);
  registerSurveyRoutes(app, ctx);
  registerSurveyJobs(ctx);
  registerMessageChannelRoutes(app, ctx);
  registerSurveyTriggers(ctx);
  registerResponseRoutes(app, ctx);
  registerDraftJobs(ctx);
  registerIdempotencyJobs(ctx);
  registerTextRoutes(app, ctx);
  registerTextEvents(ctx);
  registerTextJobs(ctx);
  registerStreamRoutes(app, ctx);
  registerCaseRoutes(app, ctx);
  registerCaseEvents(ctx); // after the text module's handler, so sentiment rules usually find the analysis at once
  registerCaseJobs(ctx);
  registerMetricRoutes(app, ctx);
  registerDashboardRoutes(app, ctx);
  registerBoardRoutes(app, ctx);
  registerRecognitionRoutes(app, ctx);
  registerRecognitionEvents(ctx);
  registerRecognitionJobs(ctx);
  registerWebhookRoutes(app, ctx);
  registerWebhookEvents(ctx);
  registerWebhookJobs(ctx);
  registerChatRobotRoutes(app, ctx);
  registerChatRobotEvents(ctx);
  registerImprovementRoutes(app, ctx);
  registerJourneyRoutes(app, ctx);
  registerCultureRoutes(app, ctx);
  registerPartnersRoutes(app, ctx);
  registerCultureJobs(ctx);
  registerIdentityRoutes(app, ctx);
  registerIdentityJobs(ctx);
  registerSupportRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerGovernanceRoutes(app, ctx);
  registerReportRoutes(app, ctx);
  registerReportJobs(ctx);
  registerLearningRoutes(app, ctx);
  registerLearningEvents(ctx);
  registerPrivacyRoutes(app, ctx);
  registerPrivacyJobs(ctx);
  await app.ready();
  return { app, ctx };
}

/** Starts event dispatch, the job runner and the other-nodes relays (tests drive dispatch and jobs by hand with drain() and runDue()). */
export async function startBackgroundWork(ctx: AppContext): Promise<void> {
  await scheduleAccessJobs(ctx);
  await scheduleStatisticsJob(ctx);
  await scheduleDraftJobs(ctx);
  await scheduleIdempotencyJobs(ctx);
  await scheduleSurveyJobs(ctx);
  await scheduleCaseJobs(ctx);
  await scheduleRecognitionJobs(ctx);
  await scheduleTextJobs(ctx);
  await scheduleCultureJobs(ctx);
  await scheduleReportJobs(ctx);
  await scheduleIdentityJobs(ctx);
  await schedulePrivacyJobs(ctx);
  // The model and segmenter load in about 0.35 s: pay it at start, not on the first customer's comment.
  warmUpTextAnalysis();
  // Before serving: from the first request on, a key revoked on another node is refused here at once.
  await startKeyRevocationRelay(ctx);
  ctx.events.start();
  ctx.jobs.start();
}

export async function stopBackgroundWork(ctx: AppContext): Promise<void> {
  await ctx.events.stop();
  await ctx.jobs.stop();
  await stopKeyRevocationRelay(ctx);
}
