// Databases for the benchmarks: a throwaway PostgreSQL database beside DATABASE_URL (or the local server).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type OpenedDatabase } from '../src/server/platform/db/open-database.ts';

export const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh, migrated PostgreSQL database and the function that drops it; null (with a note) when no server answers. */
export async function openPostgres(): Promise<{ opened: OpenedDatabase; url: string; drop: () => Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch (err) {
    console.log(`PostgreSQL not reachable at ${PG_URL.replace(/:[^:@/]*@/, ':***@')} (${(err as Error).message}); skipping it`);
    return null;
  }
  const name = `lodestar_bench_${randomBytes(5).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const opened = await openDatabase({ DATABASE_URL: url.toString(), LODESTAR_DATA_DIR: '' });
  return {
    opened,
    url: url.toString(),
    drop: async () => {
      await opened.db.close().catch(() => undefined); // a caller may have closed it to let a command open its own
      const cleanup = new pg.Client({ connectionString: PG_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
