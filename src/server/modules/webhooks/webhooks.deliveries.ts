/**
 * From event to HTTP request, through the outbox and the jobs table:
 *
 * 1. An outbox handler (`webhooks.fan-out`) runs in the event's transaction and,
 *    for each enabled endpoint subscribed to the event, writes a delivery row
 *    and enqueues a `webhooks.deliver` job in that same transaction: the event
 *    is marked handled exactly when its deliveries exist.
 * 2. The job sends one attempt and, in one transaction, logs it and either
 *    settles the delivery or enqueues the next attempt after a backoff. A job
 *    left running by a crash is re-queued by the job runner and sends the same
 *    message again (same webhook-id, so receivers can drop the duplicate):
 *    at least once, never lost.
 */
import type { ChatRobotKind } from '../../../contracts/channels.ts';
import { WEBHOOK_EVENTS } from '../../../contracts/webhooks.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Event } from '../../platform/events/index.ts';
import { enqueueJob, type Job, type JobContext } from '../../platform/jobs/index.ts';
import { randomToken } from '../../platform/secrets.ts';
import { sendWebhook } from './webhooks.http.ts';

export const FAN_OUT = 'webhooks.fan-out';
export const DELIVER_JOB = 'webhooks.deliver';
/** Attempts per message before it is marked failed. */
export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 10_000;
const MAX_RETRY_MS = 12 * 3_600_000;

/** Wait after failed attempt `n` (1-based): 10 s × 4^(n−1), at most 12 h — 10 s, 40 s, 2.7 min, 10.7 min, 43 min, 2.8 h, 11.4 h. */
export function retryDelayMs(attempt: number): number {
  return Math.min(FIRST_RETRY_MS * 4 ** (attempt - 1), MAX_RETRY_MS);
}

interface DeliverPayload {
  deliveryId: string;
}

/** Subscribes the fan-out to every event an endpoint may choose. */
export function registerWebhookEvents(ctx: AppContext): void {
  for (const name of WEBHOOK_EVENTS) ctx.events.onBatch(name, FAN_OUT, (events, tx) => fanOut(ctx, tx, events));
}

export function registerWebhookJobs(ctx: AppContext): void {
  ctx.jobs.register<DeliverPayload>(DELIVER_JOB, (job, jobCtx) => deliver(ctx, job, jobCtx));
}

/** Writes one delivery per subscribed endpoint and event (and, for `alert.triggered`, to the endpoint its rule names). */
async function fanOut(ctx: AppContext, tx: Tx, events: Event[]): Promise<void> {
  const ruleUrlOf = (event: Event) => {
    const url = event.name === 'alert.triggered' ? (event.payload as { webhookUrl?: unknown }).webhookUrl : null;
    return typeof url === 'string' ? url : null;
  };
  const ruleUrls = [...new Set(events.map(ruleUrlOf).filter((u): u is string => u !== null))];
  const endpoints = await tx.query<{ id: string; url: string; events: string[] }>(
    `SELECT id, url, events FROM webhook_endpoints WHERE org_id = $1 AND format = 'standard' AND enabled AND ($2 = ANY (events) OR url = ANY ($3::text[])) ORDER BY created_at, id`,
    [tx.orgId, events[0]!.name, ruleUrls],
  );
  if (endpoints.length === 0) return;
  for (const event of events) {
    for (const endpoint of endpoints) {
      if (!endpoint.events.includes(event.name) && endpoint.url !== ruleUrlOf(event)) continue;
      await createDelivery(ctx, tx, { endpointId: endpoint.id, eventId: event.id, eventName: event.name, data: event.payload, at: event.createdAt });
    }
  }
}

export interface NewDelivery {
  endpointId: string;
  eventId: number | null;
  eventName: string;
  data: unknown;
  at: Date;
  ignoreEnabled?: boolean;
  /** The exact body to send (a chat robot's rendered message); by default the Standard Webhooks envelope of `data`. */
  body?: string;
}

