export { enqueueJob, SYSTEM_JOBS_ORG, type EnqueueJobInput } from './enqueue.ts';
export { JobRunner, type Job, type JobContext, type JobHandler, type JobRunnerOptions, type RunDueResult } from './jobs.ts';
