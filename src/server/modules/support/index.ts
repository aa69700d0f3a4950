// The care module's public surface (support requests, hard-case flags, the managers' summary): main.ts and the demo import from here only.
export { registerSupportRoutes } from './support.routes.ts';
export { createSupportRequest, updateSupportRequest } from './support-requests.service.ts';
export { flagHardCase } from './hard-flags.service.ts';
export { caseDifficulty, DIFFICULTY } from './support-summary.service.ts';
