// The reports module's public surface (C10 monthly experience review): main.ts imports from here only.
export { registerReportRoutes } from './reports.routes.ts';
export { registerReportJobs, scheduleReportJobs } from './reports.jobs.ts';
