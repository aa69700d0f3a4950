import { PGlite } from '@electric-sql/pglite';
import type { Driver, Queryable } from './database.ts';

/** Embedded PostgreSQL (WASM). One connection: PGlite runs transactions one at a time. */
export async function openPgliteDriver(dataDir?: string, loadDataDir?: Blob): Promise<Driver & { pglite: PGlite }> {
  // int8 and numeric as numbers, matching the PostgreSQL driver.
  const pglite = await PGlite.create({ dataDir, loadDataDir, parsers: { 20: Number, 1700: Number } });
  return {
    kind: 'pglite',
    pglite,
    transaction: (fn) =>
      pglite.transaction(async (tx) => {
        const q: Queryable = {
          query: async <T>(sql: string, params?: unknown[]) => (await tx.query<T>(sql, params)).rows,
        };
        return fn(q);
      }),
    close: () => pglite.close(),
  };
}
