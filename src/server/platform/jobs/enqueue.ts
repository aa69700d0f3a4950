/**
 * The write side of the jobs table: work scheduled in the caller's transaction.
 *
 * Every job row carries an organisation, so the table shards by `org_id` like
 * every tenant table (Citus). System work (rollups across organisations,
 * clean-ups) belongs to the all-zero organisation, which has no row in
 * `organisations`: handlers see `orgId: null` for it.
 */
import { systemClock } from '../clock.ts';
import type { Tx } from '../db/database.ts';

/** The organisation of system jobs in the `jobs` table (never a real organisation's id). */
export const SYSTEM_JOBS_ORG = '00000000-0000-0000-0000-000000000000';

export interface EnqueueJobInput<T> {
  name: string;
  payload?: T;
  /** Not before this time; omitted means as soon as a worker is free. */
  runAt?: Date;
  /** At most one job ever holds a key within its organisation (system jobs share one). */
  uniqueKey?: string;
  maxAttempts?: number;
  /** Organisation of the job; defaults to the transaction's (a system transaction may name any, or null for a system job). */
  orgId?: string | null;
}

/** The stored organisation of a job: its own, or the system jobs' one. */
export const storedOrgOf = (orgId: string | null): string => orgId ?? SYSTEM_JOBS_ORG;

/** The organisation a handler sees: null for a system job. */
export const visibleOrgOf = (storedOrgId: string): string | null => (storedOrgId === SYSTEM_JOBS_ORG ? null : storedOrgId);

/** Schedules work in the caller's transaction, so it exists only if the change that asked for it commits; returns its id, or null when `uniqueKey` is taken. */
export async function enqueueJob<T>(tx: Tx, input: EnqueueJobInput<T>): Promise<number | null> {
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO jobs (org_id, name, payload, run_at, unique_key, max_attempts, created_at)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7)
     ON CONFLICT (org_id, unique_key) DO NOTHING RETURNING id`,
    [
      storedOrgOf(input.orgId !== undefined ? input.orgId : tx.orgId),
      input.name,
      JSON.stringify(input.payload ?? {}),
      input.runAt ?? null,
      input.uniqueKey ?? null,
      input.maxAttempts ?? 5,
      systemClock.now(),
    ],
  );
  return rows[0]?.id ?? null;
}
