import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';

/** What every service gets: the database and the clock (events and jobs join as they land). */
export interface AppContext {
  db: Database;
  clock: Clock;
  config: Config;
}
