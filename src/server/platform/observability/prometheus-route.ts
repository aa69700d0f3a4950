/**
 * `GET /metrics`: Prometheus text for this process and its database.
 *
 * The database's figures (outbox backlog and oldest age, job lag, pool) are
 * read when scraped, in one system transaction; they describe the whole
 * database, so every node reports the same backlog (alert on max(), not sum()).
 * With LODESTAR_METRICS_TOKEN set, a scraper must send `Authorization: Bearer <token>`.
 */
import { Gauge, Registry } from 'prom-client';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { HttpApp } from '../http/app.ts';
import { safeEqual } from '../secrets.ts';
import { processMetrics } from './process-metrics.ts';

export interface PrometheusRouteDeps {
  db: Database;
  clock: Clock;
  /** Event names that have handlers: events only streamed to screens are never marked done, so they are no backlog. */
  handledEvents: () => string[];
  /** LODESTAR_METRICS_TOKEN; without it /metrics is open (it holds no tenant data, only counts and timings). */
  token?: string;
}

interface DatabaseFigures {
  backlog: number;
  given_up: number;
  oldest: Date | null;
  due_jobs: number;
  running_jobs: number;
  oldest_due: Date | null;
}

export function registerPrometheusRoute(app: HttpApp, deps: PrometheusRouteDeps): void {
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers: [registry] });
  const up = gauge('lodestar_db_up', '1 when the last scrape could read the database');
  const backlog = gauge('lodestar_outbox_backlog', 'Events with handlers committed and not yet handled (being retried included, given up excluded)');
  const givenUp = gauge('lodestar_outbox_given_up', 'Events whose handlers ran out of attempts; an admin must look at last_error');
  const oldestAge = gauge('lodestar_outbox_oldest_age_seconds', 'Age of the oldest event in the backlog (0 when empty)');
  const jobLag = gauge('lodestar_jobs_lag_seconds', 'How long the longest-waiting due job has waited past its time (0 when none)');
  const dueJobs = gauge('lodestar_jobs_due', 'Jobs due now and not yet claimed');
  const runningJobs = gauge('lodestar_jobs_running', 'Jobs claimed and running on some node');
  const pool = gauge('lodestar_db_pool_connections', 'Database connections of this process by state (PGlite: one)', ['state']);

  async function refresh(): Promise<void> {
    const now = deps.clock.now();
    const stats = deps.db.poolStats();
    for (const state of ['total', 'idle', 'waiting', 'max'] as const) pool.set({ state }, stats[state]);
    try {
      const [f] = await deps.db.system((tx) =>
        tx.query<DatabaseFigures>(
          `SELECT o.backlog, o.given_up, o.oldest, j.due_jobs, j.running_jobs, j.oldest_due FROM
             (SELECT count(*) FILTER (WHERE NOT given_up)::int AS backlog, count(*) FILTER (WHERE given_up)::int AS given_up,
                     min(created_at) FILTER (WHERE NOT given_up) AS oldest
                FROM (SELECT created_at, next_attempt_at IS NULL AND attempts > 0 AS given_up FROM outbox_events WHERE done_at IS NULL AND name = ANY ($2::text[])) e) o,
             (SELECT count(*) FILTER (WHERE status = 'queued' AND coalesce(run_at, created_at) <= $1)::int AS due_jobs,
                     count(*) FILTER (WHERE status = 'running')::int AS running_jobs,
                     min(coalesce(run_at, created_at)) FILTER (WHERE status = 'queued' AND coalesce(run_at, created_at) <= $1) AS oldest_due
                FROM jobs WHERE status IN ('queued', 'running')) j`,
          [now, deps.handledEvents()],
        ),
      );
      backlog.set(f!.backlog);
      givenUp.set(f!.given_up);
      oldestAge.set(f!.oldest ? Math.max(0, (now.getTime() - f!.oldest.getTime()) / 1000) : 0);
      dueJobs.set(f!.due_jobs);
      runningJobs.set(f!.running_jobs);
      jobLag.set(f!.oldest_due ? Math.max(0, (now.getTime() - f!.oldest_due.getTime()) / 1000) : 0);
      up.set(1);
    } catch {
      up.set(0); // the process's own figures are still worth serving
    }
  }

  app.get('/metrics', { config: { auth: false }, schema: { hide: true } }, async (req, reply) => {
    if (deps.token) {
      const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      if (!match?.[1] || !safeEqual(match[1], deps.token)) throw new AppError(401, 'unauthorized', 'a valid metrics token is required');
    }
    await refresh();
    const merged = Registry.merge([processMetrics().registry, registry]);
    return reply.type(merged.contentType).send(await merged.metrics());
  });
}
