import type { CreatedWebhook, Webhook, WebhookDelivery } from '../../../contracts/webhooks.ts';
import { WEBHOOK_EVENTS } from '../../../contracts/webhooks.ts';
import { apiDelete, apiGet, apiPatch, apiPost, type Page } from '../../shared/api/client.ts';

export type { CreatedWebhook, Webhook, WebhookDelivery };
export { WEBHOOK_EVENTS };

export interface WebhookInput {
  url: string;
  description: string;
  events: string[];
}

export const listWebhooks = async (signal?: AbortSignal) => (await apiGet<{ items: Webhook[] }>('/webhooks', undefined, signal)).items;
export const createWebhook = (input: WebhookInput) => apiPost<CreatedWebhook>('/webhooks', input);
export const updateWebhook = (id: string, input: Partial<WebhookInput> & { enabled?: boolean }) => apiPatch<Webhook>(`/webhooks/${id}`, input);
export const deleteWebhook = (id: string) => apiDelete(`/webhooks/${id}`);
export const sendTestWebhook = (id: string) => apiPost<{ deliveryId: string; messageId: string }>(`/webhooks/${id}/test`);
/** The newest deliveries of one endpoint, each with its attempts. */
export const listDeliveries = (id: string, signal?: AbortSignal) => apiGet<Page<WebhookDelivery>>(`/webhooks/${id}/deliveries`, { limit: 100 }, signal);

/** i18n keys cannot hold dots: `case.created` is labelled by `webhooks.events.case_created`. */
export const eventKey = (name: string) => name.replace(/\./g, '_');
