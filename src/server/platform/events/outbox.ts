/**
 * The write side of the outbox: an event is a row written in the same
 * transaction as the change it announces, so it exists exactly when the change
 * does, and survives a crash until a handler has taken care of it.
 */
import { systemClock } from '../clock.ts';
import type { Tx } from '../db/database.ts';

/** What a handler receives: one committed event of one organisation. */
export interface Event<T = unknown> {
  id: number;
  orgId: string;
  name: string;
  payload: T;
  createdAt: Date;
}

export interface PublishOptions {
  /** When the change happened; pass the service's clock so tests that move time see it. */
  at?: Date;
}

// Dispatchers running in this process; a commit wakes them so events are handled at once.
const wakeListeners = new Set<() => void>();

/** Records an event in the caller's tenant transaction; it is delivered only if that transaction commits. */
export async function publish<T>(tx: Tx, name: string, payload: T, options: PublishOptions = {}): Promise<void> {
  if (tx.orgId === null) throw new Error(`publish('${name}') needs a tenant transaction: events belong to an organisation`);
  await tx.query(`INSERT INTO outbox_events (org_id, name, payload, created_at) VALUES ($1, $2, $3::jsonb, $4)`, [
    tx.orgId,
    name,
    JSON.stringify(payload),
    options.at ?? systemClock.now(),
  ]);
  tx.afterCommit(wakeDispatchers);
}

/** Records many events of one name with one statement (bulk ingestion); the same guarantees as publish(). */
export async function publishMany<T>(tx: Tx, name: string, payloads: T[], options: PublishOptions = {}): Promise<void> {
  if (tx.orgId === null) throw new Error(`publishMany('${name}') needs a tenant transaction: events belong to an organisation`);
  if (payloads.length === 0) return;
  await tx.query(
    `INSERT INTO outbox_events (org_id, name, payload, created_at)
     SELECT $1, $2, e.payload, $4 FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(payload, n) ORDER BY e.n`,
    [tx.orgId, name, JSON.stringify(payloads), options.at ?? systemClock.now()],
  );
  tx.afterCommit(wakeDispatchers);
}

/** Lets a running dispatcher hear about commits; returns the function that stops listening. */
export function onEventCommitted(listener: () => void): () => void {
  wakeListeners.add(listener);
  return () => wakeListeners.delete(listener);
}

function wakeDispatchers(): void {
  for (const wake of wakeListeners) wake();
}
