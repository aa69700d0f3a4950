/**
 * From event to chat robot: an outbox handler, beside the webhooks fan-out,
 * that picks the organisation's enabled robots subscribed to the event, keeps
 * only the events whose unit falls in a bound robot's subtree ("praise for this
 * store goes to its group"; an unbound robot hears the whole organisation),
 * renders each message in the robot's language and format, and queues it as a
 * webhook delivery in the event's transaction. From there the webhooks
 * delivery job sends, signs, logs and retries it like any webhook.
 */
import { CHAT_ROBOT_EVENTS, type ChatRobotKind } from '../../../contracts/channels.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Event } from '../../platform/events/index.ts';
import { unitSubtreeIds } from '../org/index.ts';
import { renderRobotBody } from './chat-robots.formats.ts';
import { renderEventMessage, type Language, type NameBook } from './chat-robots.messages.ts';
import { createDelivery } from './webhooks.deliveries.ts';

export const ROBOT_FAN_OUT = 'webhooks.chat-robots';

interface RobotRow {
  id: string;
  format: ChatRobotKind;
  unit_id: string | null;
  language: Language;
}

/** Subscribes the robot fan-out to every event a robot may announce. */
export function registerChatRobotEvents(ctx: AppContext): void {
  for (const name of CHAT_ROBOT_EVENTS) ctx.events.onBatch(name, ROBOT_FAN_OUT, (events, tx) => fanOutToRobots(ctx, tx, events));
}

const idOf = (v: unknown): string | null => (typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v) ? v : null);

/** Queues one delivery per robot and event in its scope; a fixed handful of statements per batch plus one insert per message. */
async function fanOutToRobots(ctx: AppContext, tx: Tx, events: Event[]): Promise<void> {
  const orgId = tx.orgId!;
  const robots = await tx.query<RobotRow>(
    `SELECT id, format, unit_id, language FROM webhook_endpoints
     WHERE org_id = $1 AND format <> 'standard' AND enabled AND $2 = ANY (events) ORDER BY created_at, id`,
    [orgId, events[0]!.name],
  );
  if (robots.length === 0) return;
  const payloads = events.map((e) => e.payload as Record<string, unknown>);
  const names = await lookUpNames(tx, payloads);
  const subtrees = new Map<string, Set<string>>();
  for (const r of robots) if (r.unit_id && !subtrees.has(r.unit_id)) subtrees.set(r.unit_id, new Set(await unitSubtreeIds(tx, orgId, r.unit_id)));
  for (const [i, event] of events.entries()) {
    const payload = payloads[i]!;
    // An idea names its author, not a unit: it belongs to the author's unit.
    const unitId = idOf(payload.unitId) ?? names.unitOfEmployee(payload.employeeId);
    for (const robot of robots) {
      if (robot.unit_id && !(unitId && subtrees.get(robot.unit_id)!.has(unitId))) continue;
      const message = renderEventMessage({ kind: robot.format, language: robot.language, names, publicUrl: ctx.config.LODESTAR_PUBLIC_URL }, event.name, { ...payload, unitId });
      if (!message) continue;
      await createDelivery(ctx, tx, { endpointId: robot.id, eventId: event.id, eventName: event.name, data: null, body: renderRobotBody(robot.format, message), at: event.createdAt });
    }
  }
}

/** The names the messages need, read once for the whole batch. */
async function lookUpNames(tx: Tx, payloads: Record<string, unknown>[]): Promise<NameBook & { unitOfEmployee(id: unknown): string | null }> {
  const employeeIds = new Set<string>();
  const unitIds = new Set<string>();
  for (const p of payloads) {
    for (const key of ['employeeId', 'ownerId', 'toOwnerId']) {
      const id = idOf(p[key]);
      if (id) employeeIds.add(id);
    }
    const unit = idOf(p.unitId);
    if (unit) unitIds.add(unit);
  }
  const employees = await tx.query<{ id: string; name: string; unit_id: string }>(
    `SELECT id, name, unit_id FROM employees WHERE org_id = $1 AND id = ANY ($2::uuid[])`,
    [tx.orgId, [...employeeIds]],
  );
  for (const e of employees) unitIds.add(e.unit_id);
  const units = await tx.query<{ id: string; name: string; name_en: string | null }>(`SELECT id, name, name_en FROM units WHERE org_id = $1 AND id = ANY ($2::uuid[])`, [
    tx.orgId,
    [...unitIds],
  ]);
  return namesFrom(units, employees);
}

/** A name book over rows already read (also used for the test message). */
export function namesFrom(
  units: { id: string; name: string; name_en: string | null }[],
  employees: { id: string; name: string; unit_id: string }[] = [],
): NameBook & { unitOfEmployee(id: unknown): string | null } {
  const unitById = new Map(units.map((u) => [u.id, u]));
  const employeeById = new Map(employees.map((e) => [e.id, e]));
  return {
    unit: (id, language) => {
      const u = typeof id === 'string' ? unitById.get(id) : undefined;
      return u ? (language === 'en' ? (u.name_en ?? u.name) : u.name) : null;
    },
    employee: (id) => (typeof id === 'string' ? (employeeById.get(id)?.name ?? null) : null),
    unitOfEmployee: (id) => (typeof id === 'string' ? (employeeById.get(id)?.unit_id ?? null) : null),
  };
}
