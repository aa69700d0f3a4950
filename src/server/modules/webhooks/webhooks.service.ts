/**
 * An organisation's webhook endpoints: create (the secret is shown once), list,
 * change, delete, the delivery log, and a test message.
 */
import type { z } from 'zod';
import type { CreatedWebhook, CreateWebhookSchema, UpdateWebhookSchema, Webhook, WebhookDelivery } from '../../../contracts/webhooks.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { createDelivery } from './webhooks.deliveries.ts';
import { generateSecret } from './webhooks.http.ts';
import { checkWebhookUrl } from './webhooks.url-guard.ts';

interface EndpointRow {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  secret_hint: string;
  created_at: Date;
  updated_at: Date;
}
const COLUMNS = 'id, url, description, events, enabled, secret_hint, created_at, updated_at';

const toWebhook = (r: EndpointRow): Webhook => ({
  id: r.id,
  url: r.url,
  description: r.description,
  events: r.events,
  enabled: r.enabled,
  secretHint: r.secret_hint,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** Every endpoint of the organisation, oldest first. */
export function listWebhooks(ctx: AppContext, actor: Actor): Promise<{ items: Webhook[] }> {
  authorize(actor, 'webhook.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => ({
    items: (await tx.query<EndpointRow>(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE org_id = $1 AND format = 'standard' ORDER BY created_at, id`, [actor.orgId])).map(toWebhook),
  }));
}

/** Registers an endpoint and returns its new signing secret, the only time it is ever returned. */
export function createWebhook(ctx: AppContext, actor: Actor, input: z.infer<typeof CreateWebhookSchema>): Promise<CreatedWebhook> {
  authorize(actor, 'webhook.manage');
  checkWebhookUrl(input.url, ctx.config.LODESTAR_WEBHOOKS_ALLOW_PRIVATE);
  const secret = generateSecret();
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx.query<EndpointRow>(
      `INSERT INTO webhook_endpoints (org_id, url, description, events, enabled, secret_hint, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING ${COLUMNS}`,
      [actor.orgId, input.url, input.description, [...new Set(input.events)], input.enabled, `${secret.slice(0, 10)}…`, now],
    );
    await tx.query(`INSERT INTO webhook_secrets (org_id, endpoint_id, secret) VALUES ($1, $2, $3)`, [actor.orgId, row!.id, secret]);
    const webhook = toWebhook(row!);
    await recordAudit(tx, ctx.clock, actor, { action: 'webhook.created', entityType: 'webhook', entityId: webhook.id, after: webhook });
    return { ...webhook, secret };
  });
}

/** Changes the URL, events, description or enabled flag; the secret stays. */
export function updateWebhook(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof UpdateWebhookSchema>): Promise<Webhook> {
  authorize(actor, 'webhook.manage');
  if (input.url !== undefined) checkWebhookUrl(input.url, ctx.config.LODESTAR_WEBHOOKS_ALLOW_PRIVATE);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = toWebhook(await findEndpoint(tx, id, true));
    const [row] = await tx.query<EndpointRow>(
      `UPDATE webhook_endpoints SET url = $3, description = $4, events = $5, enabled = $6, updated_at = $7
       WHERE org_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [actor.orgId, id, input.url ?? before.url, input.description ?? before.description, input.events ? [...new Set(input.events)] : before.events, input.enabled ?? before.enabled, ctx.clock.now()],
    );
    const after = toWebhook(row!);
    await recordAudit(tx, ctx.clock, actor, { action: 'webhook.updated', entityType: 'webhook', entityId: id, before, after });
    return after;
  });
}

/** Removes an endpoint with its secret and delivery log; pending deliveries are dropped. */
export function deleteWebhook(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'webhook.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = toWebhook(await findEndpoint(tx, id, true));
    await tx.query(`DELETE FROM webhook_endpoints WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
    await recordAudit(tx, ctx.clock, actor, { action: 'webhook.deleted', entityType: 'webhook', entityId: id, before });
  });
}

interface DeliveryRow {
  id: string;
  message_id: string;
  event_name: string;
  status: WebhookDelivery['status'];
  attempts: number;
  next_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  log: Array<{ attempt: number; status_code: number | null; duration_ms: number; error: string | null; response_body: string | null; at: string }>;
}

/** The endpoint's deliveries, newest first, each with its attempts (status code, duration, error, the start of the answer). */
export function listDeliveries(ctx: AppContext, actor: Actor, id: string, q: { limit: number; cursor?: string }): Promise<Page<WebhookDelivery>> {
  authorize(actor, 'webhook.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await findEndpoint(tx, id);
    return readDeliveries(tx, id, q);
  });
}

/** One page of an endpoint's (or chat robot's) deliveries with their attempts; the caller has checked the endpoint is the actor's to see. */
export async function readDeliveries(tx: Tx, endpointId: string, q: { limit: number; cursor?: string }): Promise<Page<WebhookDelivery>> {
  const cursor = decodeCursor(q.cursor);
  const [at, after] = cursor ? cursor.split('|') : [null, null];
  const rows = await tx.query<DeliveryRow>(
    `SELECT d.id, d.message_id, d.event_name, d.status, d.attempts, d.next_attempt_at, d.last_status_code, d.last_error, d.created_at,
       COALESCE((SELECT json_agg(json_build_object('attempt', a.attempt, 'status_code', a.status_code, 'duration_ms', a.duration_ms,
           'error', a.error, 'response_body', a.response_body, 'at', a.at) ORDER BY a.attempt)
         FROM webhook_delivery_attempts a WHERE a.org_id = d.org_id AND a.delivery_id = d.id), '[]'::json) AS log
     FROM webhook_deliveries d
     WHERE d.org_id = $1 AND d.endpoint_id = $2 AND ($3::timestamptz IS NULL OR (d.created_at, d.id) < ($3::timestamptz, $4::uuid))
     ORDER BY d.created_at DESC, d.id DESC LIMIT $5`,
    [tx.orgId, endpointId, at ?? null, after ?? null, q.limit + 1],
  );
  const page = toPage(rows, q.limit, (r) => `${r.created_at.toISOString()}|${r.id}`);
  return { nextCursor: page.nextCursor, items: page.items.map(toDelivery) };
}

const toDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id,
  messageId: r.message_id,
  eventName: r.event_name,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at?.toISOString() ?? null,
  lastStatusCode: r.last_status_code,
  lastError: r.last_error,
  createdAt: r.created_at.toISOString(),
  log: r.log.map((a) => ({
    attempt: a.attempt,
    statusCode: a.status_code,
    durationMs: a.duration_ms,
    error: a.error,
    responseBody: a.response_body,
    at: new Date(a.at).toISOString(),
  })),
});

/** Queues a `webhook.test` message to this endpoint (even if disabled or not subscribed), through the same signed, retried path. */
export function sendTestWebhook(ctx: AppContext, actor: Actor, id: string): Promise<{ deliveryId: string; messageId: string }> {
  authorize(actor, 'webhook.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await findEndpoint(tx, id);
    const now = ctx.clock.now();
    const created = await createDelivery(ctx, tx, { endpointId: id, eventId: null, eventName: 'webhook.test', data: { message: 'Lodestar webhook test', endpointId: id }, at: now, ignoreEnabled: true });
    await recordAudit(tx, ctx.clock, actor, { action: 'webhook.tested', entityType: 'webhook', entityId: id, after: created });
    return created!;
  });
}

async function findEndpoint(tx: Tx, id: string, lock = false): Promise<EndpointRow> {
  const [row] = await tx.query<EndpointRow>(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE org_id = $1 AND id = $2 AND format = 'standard'${lock ? ' FOR UPDATE' : ''}`, [tx.orgId, id]);
  if (!row) throw notFound('webhook');
  return row;
}

/** The organisation's enabled endpoint with exactly this URL, if any (alert rules with a webhook action name one). */
export async function findEnabledEndpointByUrl(tx: Tx, url: string): Promise<{ id: string } | null> {
  const [row] = await tx.query<{ id: string }>(`SELECT id FROM webhook_endpoints WHERE org_id = $1 AND url = $2 AND format = 'standard' AND enabled ORDER BY created_at LIMIT 1`, [tx.orgId, url]);
  return row ?? null;
}
