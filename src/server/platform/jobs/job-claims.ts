/**
 * The SQL of the job runner's claims and leases.
 *
 * Claims are made one organisation at a time: a `FOR UPDATE SKIP LOCKED`
 * that names its `org_id` is a single-shard (router) query on Citus, which
 * cannot lock rows across shards. The organisations with due work come from a
 * plain read of the oldest due jobs, which any node may run.
 *
 * A claimed job holds a lease: `locked_at` is renewed while it runs, so a
 * job running for an hour is left alone, while one whose process died is
 * taken back once its lease is older than the lock timeout.
 */
import type { Database } from '../db/database.ts';

export interface JobRow {
  id: number;
  org_id: string;
  name: string;
  payload: unknown;
  run_at: Date | null;
  attempts: number;
  max_attempts: number;
  repeat_every_ms: number | null;
}

/** How many of the oldest due jobs are read to find the organisations to claim from. */
const DUE_WINDOW = 200;

/** Organisations holding due jobs this runner can run, oldest due first. */
export async function organisationsWithDueJobs(db: Database, now: Date, names: string[]): Promise<string[]> {
  const rows = await db.system((tx) =>
    tx.query<{ org_id: string }>(
      `SELECT org_id FROM (
         SELECT org_id, run_at, id FROM jobs
          WHERE status = 'queued' AND (run_at IS NULL OR run_at <= $1) AND name = ANY ($2::text[])
          ORDER BY run_at NULLS FIRST, id LIMIT $3) due
        GROUP BY org_id ORDER BY min(run_at) NULLS FIRST, min(id)`,
      [now, names, DUE_WINDOW],
    ),
  );
  return rows.map((r) => r.org_id);
}

/** Takes up to `limit` due jobs of one organisation, skipping those another runner holds, and starts their lease. */
export function claimJobsOf(db: Database, orgId: string, now: Date, names: string[], limit: number): Promise<JobRow[]> {
  return db.system((tx) =>
    tx.query<JobRow>(
      `UPDATE jobs SET status = 'running', locked_at = $2, attempts = attempts + 1
        WHERE org_id = $1 AND id IN (
          SELECT id FROM jobs
           WHERE org_id = $1 AND status = 'queued' AND (run_at IS NULL OR run_at <= $2) AND name = ANY ($3::text[])
           ORDER BY run_at NULLS FIRST, id LIMIT $4 FOR UPDATE SKIP LOCKED)
        RETURNING id, org_id, name, payload, run_at, attempts, max_attempts, repeat_every_ms`,
      [orgId, now, names, limit],
    ),
  );
}

/** Renews the leases of jobs this process is still running (the attempt number identifies this claim). */
export async function renewLeases(db: Database, rows: JobRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await db.system((tx) =>
    tx.query(
      `UPDATE jobs SET locked_at = $1
        WHERE status = 'running' AND (org_id, id, attempts) IN (SELECT * FROM unnest($2::uuid[], $3::bigint[], $4::int[]))`,
      [now, rows.map((r) => r.org_id), rows.map((r) => r.id), rows.map((r) => r.attempts)],
    ),
  );
}

/**
 * Re-queues jobs whose lease ran out (their process died): a recurring job waits for its next turn with fresh
 * attempts, a one-off job out of attempts fails. Returns what it recovered.
 */
export function reclaimStaleJobs(db: Database, staleBefore: Date, now: Date): Promise<Array<{ id: number; name: string; status: string }>> {
  return db.system((tx) =>
    tx.query<{ id: number; name: string; status: string }>(
      `UPDATE jobs SET locked_at = NULL, last_error = 'abandoned: its lease ran out (the process running it stopped)',
         status = CASE WHEN attempts >= max_attempts AND repeat_every_ms IS NULL THEN 'failed' ELSE 'queued' END,
         finished_at = CASE WHEN attempts >= max_attempts AND repeat_every_ms IS NULL THEN $2 ELSE finished_at END,
         attempts = CASE WHEN attempts >= max_attempts AND repeat_every_ms IS NOT NULL THEN 0 ELSE attempts END
       WHERE status = 'running' AND locked_at < $1
       RETURNING id, name, status`,
      [staleBefore, now],
    ),
  );
}

/** Ends one claim with the given assignments ($4… are `params`); false when the claim was taken back meanwhile. */
export async function settleClaim(db: Database, row: JobRow, assignments: string, params: unknown[]): Promise<boolean> {
  const updated = await db.system((tx) =>
    tx.query(
      `UPDATE jobs SET locked_at = NULL, ${assignments}
        WHERE org_id = $1 AND id = $2 AND status = 'running' AND attempts = $3 RETURNING id`,
      [row.org_id, row.id, row.attempts, ...params],
    ),
  );
  return updated.length > 0;
}
