import type { Role } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';

/**
 * How long a verified API key is trusted without a look-up. Ingestion at
 * thousands of requests a second must not pay a query each (on PGlite it would
 * also queue behind the write transaction). A committed revocation reaches
 * every process at once (this one directly, others on the same PostgreSQL by
 * NOTIFY on `KEYS_CHANNEL`); this lifetime only bounds a revocation whose
 * notice was lost, or one written to the database by hand.
 */
export const KEY_CACHE_MS = 10_000;

/** The PostgreSQL channel on which a committed revocation names the keys every process must forget. */
export const KEYS_CHANNEL = 'lodestar_keys';
/**
 * A NOTIFY payload holds at most 8,000 bytes, and deactivating a user may revoke any number of keys: ids go
 * 100 to a notice (3,700 bytes), so each notice still names its keys and no process has to drop its whole cache.
 */
export const IDS_PER_NOTICE = 100;

export interface CachedKey {
  id: string;
  org_id: string;
  key_hash: string;
  role: Role;
  employee_id: string | null;
  partner_id: string | null;
  verifiedUntil: number;
}

/**
 * Verified keys, and the ids this process knows to be revoked (a revocation is final, so a look-up that read
 * the row just before the revocation committed can never re-admit the key; one id is a few dozen bytes).
 */
interface KeyCache {
  verified: Map<string, CachedKey>;
  revoked: Set<string>;
}

const keyCaches = new WeakMap<AppContext, KeyCache>();

export function keyCacheOf(ctx: AppContext): KeyCache {
  let cache = keyCaches.get(ctx);
  if (!cache) keyCaches.set(ctx, (cache = { verified: new Map(), revoked: new Set() }));
  return cache;
}

/** Refuses a revoked key in this process from now on, without waiting for the cache to expire. */
export function forgetApiKey(ctx: AppContext, id: string): void {
  const cache = keyCacheOf(ctx);
  cache.revoked.add(id);
  cache.verified.delete(id);
}

/**
 * Call in the transaction that revokes `ids`: once it commits (never if it rolls back, so a failed revocation
 * locks nobody out) this process forgets them, and every other process on the same PostgreSQL database is
 * told to (PGlite has one process: the local forgetting is all there is).
 */
export function forgetApiKeysOnCommit(ctx: AppContext, tx: Tx, ids: readonly string[]): void {
  if (ids.length === 0) return;
  for (let i = 0; i < ids.length; i += IDS_PER_NOTICE) tx.notifyOnCommit(KEYS_CHANNEL, ids.slice(i, i + IDS_PER_NOTICE).join(','));
  tx.afterCommit(() => {
    for (const id of ids) forgetApiKey(ctx, id);
  });
}

/**
 * What a process does with a notice on `KEYS_CHANNEL`: forget the keys it names (its own notices come back
 * too, harmlessly). `null` means notices may have been lost while the listening connection was re-opened:
 * every cached key is then looked up again on its next use.
 */
export function onKeysNotice(ctx: AppContext, payload: string | null): void {
  if (payload === null) {
    keyCacheOf(ctx).verified.clear();
    return;
  }
  for (const id of payload.split(',')) if (id) forgetApiKey(ctx, id);
}

const relays = new WeakMap<AppContext, Promise<() => Promise<void>>>();

/** Starts hearing other processes' revocations (a no-op on PGlite); with the app's background work. */
export function startKeyRevocationRelay(ctx: AppContext): Promise<void> {
  if (!relays.has(ctx)) relays.set(ctx, ctx.db.listen(KEYS_CHANNEL, (payload) => onKeysNotice(ctx, payload)));
  return relays.get(ctx)!.then(() => undefined);
}

export async function stopKeyRevocationRelay(ctx: AppContext): Promise<void> {
  const relay = relays.get(ctx);
  relays.delete(ctx);
  const stop = await relay?.catch(() => null); // a relay that never started has nothing to stop
  await stop?.();
}
