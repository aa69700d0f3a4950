// Databases for the benchmarks: a throwaway PostgreSQL database beside DATABASE_URL (or the local server).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

/**
 * Runs a benchmark on a fresh PGlite directory and a fresh PostgreSQL database (each dropped after), in that order,
 * for the engines named in `engines` (e.g. "pglite,postgres"); returns the figures of those that ran.
 */
export async function onEachEngine<F>(engines: string, bench: (engine: 'PGlite' | 'PostgreSQL', opened: OpenedDatabase) => Promise<F>): Promise<F[]> {
  const names = engines.split(',');
  const results: F[] = [];
  if (names.includes('pglite')) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-bench-'));
    try {
      const pglite = await openDatabase({ LODESTAR_DATA_DIR: dataDir });
      results.push(await bench('PGlite', pglite));
      await pglite.db.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const postgres = names.includes('postgres') ? await openPostgres() : null;
  if (postgres) {
    try {
      results.push(await bench('PostgreSQL', postgres.opened));
    } finally {
      await postgres.drop();
    }
  }
  return results;
}
