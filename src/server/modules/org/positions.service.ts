import type { z } from 'zod';
import type { CreatePositionSchema, Position, UpdatePositionSchema } from '../../../contracts/org.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';

interface PositionRow {
  id: string;
  name: string;
  name_en: string | null;
  compensation_limit: number;
  currency: string;
  compensation_types: Position['authority']['compensationTypes'];
  exemption_allowed: boolean;
}

const COLUMNS = 'id, name, name_en, compensation_limit, currency, compensation_types, exemption_allowed';

const toPosition = (r: PositionRow): Position => ({
  id: r.id,
  name: r.name,
  nameEn: r.name_en,
  authority: {
    compensationLimit: Number(r.compensation_limit),
    currency: r.currency,
    compensationTypes: r.compensation_types,
    exemptionAllowed: r.exemption_allowed,
  },
});

/** Positions and their authority are public inside the organisation: everyone should know who may grant what. */
export function listPositions(ctx: AppContext, actor: Actor, q: { limit: number; cursor?: string }): Promise<Page<Position>> {
  authorize(actor, 'org.read');
  const after = decodeCursor(q.cursor);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const rows = await tx.query<PositionRow>(
      `SELECT ${COLUMNS} FROM positions WHERE org_id = $1 AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
      [actor.orgId, after, q.limit + 1],
    );
    return toPage(rows.map(toPosition), q.limit, (p) => p.id);
  });
}

export function getPosition(ctx: AppContext, actor: Actor, id: string): Promise<Position> {
  authorize(actor, 'org.read');
  return ctx.db.tenant(actor.orgId, async (tx) => toPosition(await findPosition(tx, actor.orgId, id)));
}

export function createPosition(ctx: AppContext, actor: Actor, input: z.infer<typeof CreatePositionSchema>): Promise<Position> {
  authorize(actor, 'org.write');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const a = input.authority;
    const [row] = await tx.query<PositionRow>(
      `INSERT INTO positions (org_id, name, name_en, compensation_limit, currency, compensation_types, exemption_allowed)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [actor.orgId, input.name, input.nameEn ?? null, a.compensationLimit, a.currency, uniq(a.compensationTypes), a.exemptionAllowed],
    );
    const position = toPosition(row!);
    await recordAudit(tx, ctx.clock, actor, { action: 'position.created', entityType: 'position', entityId: position.id, after: position });
    return position;
  });
}

/** Authority changes are audited with before and after: they decide what frontline staff may grant. */
export function updatePosition(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof UpdatePositionSchema>): Promise<Position> {
  authorize(actor, 'org.write');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = toPosition(await findPosition(tx, actor.orgId, id));
    const a = { ...before.authority, ...input.authority };
    const [row] = await tx.query<PositionRow>(
      `UPDATE positions SET name = $3, name_en = $4, compensation_limit = $5, currency = $6,
         compensation_types = $7, exemption_allowed = $8
       WHERE org_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [
        actor.orgId,
        id,
        input.name ?? before.name,
        input.nameEn === undefined ? before.nameEn : input.nameEn,
        a.compensationLimit,
        a.currency,
        uniq(a.compensationTypes),
        a.exemptionAllowed,
      ],
    );
    const after = toPosition(row!);
    await recordAudit(tx, ctx.clock, actor, { action: 'position.updated', entityType: 'position', entityId: id, before, after });
    return after;
  });
}

async function findPosition(tx: Queryable, orgId: string, id: string): Promise<PositionRow> {
  const [row] = await tx.query<PositionRow>(`SELECT ${COLUMNS} FROM positions WHERE org_id = $1 AND id = $2`, [orgId, id]);
  if (!row) throw notFound('position');
  return row;
}

const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];
