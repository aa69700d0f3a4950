/**
 * The learning catalogue: items in three layers (all staff, specialists,
 * managers), each with a trainer, a format and a duration, named in both
 * languages. Admins keep it; everyone reads it. Items are retired, not deleted.
 */
import type { z } from 'zod';
import type { CreateLearningItem, LearningItem, LearningItemQuerySchema, UpdateLearningItemSchema } from '../../../contracts/learning.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { findPerson } from './learning.scope.ts';

export interface ItemRow {
  id: string;
  layer: LearningItem['layer'];
  format: LearningItem['format'];
  name_zh: string;
  name_en: string;
  description_zh: string;
  description_en: string;
  duration_minutes: number;
  owner_id: string;
  owner_name: string;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

/** The item columns (alias `i`) with the trainer's name (alias `o`); join `o` with ITEM_OWNER_JOIN. */
export const ITEM_COLUMNS = `i.id, i.layer, i.format, i.name_zh, i.name_en, i.description_zh, i.description_en, i.duration_minutes, i.owner_id,
  o.name AS owner_name, i.active, i.created_at, i.updated_at`;
export const ITEM_OWNER_JOIN = `JOIN employees o ON o.org_id = i.org_id AND o.id = i.owner_id`;

export const toItem = (r: ItemRow): LearningItem => ({
  id: r.id,
  layer: r.layer,
  format: r.format,
  name: { 'zh-CN': r.name_zh, en: r.name_en },
  description: { 'zh-CN': r.description_zh, en: r.description_en },
  durationMinutes: r.duration_minutes,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  active: r.active,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** The catalogue, by layer and name; retired items only for admins who ask. */
export function listLearningItems(ctx: AppContext, actor: Actor, q: z.infer<typeof LearningItemQuerySchema>): Promise<{ items: LearningItem[] }> {
  authorize(actor, 'learning.read');
  const withRetired = actor.role === 'admin' && q.includeInactive === true;
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const rows = await tx.query<ItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM learning_items i ${ITEM_OWNER_JOIN}
        WHERE i.org_id = $1 AND (i.active OR $2) AND ($3::text IS NULL OR i.layer = $3) AND ($4::text IS NULL OR i.format = $4) AND ($5::uuid IS NULL OR i.owner_id = $5)
        ORDER BY array_position(ARRAY['all_staff', 'specialist', 'manager'], i.layer), i.name_zh, i.id`,
      [actor.orgId, withRetired, q.layer ?? null, q.format ?? null, q.ownerId ?? null],
    );
    return { items: rows.map(toItem) };
  });
}

export async function getLearningItem(ctx: AppContext, actor: Actor, id: string): Promise<LearningItem> {
  authorize(actor, 'learning.read');
  const row = await ctx.db.tenant(actor.orgId, (tx) => findItem(tx, actor.orgId, id));
  if (!row.active && actor.role !== 'admin') throw notFound('learning item');
  return toItem(row);
}

export async function createLearningItem(ctx: AppContext, actor: Actor, input: CreateLearningItem): Promise<LearningItem> {
  authorize(actor, 'learning.manage');
  return ctx.db.tenant(actor.orgId, (tx) => insertLearningItem(ctx, tx, actor, input));
}

/** Writes one catalogue entry (also used by the demo seed). */
export async function insertLearningItem(ctx: AppContext, tx: Tx, actor: Actor | null, input: CreateLearningItem): Promise<LearningItem> {
  await findPerson(tx, tx.orgId!, input.ownerId, 'ownerId');
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO learning_items (org_id, layer, format, name_zh, name_en, description_zh, description_en, duration_minutes, owner_id, active, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
    [tx.orgId, input.layer, input.format, input.name['zh-CN'], input.name.en, input.description['zh-CN'], input.description.en, input.durationMinutes, input.ownerId, input.active, ctx.clock.now()],
  );
  await recordAudit(tx, ctx.clock, actor, { action: 'learning.item_created', entityType: 'learning_item', entityId: row!.id, after: input });
  return toItem(await findItem(tx, tx.orgId!, row!.id));
}

export async function updateLearningItem(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof UpdateLearningItemSchema>): Promise<LearningItem> {
  authorize(actor, 'learning.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = toItem(await findItem(tx, actor.orgId, id, true));
    if (input.ownerId) await findPerson(tx, actor.orgId, input.ownerId, 'ownerId');
    const next = {
      layer: input.layer ?? before.layer,
      format: input.format ?? before.format,
      name: input.name ?? before.name,
      description: input.description ?? before.description,
      durationMinutes: input.durationMinutes ?? before.durationMinutes,
      ownerId: input.ownerId ?? before.ownerId,
      active: input.active ?? before.active,
    };
    await tx.query(
      `UPDATE learning_items SET layer = $3, format = $4, name_zh = $5, name_en = $6, description_zh = $7, description_en = $8, duration_minutes = $9,
         owner_id = $10, active = $11, updated_at = $12 WHERE org_id = $1 AND id = $2`,
      [actor.orgId, id, next.layer, next.format, next.name['zh-CN'], next.name.en, next.description['zh-CN'], next.description.en, next.durationMinutes, next.ownerId, next.active, ctx.clock.now()],
    );
    const after = toItem(await findItem(tx, actor.orgId, id));
    await recordAudit(tx, ctx.clock, actor, { action: 'learning.item_updated', entityType: 'learning_item', entityId: id, before, after });
    return after;
  });
}

/** The item (retired ones included), or 404. */
export async function findItem(tx: Queryable, orgId: string, id: string, lock = false): Promise<ItemRow> {
  const [row] = await tx.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM learning_items i ${ITEM_OWNER_JOIN} WHERE i.org_id = $1 AND i.id = $2${lock ? ' FOR UPDATE OF i' : ''}`, [orgId, id]);
  if (!row) throw notFound('learning item');
  return row;
}
