// The metrics module's public surface: other modules, main.ts and the CLI import from here only.
export { registerMetricRoutes } from './metrics.routes.ts';
export { addToRollups, rebuildRollups, type RollupSource } from './rollups.write.ts';
export { getMetric } from './metrics.service.ts';
