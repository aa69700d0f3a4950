export {
  enqueueJob,
  JobRunner,
  type Job,
  type JobContext,
  type JobHandler,
  type EnqueueJobInput,
  type JobRunnerOptions,
  type RunDueResult,
} from './jobs.ts';
