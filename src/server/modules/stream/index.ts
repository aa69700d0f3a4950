// The live stream's public surface: modules make their events streamable; main.ts registers the route.
export { registerStreamRoutes } from './stream.routes.ts';
export { registerStreamEvent, type Audience } from './audience.ts';
