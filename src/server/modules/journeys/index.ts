// The journeys module's public surface (C3 journeys): main.ts and the demo import from here only.
export { registerJourneyRoutes } from './journeys.routes.ts';
export { insertJourney, getJourney, listJourneys } from './journeys.service.ts';
export { getJourneyMetrics } from './journey-metrics.service.ts';
export { getJourneyPaths } from './journey-paths.service.ts';
