import type { Config } from '../config.ts';
import { createDatabase, type Database, type Driver } from './database.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { migrate } from './migrate.ts';
import { openPgliteDriver } from './pglite-driver.ts';
import { openPostgresDriver } from './postgres-driver.ts';

export interface OpenedDatabase {
  db: Database;
  driver: Driver;
  applied: string[];
}

/** PostgreSQL when DATABASE_URL is set, else PGlite in LODESTAR_DATA_DIR; migrated before use. */
export async function openDatabase(config: Pick<Config, 'DATABASE_URL' | 'LODESTAR_DATA_DIR'>): Promise<OpenedDatabase> {
  let driver: Driver;
  if (config.DATABASE_URL) {
    driver = openPostgresDriver(config.DATABASE_URL);
  } else {
    const unlock = lockDataDir(config.LODESTAR_DATA_DIR);
    const pglite = await openPgliteDriver(config.LODESTAR_DATA_DIR).catch((err) => {
      unlock();
      throw err;
    });
    driver = { ...pglite, close: async () => (await pglite.close(), unlock()) };
  }
  const { applied } = await migrate(driver);
  return { db: createDatabase(driver), driver, applied };
}
