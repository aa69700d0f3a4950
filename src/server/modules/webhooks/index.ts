// The webhooks module's public surface: main.ts and other modules import from here only.
export { registerWebhookRoutes } from './webhooks.routes.ts';
export { registerWebhookEvents, registerWebhookJobs, retryDelayMs, MAX_ATTEMPTS } from './webhooks.deliveries.ts';
export { findEnabledEndpointByUrl } from './webhooks.service.ts';
export { sign as signWebhook } from './webhooks.http.ts';
