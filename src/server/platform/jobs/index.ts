export {
  enqueueJob,
  JobRunner,
  type Job,
  type JobContext,
  type JobHandler,
  type EnqueueJobInput,
  type JobRunnerOptions,
  type RunDueResult,
  type Logger,
} from './jobs.ts';
