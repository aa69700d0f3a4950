// The webhooks module's public surface: main.ts and other modules import from here only.
// It is the one home of outbound HTTP notifications: standard webhooks and chat robots (WeCom, DingTalk,
// Feishu, Slack) share endpoints, deliveries, the attempt log, retries, secrets and the SSRF guard.
export { registerWebhookRoutes } from './webhooks.routes.ts';
export { registerWebhookEvents, registerWebhookJobs, retryDelayMs, MAX_ATTEMPTS } from './webhooks.deliveries.ts';
export { findEnabledEndpointByUrl } from './webhooks.service.ts';
export { sign as signWebhook } from './webhooks.http.ts';
// The SSRF guard, for other outbound calls to tenant-chosen addresses (single sign-on discovery).
export { guardedLookup, isPrivateAddress } from './webhooks.url-guard.ts';
export { registerChatRobotRoutes } from './chat-robots.routes.ts';
export { registerChatRobotEvents } from './chat-robots.fan-out.ts';
