/**
 * An organisation's chat robots: add, list, change, remove, send a test, read
 * the delivery log. A robot is a webhook endpoint with a chat format (see
 * migrations/0019_channels.sql): its URL and signing secret are write-only,
 * kept in webhook_secrets, and only masked hints ever come back.
 */
import type { z } from 'zod';
import { SIGNING_KINDS, type ChatRobot, type ChatRobotKind, type CreateChatRobotSchema, type UpdateChatRobotSchema } from '../../../contracts/channels.ts';
import type { WebhookDelivery } from '../../../contracts/webhooks.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Page } from '../../platform/pagination.ts';
import { maskRobotUrl, renderRobotBody } from './chat-robots.formats.ts';
import { namesFrom } from './chat-robots.fan-out.ts';
import { renderTestMessage } from './chat-robots.messages.ts';
import { createDelivery } from './webhooks.deliveries.ts';
import { readDeliveries } from './webhooks.service.ts';
import { checkWebhookUrl } from './webhooks.url-guard.ts';

interface RobotRow {
  id: string;
  format: ChatRobotKind;
  description: string;
  url: string;
  secret_hint: string;
  unit_id: string | null;
  unit_name: string | null;
  unit_name_en: string | null;
  events: string[];
  language: 'zh-CN' | 'en';
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

const SELECT_ROBOTS = `SELECT e.id, e.format, e.description, e.url, e.secret_hint, e.unit_id, u.name AS unit_name, u.name_en AS unit_name_en,
    e.events, e.language, e.enabled, e.created_at, e.updated_at
  FROM webhook_endpoints e LEFT JOIN units u ON u.org_id = e.org_id AND u.id = e.unit_id
  WHERE e.org_id = $1 AND e.format <> 'standard'`;

const toRobot = (r: RobotRow): ChatRobot => ({
  id: r.id,
  kind: r.format,
  name: r.description,
  urlHint: r.url,
  hasSecret: r.secret_hint !== '',
  secretHint: r.secret_hint,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitNameEn: r.unit_name_en,
  events: r.events,
  language: r.language,
  enabled: r.enabled,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** Enough of a secret to tell which one is set (DingTalk secrets all start with SEC, so a little more than that). */
const hintOf = (secret: string | null | undefined) => (secret ? `${secret.slice(0, 5)}…` : '');

/** Only DingTalk and Feishu robots verify signatures: a secret for another kind would be silently useless. */
function checkSecretAllowed(kind: ChatRobotKind, secret: string | null | undefined): void {
  if (secret && !SIGNING_KINDS.includes(kind)) {
    throw new AppError(400, 'secret_not_supported', `${kind} robots do not sign messages; leave the secret empty`, { field: 'secret' });
  }
}

async function checkUnit(tx: Tx, unitId: string | null | undefined): Promise<void> {
  if (!unitId) return;
  const [unit] = await tx.query(`SELECT 1 FROM units WHERE org_id = $1 AND id = $2`, [tx.orgId, unitId]);
  if (!unit) throw new AppError(400, 'unit_not_found', 'no such unit in this organisation', { field: 'unitId' });
}

/** Every chat robot of the organisation, oldest first. */
export function listChatRobots(ctx: AppContext, actor: Actor): Promise<{ items: ChatRobot[] }> {
  authorize(actor, 'webhook.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => ({
    items: (await tx.query<RobotRow>(`${SELECT_ROBOTS} ORDER BY e.created_at, e.id`, [actor.orgId])).map(toRobot),
  }));
}

/** Adds a robot; its URL and secret go to the write-only table and are never returned. */
export function createChatRobot(ctx: AppContext, actor: Actor, input: z.infer<typeof CreateChatRobotSchema>): Promise<ChatRobot> {
  authorize(actor, 'webhook.manage');
  checkWebhookUrl(input.url, ctx.config.LODESTAR_WEBHOOKS_ALLOW_PRIVATE);
  checkSecretAllowed(input.kind, input.secret);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await checkUnit(tx, input.unitId);
    const now = ctx.clock.now();
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO webhook_endpoints (org_id, url, description, events, enabled, secret_hint, format, unit_id, language, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
      [actor.orgId, maskRobotUrl(input.url), input.name, [...new Set(input.events)], input.enabled, hintOf(input.secret), input.kind, input.unitId, input.language, now],
    );
    await tx.query(`INSERT INTO webhook_secrets (org_id, endpoint_id, secret, url) VALUES ($1, $2, $3, $4)`, [actor.orgId, row!.id, input.secret ?? '', input.url]);
    const robot = toRobot(await findRobot(tx, row!.id));
    await recordAudit(tx, ctx.clock, actor, { action: 'chat_robot.created', entityType: 'chat_robot', entityId: robot.id, after: robot });
    return robot;
  });
}

