// The responses module's public surface: other modules, main.ts and the CLI import from here only.
export { registerResponseRoutes } from './responses.routes.ts';
export { registerResponseImporter } from './responses.import.ts';
export { ingestResponse, ingestStats } from './ingest.service.ts';
export { ingestBatch } from './batch.service.ts';
export { listResponses, getResponse } from './responses.service.ts';
export { submitPublicResponse } from './public.service.ts';
export type { ResponseSubmitted } from './ingest.write.ts';
export { onResponsesWritten, type IngestNotes } from './ingest.hooks.ts';
export { registerDraftJobs, scheduleDraftJobs } from './drafts.jobs.ts';
