import { z } from 'zod';
import { IdSchema, text } from './common.ts';

// Webhooks: an organisation's endpoints, signed in the Standard Webhooks manner, and their delivery log.

/** Events an endpoint may subscribe to (what the modules publish that an integrator can use). */
export const WEBHOOK_EVENTS = [
  'case.created',
  'case.escalated',
  'case.updated',
  'case.closed',
  'approval.requested',
  'warning.raised',
  'alert.triggered',
  'response.submitted',
  'comment.analysed',
  'interaction.recorded',
  'praise.received',
  'points.awarded',
  'idea.created',
  'idea.accepted',
  'idea.implemented',
  'improvement.completed',
] as const;
export const WebhookEventSchema = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;

const UrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .meta({ description: 'http(s) only; private, loopback and link-local addresses are refused (400 webhook_url_forbidden) unless LODESTAR_WEBHOOKS_ALLOW_PRIVATE=true' });

export const CreateWebhookSchema = z.object({
  url: UrlSchema,
  description: text(200).default(''),
  events: z.array(WebhookEventSchema).min(1).max(WEBHOOK_EVENTS.length),
  enabled: z.boolean().default(true),
});
export const UpdateWebhookSchema = z.object({
  url: UrlSchema.optional(),
  description: text(200).optional(),
  events: z.array(WebhookEventSchema).min(1).max(WEBHOOK_EVENTS.length).optional(),
  enabled: z.boolean().optional(),
});

export const WebhookSchema = z.object({
  id: IdSchema,
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  secretHint: z.string().meta({ description: 'the first characters of the signing secret; the secret itself is shown only at creation' }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Webhook = z.infer<typeof WebhookSchema>;

export const CreatedWebhookSchema = WebhookSchema.extend({
  secret: z.string().meta({ description: 'whsec_<base64>: shown once, never returned again' }),
});
export type CreatedWebhook = z.infer<typeof CreatedWebhookSchema>;

export const WebhookAttemptSchema = z.object({
  attempt: z.number().int(),
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
  responseBody: z.string().nullable().meta({ description: 'the first 1,000 characters' }),
  at: z.string(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttemptSchema>;

export const WebhookDeliverySchema = z.object({
  id: IdSchema,
  messageId: z.string().meta({ description: 'the webhook-id header, the same on every retry' }),
  eventName: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  log: z.array(WebhookAttemptSchema),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export const WebhookTestResultSchema = z.object({ deliveryId: IdSchema, messageId: z.string() });
