/**
 * Background work in a `jobs` table, run in-process: no broker, works on PGlite
 * and on several PostgreSQL app nodes alike. Claims take one organisation's due
 * jobs with FOR UPDATE SKIP LOCKED, so each job runs on one node; a claim is a
 * lease renewed while the job runs and taken back when its process dies.
 * Delivery is at least once: a job whose process dies mid-run is run again, so
 * handlers must be idempotent (or record their effect in the same transaction
 * as a check, as the event dispatcher does).
 */
import type { Clock } from '../clock.ts';
import type { Database, Tx } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { SYSTEM_JOBS_ORG, visibleOrgOf } from './enqueue.ts';
import { claimJobsOf, organisationsWithDueJobs, reclaimStaleJobs, renewLeases, settleClaim, type JobRow } from './job-claims.ts';

/** What a handler receives: one claimed job. `attempts` counts this run. */
export interface Job<T = unknown> {
  id: number;
  /** The job's organisation; null for a system job. */
  orgId: string | null;
  name: string;
  payload: T;
  runAt: Date | null;
  attempts: number;
  maxAttempts: number;
}

export interface JobContext {
  db: Database;
  clock: Clock;
  /** Runs `fn` in a tenant transaction for the job's organisation (throws for a system job). */
  tenant<R>(fn: (tx: Tx) => Promise<R>): Promise<R>;
}

/** Does one job's work; throw to have it retried with backoff. */
export type JobHandler<T = unknown> = (job: Job<T>, ctx: JobContext) => Promise<void>;

