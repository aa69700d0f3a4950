/**
 * What this process measures as it works, for Prometheus: HTTP requests by
 * route template, ingestion's group sizes, live-stream viewers, and Node's own
 * figures (CPU, memory, event-loop delay, garbage collection).
 *
 * One set per process, in a registry of our own rather than prom-client's
 * global one, created on first use; tests that build several apps in one
 * process share it, as the apps would share the process.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ProcessMetrics {
  registry: Registry;
  /** Seconds per HTTP request, by method, route template (`/api/v1/surveys/:id`, never the raw URL) and status. */
  httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  /** Items written per group-commit transaction of response ingestion. */
  ingestGroupSize: Histogram;
  /** Viewers connected to the live stream (`GET /api/v1/stream`) on this process. */
  sseClients: Gauge;
  /** Notifications from other processes that woke this one (LISTEN/NOTIFY). */
  notificationsReceived: Counter;
}

let metrics: ProcessMetrics | undefined;

export function processMetrics(): ProcessMetrics {
  if (metrics) return metrics;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lodestar_' });
  metrics = {
    registry,
    httpDuration: new Histogram({
      name: 'lodestar_http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    ingestGroupSize: new Histogram({
      name: 'lodestar_ingest_group_size',
      help: 'Responses written per group-commit transaction',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
      registers: [registry],
    }),
    sseClients: new Gauge({ name: 'lodestar_sse_clients', help: 'Viewers connected to the live stream on this process', registers: [registry] }),
    notificationsReceived: new Counter({
      name: 'lodestar_notifications_received_total',
      help: 'Commits of other processes heard by PostgreSQL LISTEN',
      registers: [registry],
    }),
  };
  return metrics;
}
