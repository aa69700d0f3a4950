/**
 * Each organisation's active adapter, kept in memory so analysing a comment
 * costs no query: loaded on first use, replaced at once when this process
 * trains a new one, and read again after a minute so an adapter trained by
 * another process (another app node, the nightly job elsewhere) is picked up.
 */
import type { Database, Queryable } from '../../../platform/db/database.ts';
import { decodeAdapter, sharedModelFingerprint, type SentimentAdapter } from './adapter.model.ts';

/** How long a cached adapter (or its absence) is trusted. */
export const ADAPTER_CACHE_TTL_MS = 60_000;

interface Entry {
  adapter: SentimentAdapter | null;
  loadedAt: number;
}

/** One cache per database, so test apps on different databases in one process never share entries. */
const caches = new WeakMap<Database, Map<string, Entry>>();

function cacheOf(db: Database): Map<string, Entry> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

/** The organisation's adapter if it is active and fitted over the shared model in use, else null. */
export async function activeAdapterOf(db: Database, tx: Queryable, orgId: string): Promise<SentimentAdapter | null> {
  const cache = cacheOf(db);
  const hit = cache.get(orgId);
  if (hit && performance.now() - hit.loadedAt < ADAPTER_CACHE_TTL_MS) return hit.adapter;
  const adapter = await loadActiveAdapter(tx, orgId);
  cache.set(orgId, { adapter, loadedAt: performance.now() });
  return adapter;
}

/** Reads the active adapter from the database (no cache). */
export async function loadActiveAdapter(tx: Queryable, orgId: string): Promise<SentimentAdapter | null> {
  const [row] = await tx.query<{ a: number; b: number; feature_bits: number; indices: Uint8Array; weights: Uint8Array }>(
    `SELECT a, b, feature_bits, indices, weights FROM text_adapters WHERE org_id = $1 AND is_active AND shared_fingerprint = $2`,
    [orgId, sharedModelFingerprint()],
  );
  if (!row) return null;
  return decodeAdapter({ a: Number(row.a), b: Number(row.b), featureBits: Number(row.feature_bits), indices: row.indices, weights: row.weights });
}

/** Puts a just-trained verdict in the cache (the adapter when active, null when not). */
export function rememberAdapter(db: Database, orgId: string, adapter: SentimentAdapter | null): void {
  cacheOf(db).set(orgId, { adapter, loadedAt: performance.now() });
}

/** Drops every cached adapter of a database, as if the TTL had passed (tests of another process's training). */
export function forgetAdapters(db: Database): void {
  caches.delete(db);
}
