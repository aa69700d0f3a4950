// The cases module's public surface (closed loop, C6): main.ts, the demo and later modules import from here only.
export { registerCaseRoutes } from './cases.routes.ts';
export { registerCaseEvents, openCasesForResponses } from './alert-rules.evaluate.ts';
export { registerCaseJobs, scheduleCaseJobs, escalateBreachedCases, flagOverdueExemptionReports } from './cases.jobs.ts';
export { insertAlertRule } from './alert-rules.service.ts';
export { actOnCase } from './case-actions.service.ts';
export { captureCase } from './case-capture.service.ts';
export { findCaseTakenPartIn, openCasesByOwner, type OpenCaseWeight } from './case-care.ts';
export { DEFAULT_ROOT_CAUSES, DEFAULT_SLA } from './settings.service.ts';
export { summariseRootCauses, type RootCauseSummary } from './root-causes.summary.ts';
export type { ApprovalRequested, CaseClosed, CaseCreated, CaseEscalated, CaseRef, CaseUpdated, InsightCaptured, WarningRaised } from './cases.events.ts';
