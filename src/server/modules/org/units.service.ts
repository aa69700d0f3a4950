import type { z } from 'zod';
import type { CreateUnitSchema, Unit, UpdateUnitSchema } from '../../../contracts/org.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { lockOrgStructure, unitSubtreeIds } from './org.scope.ts';

interface UnitRow {
  id: string;
  name: string;
  name_en: string | null;
  parent_id: string | null;
  kind: Unit['kind'];
}

const toUnit = (r: UnitRow): Unit => ({ id: r.id, name: r.name, nameEn: r.name_en, parentId: r.parent_id, kind: r.kind });

/** The unit tree is the organisation's structure: every staff role may read all of it. */
export function listUnits(ctx: AppContext, actor: Actor, q: { limit: number; cursor?: string }): Promise<Page<Unit>> {
  authorize(actor, 'org.read');
  const after = decodeCursor(q.cursor);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const rows = await tx.query<UnitRow>(
      `SELECT id, name, name_en, parent_id, kind FROM units
       WHERE org_id = $1 AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
      [actor.orgId, after, q.limit + 1],
    );
    return toPage(rows.map(toUnit), q.limit, (u) => u.id);
  });
}

export function getUnit(ctx: AppContext, actor: Actor, id: string): Promise<Unit> {
  authorize(actor, 'org.read');
  return ctx.db.tenant(actor.orgId, async (tx) => toUnit(await findUnit(tx, actor.orgId, id)));
}

export function createUnit(ctx: AppContext, actor: Actor, input: z.infer<typeof CreateUnitSchema>): Promise<Unit> {
  authorize(actor, 'org.write');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    if (input.parentId) await findUnit(tx, actor.orgId, input.parentId, 'parent unit');
    const [row] = await tx.query<UnitRow>(
      `INSERT INTO units (org_id, name, name_en, parent_id, kind) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, name, name_en, parent_id, kind`,
      [actor.orgId, input.name, input.nameEn ?? null, input.parentId, input.kind],
    );
    const unit = toUnit(row!);
    await recordAudit(tx, ctx.clock, actor, { action: 'unit.created', entityType: 'unit', entityId: unit.id, after: unit });
    return unit;
  });
}

/** Moving a unit under itself or one of its descendants would cut the tree into a loop. */
export function updateUnit(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof UpdateUnitSchema>): Promise<Unit> {
  authorize(actor, 'org.write');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await lockOrgStructure(tx, actor.orgId);
    const before = toUnit(await findUnit(tx, actor.orgId, id));
    if (input.parentId) {
      await findUnit(tx, actor.orgId, input.parentId, 'parent unit');
      if ((await unitSubtreeIds(tx, actor.orgId, id)).includes(input.parentId)) {
        throw invalid('a unit cannot move under itself or its own sub-units', { field: 'parentId' });
      }
    }
    const [row] = await tx.query<UnitRow>(
      `UPDATE units SET name = $3, name_en = $4, parent_id = $5, kind = $6 WHERE org_id = $1 AND id = $2
       RETURNING id, name, name_en, parent_id, kind`,
      [
        actor.orgId,
        id,
        input.name ?? before.name,
        input.nameEn === undefined ? before.nameEn : input.nameEn,
        input.parentId === undefined ? before.parentId : input.parentId,
        input.kind ?? before.kind,
      ],
    );
    const after = toUnit(row!);
    await recordAudit(tx, ctx.clock, actor, { action: 'unit.updated', entityType: 'unit', entityId: id, before, after });
    return after;
  });
}

async function findUnit(tx: Queryable, orgId: string, id: string, what = 'unit'): Promise<UnitRow> {
  const [row] = await tx.query<UnitRow>(
    `SELECT id, name, name_en, parent_id, kind FROM units WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  if (!row) throw notFound(what);
  return row;
}
