// Observability: Prometheus metrics (per process and per database) and the log's shape.
export { processMetrics, type ProcessMetrics } from './process-metrics.ts';
export { registerPrometheusRoute, type PrometheusRouteDeps } from './prometheus-route.ts';
export { logDestination, shortLine, type LogFormat } from './log-output.ts';
