import type { Role } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';

/**
 * How long a verified API key is trusted without a look-up. Ingestion at
 * thousands of requests a second must not pay a query each (on PGlite it would
 * also queue behind the write transaction). Revoking a key in this process
 * forgets it at once; a revocation by another process counts within this time.
 */
export const KEY_CACHE_MS = 10_000;

export interface CachedKey {
  id: string;
  org_id: string;
  key_hash: string;
  role: Role;
  employee_id: string | null;
  partner_id: string | null;
  verifiedUntil: number;
}

/** Verified keys, and the ids revoked by this process (a revocation is final, so a racing look-up can never re-admit one). */
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
