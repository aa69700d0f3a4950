/**
 * Rate-limit counters in the database, so a limit holds across every app node:
 * ten login tries a minute stay ten when a load balancer spreads them over
 * several processes. One statement per counted request, in the database's own
 * time (the one clock all nodes share); keys are hashed, so no address or
 * e-mail is stored in clear. Expired windows are swept now and then.
 *
 * Used on PostgreSQL; PGlite serves one process, where @fastify/rate-limit's
 * in-memory store already sees every request.
 */
import type { FastifyRateLimitOptions, FastifyRateLimitStore } from '@fastify/rate-limit';
import type { Database } from '../db/database.ts';
import { sha256 } from '../secrets.ts';

const SWEEP_EVERY_MS = 60_000;

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** A store class bound to one database (@fastify/rate-limit constructs the store itself). */
export function databaseRateLimitStore(db: Database) {
  let lastSweep = 0;
  const sweep = () => {
    if (Date.now() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = Date.now();
    void db.system((tx) => tx.query(`DELETE FROM rate_limits WHERE window_ends_at < clock_timestamp()`)).catch(() => undefined);
  };

  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options?: FastifyRateLimitOptions,
      private readonly route = '',
    ) {}

    incr(key: string, callback: Callback, timeWindow: number, _max: number): void {
      db.system((tx) =>
        tx.query<{ hits: number; ttl: number }>(
          `INSERT INTO rate_limits AS r (key, hits, window_ends_at) VALUES ($1, 1, clock_timestamp() + $2 * interval '1 millisecond')
           ON CONFLICT (key) DO UPDATE SET
             hits = CASE WHEN r.window_ends_at <= clock_timestamp() THEN 1 ELSE r.hits + 1 END,
             window_ends_at = CASE WHEN r.window_ends_at <= clock_timestamp() THEN EXCLUDED.window_ends_at ELSE r.window_ends_at END
           RETURNING hits, greatest(0, ceil(extract(epoch FROM r.window_ends_at - clock_timestamp()) * 1000))::int AS ttl`,
          [sha256(`${this.route}\n${key}`), timeWindow],
        ),
      ).then(
        ([row]) => {
          callback(null, { current: row!.hits, ttl: row!.ttl });
          sweep();
        },
        (err: Error) => callback(err),
      );
    }

    /** Each route counts apart, as the in-memory store does with one store per route. */
    child(routeOptions: { method?: string | string[]; url?: string; path?: string }): FastifyRateLimitStore {
      const method = Array.isArray(routeOptions.method) ? routeOptions.method.join(',') : (routeOptions.method ?? '');
      return new DatabaseRateLimitStore(undefined, `${method} ${routeOptions.url ?? routeOptions.path ?? ''}`);
    }
  };
}
