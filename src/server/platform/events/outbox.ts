/**
 * The write side of the outbox: an event is a row written in the same
 * transaction as the change it announces, so it exists exactly when the change
 * does, and survives a crash until a handler has taken care of it.
 *
 * A commit that published wakes this process's dispatcher and live stream at
 * once, and sends one small notification (`<node>:<organisation>`) that wakes
 * those of every other process on the same PostgreSQL database.
 */
import { randomUUID } from 'node:crypto';
import { systemClock } from '../clock.ts';
import type { Database, Tx } from '../db/database.ts';
import { processMetrics } from '../observability/index.ts';

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

/** The PostgreSQL channel that carries "an organisation committed events" between processes. */
export const EVENTS_CHANNEL = 'lodestar_events';
/** This process, so it can ignore the notifications it sent itself (its own commits woke it already). */
const NODE_ID = randomUUID().slice(0, 8);

/** Hears a commit that published: the organisation, or null when it is unknown which (a missed notification). */
export type CommitListener = (orgId: string | null) => void;

// Dispatchers and streams running in this process.
const wakeListeners = new Set<CommitListener>();

/** Records an event in the caller's tenant transaction; it is delivered only if that transaction commits. */
export async function publish<T>(tx: Tx, name: string, payload: T, options: PublishOptions = {}): Promise<void> {
  if (tx.orgId === null) throw new Error(`publish('${name}') needs a tenant transaction: events belong to an organisation`);
  await tx.query(`INSERT INTO outbox_events (org_id, name, payload, created_at) VALUES ($1, $2, $3::jsonb, $4)`, [
    tx.orgId,
    name,
    JSON.stringify(payload),
    options.at ?? systemClock.now(),
  ]);
  announce(tx, tx.orgId);
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
  announce(tx, tx.orgId);
}

/** Lets a running dispatcher or stream hear about commits; returns the function that stops listening. */
export function onEventCommitted(listener: CommitListener): () => void {
  wakeListeners.add(listener);
  return () => wakeListeners.delete(listener);
}

/**
 * Relays other processes' commits (PostgreSQL LISTEN on the database's dedicated connection) to this
 * process's listeners; returns the function that stops. On PGlite there is no other process: it does nothing.
 */
export function relayOtherProcessesCommits(db: Database): Promise<() => Promise<void>> {
  return db.listen(EVENTS_CHANNEL, (payload) => {
    if (payload === null) return wakeAll(null);
    const [node, orgId] = payload.split(':');
    if (node === NODE_ID || !orgId) return;
    processMetrics().notificationsReceived.inc();
    wakeAll(orgId);
  });
}

function announce(tx: Tx, orgId: string): void {
  tx.notifyOnCommit(EVENTS_CHANNEL, `${NODE_ID}:${orgId}`);
  tx.afterCommit(() => wakeAll(orgId));
}

function wakeAll(orgId: string | null): void {
  for (const wake of wakeListeners) wake(orgId);
}
