// The governance module's public surface (experience committee and executive listening): main.ts, the demo, the monthly report and the access module's session import from here only.
export { registerGovernanceRoutes } from './governance.routes.ts';
export { governanceDigest, type GovernanceDigest } from './digest.service.ts';
export { addCommitteeMember } from './committee.service.ts';
export { createMeeting, updateDecision } from './meetings.service.ts';
export { createRotation } from './rotation.service.ts';
export { createSession, logSession, updateSession } from './sessions.service.ts';
export { governanceMembershipsOf } from './governance.access.ts';