/** Stores the message as it will be signed and queues its first attempt; null when this event already went to this endpoint. */
export async function createDelivery(ctx: AppContext, tx: Tx, d: NewDelivery): Promise<{ deliveryId: string; messageId: string } | null> {
  const messageId = `msg_${randomToken(18)}`;
  const body = d.body ?? JSON.stringify({ type: d.eventName, timestamp: d.at.toISOString(), data: d.data ?? {} });
  const now = ctx.clock.now();
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO webhook_deliveries (org_id, endpoint_id, message_id, event_id, event_name, body, status, next_attempt_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $7, $7)
     ON CONFLICT (org_id, endpoint_id, event_id) WHERE event_id IS NOT NULL DO NOTHING RETURNING id`,
    [tx.orgId, d.endpointId, messageId, d.eventId, d.eventName, body, now],
  );
  if (!row) return null;
  await enqueueJob(tx, { name: DELIVER_JOB, payload: { deliveryId: row.id }, runAt: now, maxAttempts: 3 });
  return { deliveryId: row.id, messageId };
}

interface PendingRow {
  id: string;
  endpoint_id: string;
  message_id: string;
  body: string;
  attempts: number;
  status: string;
  url: string;
  format: 'standard' | ChatRobotKind;
}

/** One attempt of one delivery; the job itself succeeds whatever the receiver answered (the retry is a new job). */
async function deliver(ctx: AppContext, job: Job<DeliverPayload>, jobCtx: JobContext): Promise<void> {
  const orgId = job.orgId!;
  const [pending] = await jobCtx.tenant((tx) =>
    tx.query<PendingRow>(
      `SELECT d.id, d.endpoint_id, d.message_id, d.body, d.attempts, d.status, e.url, e.format
       FROM webhook_deliveries d JOIN webhook_endpoints e ON e.org_id = d.org_id AND e.id = d.endpoint_id
       WHERE d.org_id = $1 AND d.id = $2`,
      [orgId, job.payload.deliveryId],
    ),
  );
  if (!pending || pending.status !== 'pending') return; // deleted with its endpoint, or settled by an earlier run
  // The secret (and a robot's URL, which carries its token) is not readable by the app role: only this system read may use it.
  const [secretRow] = await ctx.db.system((tx) =>
    tx.query<{ secret: string; url: string | null }>(`SELECT secret, url FROM webhook_secrets WHERE org_id = $1 AND endpoint_id = $2`, [orgId, pending.endpoint_id]),
  );
  if (!secretRow) return;
  const attempt = pending.attempts + 1;
  const sentAt = ctx.clock.now();
  const result = await sendWebhook({
    url: secretRow.url ?? pending.url,
    robotKind: pending.format === 'standard' ? undefined : pending.format,
    secret: secretRow.secret,
    messageId: pending.message_id,
    timestampSeconds: Math.floor(sentAt.getTime() / 1000),
    body: pending.body,
    allowPrivate: ctx.config.LODESTAR_WEBHOOKS_ALLOW_PRIVATE,
  });
  await jobCtx.tenant(async (tx) => {
    const now = ctx.clock.now();
    const logged = await tx.query(
      `INSERT INTO webhook_delivery_attempts (org_id, delivery_id, attempt, status_code, duration_ms, error, response_body, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (org_id, delivery_id, attempt) DO NOTHING RETURNING id`,
      [orgId, pending.id, attempt, result.statusCode, result.durationMs, result.error, result.responseBody, sentAt],
    );
    if (logged.length === 0) return; // another run already recorded this attempt
    const isLast = !result.isSuccess && attempt >= MAX_ATTEMPTS;
    const status = result.isSuccess ? 'succeeded' : isLast ? 'failed' : 'pending';
    const nextAt = status === 'pending' ? new Date(now.getTime() + retryDelayMs(attempt)) : null;
    await tx.query(
      `UPDATE webhook_deliveries SET attempts = $3, status = $4, next_attempt_at = $5, last_status_code = $6, last_error = $7, updated_at = $8
       WHERE org_id = $1 AND id = $2`,
      [orgId, pending.id, attempt, status, nextAt, result.statusCode, result.error, now],
    );
    if (nextAt) await enqueueJob(tx, { name: DELIVER_JOB, payload: { deliveryId: pending.id }, runAt: nextAt, maxAttempts: 3 });
  });
}
