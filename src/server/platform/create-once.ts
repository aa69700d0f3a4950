/**
 * Idempotency-Key on create routes (table `create_keys`, migration 0034): a retry of the same request by the
 * same actor creates nothing and answers what the first created; the key with another request is refused
 * (422 idempotency_conflict). Keys are per actor and route.
 *
 * Only the created entities' ids are stored, never the response: the caller re-reads a replay through its
 * normal getter as the same actor, so whatever that entity's visibility rules are today (a support request
 * open to two people, a case scrubbed by privacy erasure since) decide what the retry sees.
 *
 * Race safety: the key row is inserted first, in the create's own transaction, with entity_ids NULL. A
 * concurrent request with the same key blocks on that uncommitted row (the primary key), and once the first
 * commits its `ON CONFLICT DO NOTHING` inserts nothing and the next statement reads the committed ids; if the
 * first rolled back (a refused create), the waiting one claims the key and creates. On PGlite transactions run
 * one at a time, so the second simply finds the row.
 */
import type { Actor } from './actor.ts';
import type { Clock } from './clock.ts';
import type { Tx } from './db/database.ts';
import { hashRequest, idempotencyConflict } from './idempotency.ts';

/** What a create route hands its service: its name (e.g. `POST /api/v1/cases`), the client's key if any, and the request it fingerprints. */
export interface CreateKey {
  route: string;
  key: string | undefined;
  request: unknown;
}

/** A create's outcome: what it made now, or the ids of what the same request made before (to re-read). */
export type Once<T> = { replayed: false; value: T } | { replayed: true; ids: string[] };

/** The route description line for a create that takes an Idempotency-Key. */
export const CREATE_ONCE_DOC =
  'With an Idempotency-Key, a retry of the same request by the same caller creates nothing and answers 201 with what the first created (as it is now); the key with another request is 422 idempotency_conflict';

/**
 * Runs `create` in `tx` unless this actor already used `once.key` on this route. `create` answers the ids of
 * what it made and the value to return; without a key it just runs. Must be called before `create` writes
 * anything, inside the transaction that does the create (so a refused create releases the key).
 */
export async function createOnce<T>(tx: Tx, clock: Clock, actor: Actor, once: CreateKey, create: () => Promise<{ ids: string[]; value: T }>): Promise<Once<T>> {
  if (once.key === undefined) return { replayed: false, value: (await create()).value };
  const hash = hashRequest(once.request);
  // The row-level security policy shows key rows to their own actor only (migration 0034).
  await tx.query(`SELECT set_config('app.actor_id', $1, true)`, [actor.id]);
  const claimed = await tx.query(
    `INSERT INTO create_keys (org_id, actor_id, route, key, request_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT DO NOTHING RETURNING 1`,
    [actor.orgId, actor.id, once.route, once.key, hash, clock.now()],
  );
  if (claimed.length === 0) {
    const [prior] = await tx.query<{ request_hash: string; entity_ids: string[] | null }>(
      `SELECT request_hash, entity_ids FROM create_keys WHERE org_id = $1 AND actor_id = $2 AND route = $3 AND key = $4`,
      [actor.orgId, actor.id, once.route, once.key],
    );
    if (!prior || prior.request_hash !== hash) throw idempotencyConflict();
    // Committed rows always carry their ids (set below in the same transaction as the insert).
    if (!prior.entity_ids) throw new Error(`create_keys: ${once.route} key without entities`);
    return { replayed: true, ids: prior.entity_ids };
  }
  const { ids, value } = await create();
  await tx.query(`UPDATE create_keys SET entity_ids = $5::text[] WHERE org_id = $1 AND actor_id = $2 AND route = $3 AND key = $4`, [
    actor.orgId,
    actor.id,
    once.route,
    once.key,
    ids,
  ]);
  return { replayed: false, value };
}

/**
 * Forgets the actor's keys that point at an entity they deleted, where the deletion must leave no trace (a
 * withdrawn support request). A later retry of that create then creates it again, as a new request would.
 */
export async function forgetCreateKeys(tx: Tx, actor: Actor, route: string, entityId: string): Promise<void> {
  await tx.query(`SELECT set_config('app.actor_id', $1, true)`, [actor.id]);
  await tx.query(`DELETE FROM create_keys WHERE org_id = $1 AND actor_id = $2 AND route = $3 AND $4 = ANY (entity_ids)`, [actor.orgId, actor.id, route, entityId]);
}