export interface JobRunnerOptions {
  pollMs?: number;
  /** A running job whose lease was not renewed for this long is taken to be abandoned by a dead process and re-queued. */
  lockTimeoutMs?: number;
  /** Jobs claimed and run at once. */
  concurrency?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface RunDueResult {
  done: number;
  retried: number;
  failed: number;
}

type Outcome = keyof RunDueResult;

const consoleLogger: Logger = { error: (obj, msg) => console.error(msg, obj) };

/** Claims and runs due jobs with registered handlers: on demand with `runDue()`, or on a poll after `start()`. */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly options: Required<JobRunnerOptions>;
  private isRunning = false;
  private isStopping = false;
  private current: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly logger: Logger = consoleLogger,
    options: JobRunnerOptions = {},
  ) {
    this.options = { pollMs: 1000, lockTimeoutMs: 120_000, concurrency: 4, baseBackoffMs: 1000, maxBackoffMs: 3_600_000, ...options };
  }

  /** Declares who runs jobs of this name; a runner only claims jobs it can run. */
  register<T>(name: string, handler: JobHandler<T>): this {
    if (this.handlers.has(name)) throw new Error(`job handler '${name}' is already registered`);
    this.handlers.set(name, handler as JobHandler);
    return this;
  }

  /** Keeps one system job recurring every `intervalMs` (from the end of each run); safe to call at every boot of every node. */
  async every(name: string, intervalMs: number, payload: unknown = {}): Promise<void> {
    if (!Number.isSafeInteger(intervalMs) || intervalMs <= 0) throw new Error(`every('${name}'): interval must be a positive integer of ms`);
    const now = this.clock.now();
    // An existing row keeps its schedule, brought forward if the interval shrank.
    await this.db.system((tx) =>
      tx.query(
        `INSERT INTO jobs (org_id, name, payload, run_at, unique_key, repeat_every_ms, created_at)
         VALUES ($7, $1, $2::jsonb, $3, $4, $5, $3)
         ON CONFLICT (org_id, unique_key) DO UPDATE SET payload = EXCLUDED.payload, repeat_every_ms = EXCLUDED.repeat_every_ms,
           run_at = CASE WHEN jobs.status = 'queued' THEN LEAST(jobs.run_at, $6) ELSE jobs.run_at END`,
        [name, JSON.stringify(payload), now, `recurring:${name}`, intervalMs, new Date(now.getTime() + intervalMs), SYSTEM_JOBS_ORG],
      ),
    );
  }

  /** Runs every job due now, a few at a time, until none is left (tests call it directly). */
  async runDue(): Promise<RunDueResult> {
    const result: RunDueResult = { done: 0, retried: 0, failed: 0 };
    while (!this.isStopping) {
      const claimed = await this.claim();
      if (claimed.length === 0) break;
      const settled = await this.holdingLeases(claimed, () => Promise.allSettled(claimed.map((row) => this.run(row))));
      for (const outcome of settled) {
        if (outcome.status === 'rejected') throw outcome.reason; // the database is unreachable; the loop logs and polls again
        result[outcome.value] += 1;
      }
    }
    return result;
  }

  /** Re-queues jobs left `running` by a process that died (or fails them when out of attempts); returns how many. */
  async requeueStaleJobs(): Promise<number> {
    const now = this.clock.now();
    const rows = await reclaimStaleJobs(this.db, new Date(now.getTime() - this.options.lockTimeoutMs), now);
    for (const row of rows) this.logger.warn?.({ jobId: row.id, job: row.name, status: row.status }, 'abandoned job recovered');
    return rows.length;
  }

  /** Begins polling: recovers abandoned jobs, then runs due ones, every `pollMs`. */
  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.current = this.poll();
  }

  /** Stops polling and waits for the jobs in hand to finish. */
  async stop(): Promise<void> {
    this.isRunning = false;
    this.isStopping = true;
    clearTimeout(this.timer);
    await this.current;
    this.isStopping = false;
  }

  private async poll(): Promise<void> {
    try {
      await this.requeueStaleJobs();
      await this.runDue();
    } catch (err) {
      this.logger.error({ err }, 'job polling failed; will retry on the next poll');
    }
    this.current = undefined;
    if (this.isRunning) {
      this.timer = setTimeout(() => (this.current = this.poll()), this.options.pollMs).unref();
    }
  }

  /** Up to `concurrency` due jobs, taken organisation by organisation, oldest due first. */
  private async claim(): Promise<JobRow[]> {
    if (this.handlers.size === 0) return [];
    const now = this.clock.now();
    const names = [...this.handlers.keys()];
    const claimed: JobRow[] = [];
    for (const orgId of await organisationsWithDueJobs(this.db, now, names)) {
      const room = this.options.concurrency - claimed.length;
      if (room <= 0) break;
      claimed.push(...(await claimJobsOf(this.db, orgId, now, names, room)));
    }
    return claimed.sort((a, b) => a.id - b.id);
  }

  /** Runs `work` while renewing the claimed jobs' leases every quarter of the lock timeout. */
  private async holdingLeases<R>(rows: JobRow[], work: () => Promise<R>): Promise<R> {
    const renew = () => renewLeases(this.db, rows, this.clock.now()).catch((err) => this.logger.error({ err }, 'job lease renewal failed'));
    const timer = setInterval(renew, Math.max(1, Math.floor(this.options.lockTimeoutMs / 4))).unref();
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  private async run(row: JobRow): Promise<Outcome> {
    const job: Job = {
      id: row.id,
      orgId: visibleOrgOf(row.org_id),
      name: row.name,
      payload: row.payload,
      runAt: row.run_at,
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
    };
    const handler = this.handlers.get(job.name);
    try {
      if (!handler) throw new Error(`no handler registered for job '${job.name}'`);
      await handler(job, this.contextFor(job));
    } catch (err) {
      this.logger.error({ err, jobId: job.id, job: job.name, orgId: job.orgId, attempt: job.attempts }, 'job failed');
      return this.recordFailure(row, err instanceof Error ? err.message : String(err));
    }
    await this.recordSuccess(row);
    return 'done';
  }

  private contextFor(job: Job): JobContext {
    return {
      db: this.db,
      clock: this.clock,
      tenant: async (fn) => {
        if (job.orgId === null) throw new Error(`job '${job.name}' is a system job: it has no organisation`);
        return this.db.tenant(job.orgId, fn);
      },
    };
  }

  private async recordSuccess(row: JobRow): Promise<void> {
    const now = this.clock.now();
    if (row.repeat_every_ms === null) {
      await this.settle(row, `status = 'done', finished_at = $4, last_error = NULL`, [now]);
      return;
    }
    const nextRunAt = new Date(now.getTime() + row.repeat_every_ms);
    await this.settle(row, `status = 'queued', run_at = $4, attempts = 0, finished_at = $5, last_error = NULL`, [nextRunAt, now]);
  }

  /** Retries with exponential backoff; out of attempts, a one-off job fails and a recurring one waits for its next turn. */
  private async recordFailure(row: JobRow, lastError: string): Promise<Outcome> {
    const now = this.clock.now().getTime();
    const { baseBackoffMs, maxBackoffMs } = this.options;
    const canRetry = row.attempts < row.max_attempts;
    const delay = canRetry ? Math.min(baseBackoffMs * 2 ** (row.attempts - 1), maxBackoffMs) : row.repeat_every_ms;
    if (delay !== null) {
      await this.settle(row, `status = 'queued', run_at = $4, attempts = $5, last_error = $6`, [
        new Date(now + delay),
        canRetry ? row.attempts : 0,
        lastError,
      ]);
      return canRetry ? 'retried' : 'failed';
    }
    await this.settle(row, `status = 'failed', finished_at = $4, last_error = $5`, [new Date(now), lastError]);
    return 'failed';
  }

  /** Ends this claim; the attempt number identifies it, so a run that outlived its lease cannot overwrite a newer one. */
  private async settle(row: JobRow, assignments: string, params: unknown[]): Promise<void> {
    if (!(await settleClaim(this.db, row, assignments, params))) {
      this.logger.warn?.({ jobId: row.id, job: row.name }, 'job was re-queued while it ran (its lease ran out)');
    }
  }
}
