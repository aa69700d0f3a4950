// The privacy module's public surface (issue 18): main.ts and the demo import from here only.
export { registerPrivacyRoutes } from './privacy.routes.ts';
export { registerPrivacyJobs, schedulePrivacyJobs, applyRetention, scheduleRetention } from './retention.jobs.ts';
export { eraseInTransaction } from './erasure.service.ts';
export { exportCustomer } from './export.service.ts';
export { saveRetention } from './retention.service.ts';
