/**
 * The SQL of the dispatcher's claims, one organisation at a time.
 *
 * A claim that locks rows (`FOR UPDATE SKIP LOCKED`) names its `org_id`, so on
 * Citus it is a single-shard (router) query; the organisations with due events
 * are found by a plain read of the oldest pending ids, which keeps the outbox
 * roughly first-in first-out across organisations, as one global claim did.
 */
import type { Database } from '../db/database.ts';

export interface OutboxRow {
  org_id: string;
  id: number;
  name: string;
  payload: unknown;
  created_at: Date;
  handled_by: string[];
  attempts: number;
}

export interface ClaimOptions {
  now: Date;
  leaseUntil: Date;
  maxAttempts: number;
  limit: number;
  names: string[];
}

/** How many of the oldest pending events are read to find the organisations to claim from. */
const DUE_WINDOW = 2000;

/** Organisations with due events of these names, the one with the oldest first. */
export async function organisationsWithDueEvents(db: Database, o: ClaimOptions): Promise<string[]> {
  const rows = await db.system((tx) =>
    tx.query<{ org_id: string }>(
      `SELECT org_id FROM (
         SELECT org_id, id FROM outbox_events
          WHERE done_at IS NULL AND attempts < $2 AND (next_attempt_at IS NULL OR next_attempt_at <= $1) AND name = ANY ($3::text[])
          ORDER BY id LIMIT $4) due
        GROUP BY org_id ORDER BY min(id)`,
      [o.now, o.maxAttempts, o.names, DUE_WINDOW],
    ),
  );
  return rows.map((r) => r.org_id);
}

/** Takes one organisation's oldest due events and hides them from other processes until the lease ends, counting the attempt. */
export async function claimEventsOf(db: Database, orgId: string, o: ClaimOptions): Promise<OutboxRow[]> {
  const rows = await db.system((tx) =>
    tx.query<OutboxRow>(
      `UPDATE outbox_events SET attempts = attempts + 1, next_attempt_at = $3
        WHERE org_id = $1 AND id IN (
          SELECT id FROM outbox_events
           WHERE org_id = $1 AND done_at IS NULL AND attempts < $4 AND (next_attempt_at IS NULL OR next_attempt_at <= $2)
             AND name = ANY ($6::text[])
           ORDER BY id LIMIT $5 FOR UPDATE SKIP LOCKED)
        RETURNING org_id, id, name, payload, created_at, handled_by, attempts`,
      [orgId, o.now, o.leaseUntil, o.maxAttempts, o.limit, o.names],
    ),
  );
  return rows.sort((a, b) => a.id - b.id);
}

/** Leaves an event for a later attempt (or for an admin, when `retryAt` is null) with its error. */
export async function recordEventFailure(db: Database, row: OutboxRow, retryAt: Date | null, lastError: string): Promise<void> {
  await db.system((tx) =>
    tx.query(`UPDATE outbox_events SET next_attempt_at = $3, last_error = $4 WHERE org_id = $1 AND id = $2`, [row.org_id, row.id, retryAt, lastError]),
  );
}

/** Marks one organisation's events done. */
export async function markEventsDone(db: Database, orgId: string, ids: number[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.system((tx) =>
    tx.query(`UPDATE outbox_events SET done_at = $3, next_attempt_at = NULL, last_error = NULL WHERE org_id = $1 AND id = ANY ($2::bigint[])`, [
      orgId,
      ids,
      now,
    ]),
  );
}
