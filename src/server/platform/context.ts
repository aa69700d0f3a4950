import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { EventBus } from './events/index.ts';
import type { JobRunner } from './jobs/index.ts';

/** What every service gets: the database, the clock, and the event and job machinery. */
export interface AppContext {
  db: Database;
  clock: Clock;
  config: Config;
  events: EventBus;
  jobs: JobRunner;
}