/** Changes a robot; a new URL or secret replaces the stored one, `secret: null` stops signing. The kind stays. */
export function updateChatRobot(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof UpdateChatRobotSchema>): Promise<ChatRobot> {
  authorize(actor, 'webhook.manage');
  if (input.url !== undefined) checkWebhookUrl(input.url, ctx.config.LODESTAR_WEBHOOKS_ALLOW_PRIVATE);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = await findRobot(tx, id, true);
    checkSecretAllowed(before.format, input.secret);
    await checkUnit(tx, input.unitId);
    const secretHint = input.secret === undefined ? before.secret_hint : hintOf(input.secret);
    await tx.query(
      `UPDATE webhook_endpoints SET description = $3, url = $4, secret_hint = $5, unit_id = $6, events = $7, language = $8, enabled = $9, updated_at = $10
       WHERE org_id = $1 AND id = $2`,
      [
        actor.orgId, id, input.name ?? before.description, input.url ? maskRobotUrl(input.url) : before.url, secretHint,
        input.unitId === undefined ? before.unit_id : input.unitId, input.events ? [...new Set(input.events)] : before.events,
        input.language ?? before.language, input.enabled ?? before.enabled, ctx.clock.now(),
      ],
    );
    if (input.url !== undefined) await tx.query(`UPDATE webhook_secrets SET url = $3 WHERE org_id = $1 AND endpoint_id = $2`, [actor.orgId, id, input.url]);
    if (input.secret !== undefined) await tx.query(`UPDATE webhook_secrets SET secret = $3 WHERE org_id = $1 AND endpoint_id = $2`, [actor.orgId, id, input.secret ?? '']);
    const after = toRobot(await findRobot(tx, id));
    await recordAudit(tx, ctx.clock, actor, { action: 'chat_robot.updated', entityType: 'chat_robot', entityId: id, before: toRobot(before), after });
    return after;
  });
}

/** Removes a robot with its secret and delivery log. */
export function deleteChatRobot(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'webhook.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = toRobot(await findRobot(tx, id, true));
    await tx.query(`DELETE FROM webhook_endpoints WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
    await recordAudit(tx, ctx.clock, actor, { action: 'chat_robot.deleted', entityType: 'chat_robot', entityId: id, before });
  });
}

/** Queues a test message (even to a disabled robot) through the same signed, logged, retried path as real ones. */
export function sendChatRobotTest(ctx: AppContext, actor: Actor, id: string): Promise<{ deliveryId: string }> {
  authorize(actor, 'webhook.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const robot = await findRobot(tx, id);
    const names = namesFrom(robot.unit_id ? [{ id: robot.unit_id, name: robot.unit_name ?? '', name_en: robot.unit_name_en }] : []);
    const message = renderTestMessage({ kind: robot.format, language: robot.language, names, publicUrl: ctx.config.LODESTAR_PUBLIC_URL }, robot.events, robot.unit_id);
    const now = ctx.clock.now();
    const created = await createDelivery(ctx, tx, { endpointId: id, eventId: null, eventName: 'chat_robot.test', data: null, body: renderRobotBody(robot.format, message), at: now });
    await recordAudit(tx, ctx.clock, actor, { action: 'chat_robot.tested', entityType: 'chat_robot', entityId: id, after: { deliveryId: created!.deliveryId } });
    return { deliveryId: created!.deliveryId };
  });
}

/** The robot's deliveries, newest first, each with its attempts. */
export function listChatRobotDeliveries(ctx: AppContext, actor: Actor, id: string, q: { limit: number; cursor?: string }): Promise<Page<WebhookDelivery>> {
  authorize(actor, 'webhook.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await findRobot(tx, id);
    return readDeliveries(tx, id, q);
  });
}

async function findRobot(tx: Tx, id: string, lock = false): Promise<RobotRow> {
  const [row] = await tx.query<RobotRow>(`${SELECT_ROBOTS} AND e.id = $2${lock ? ' FOR UPDATE OF e' : ''}`, [tx.orgId, id]);
  if (!row) throw notFound('chat robot');
  return row;
}
