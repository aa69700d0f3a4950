/**
 * The listening rotation plan: for each executive or manager, the kinds of
 * session they commit to and how often (every N weeks). An entry is overdue
 * when no session of its kind was held within its cadence of the last one
 * (or of the entry's creation, so a new entry starts with a full period).
 */
import type { z } from 'zod';
import type { CreateRotationSchema, ListeningKind, Rotation, UpdateRotationSchema } from '../../../contracts/governance.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import { DAY } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { listeningScopeOf, mustExist, peopleCondition, type PeopleScope } from './governance.access.ts';

interface RotationRow {
  id: string;
  employee_id: string;
  employee_name: string;
  kind: ListeningKind;
  every_weeks: number;
  note: string;
  created_at: Date;
  last_at: Date | null;
}

export const WEEK = 7 * DAY;

/** When the entry's next session falls due. */
export const dueAtOf = (r: { every_weeks: number; created_at: Date; last_at: Date | null }): Date => new Date((r.last_at ?? r.created_at).getTime() + r.every_weeks * WEEK);

const toRotation = (r: RotationRow, now: Date): Rotation => {
  const dueAt = dueAtOf(r);
  return {
    id: r.id,
    employeeId: r.employee_id,
    employeeName: r.employee_name,
    kind: r.kind,
    everyWeeks: r.every_weeks,
    note: r.note,
    lastAt: r.last_at?.toISOString() ?? null,
    dueAt: dueAt.toISOString(),
    overdue: dueAt.getTime() < now.getTime(),
  };
};

/** The plan entries a scope sees, each with its last session held up to `asOf`; `only` narrows to one entry. */
export async function selectRotations(tx: Queryable, orgId: string, scope: PeopleScope, asOf: Date, only: string | null = null): Promise<RotationRow[]> {
  const params: unknown[] = [orgId, asOf, only];
  return tx.query<RotationRow>(
    `SELECT r.id, r.employee_id, e.name AS employee_name, r.kind, r.every_weeks, r.note, r.created_at,
            (SELECT max(s.held_at) FROM listening_sessions s
              WHERE s.org_id = r.org_id AND s.employee_id = r.employee_id AND s.kind = r.kind AND s.status = 'done' AND s.held_at <= $2) AS last_at
       FROM listening_rotations r JOIN employees e ON e.org_id = r.org_id AND e.id = r.employee_id
      WHERE r.org_id = $1 AND ($3::uuid IS NULL OR r.id = $3) AND ${peopleCondition(scope, params)}
      ORDER BY e.name, r.employee_id, r.kind`,
    params,
  );
}

export function listRotations(ctx: AppContext, actor: Actor): Promise<{ items: Rotation[] }> {
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const scope = await listeningScopeOf(tx, actor);
    const now = ctx.clock.now();
    return { items: (await selectRotations(tx, actor.orgId, scope, now)).map((r) => toRotation(r, now)) };
  });
}

/** Adds a person's commitment to a kind of session; 409 rotation_exists when they already have one of that kind. */
export function createRotation(ctx: AppContext, actor: Actor, input: z.infer<typeof CreateRotationSchema>): Promise<Rotation> {
  authorize(actor, 'listening.plan');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await mustExist(tx, actor.orgId, 'employees', input.employeeId, 'employeeId');
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO listening_rotations (org_id, employee_id, kind, every_weeks, note, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (org_id, employee_id, kind) DO NOTHING RETURNING id`,
      [actor.orgId, input.employeeId, input.kind, input.everyWeeks, input.note, ctx.clock.now()],
    );
    if (!row) throw new AppError(409, 'rotation_exists', 'this person already has a rotation entry of this kind: change its cadence instead', { field: 'kind' });
    await recordAudit(tx, ctx.clock, actor, { action: 'listening.rotation_created', entityType: 'listening_rotation', entityId: row.id, after: input });
    return readRotation(tx, actor.orgId, row.id, ctx.clock.now());
  });
}

export function updateRotation(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof UpdateRotationSchema>): Promise<Rotation> {
  authorize(actor, 'listening.plan');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [before] = await tx.query<{ every_weeks: number; note: string }>(`SELECT every_weeks, note FROM listening_rotations WHERE org_id = $1 AND id = $2 FOR UPDATE`, [actor.orgId, id]);
    if (!before) throw notFound('rotation entry');
    await tx.query(`UPDATE listening_rotations SET every_weeks = $3, note = $4 WHERE org_id = $1 AND id = $2`, [actor.orgId, id, input.everyWeeks ?? before.every_weeks, input.note ?? before.note]);
    await recordAudit(tx, ctx.clock, actor, { action: 'listening.rotation_updated', entityType: 'listening_rotation', entityId: id, before, after: input });
    return readRotation(tx, actor.orgId, id, ctx.clock.now());
  });
}

export function deleteRotation(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'listening.plan');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [gone] = await tx.query(`DELETE FROM listening_rotations WHERE org_id = $1 AND id = $2 RETURNING employee_id, kind, every_weeks`, [actor.orgId, id]);
    if (!gone) throw notFound('rotation entry');
    await recordAudit(tx, ctx.clock, actor, { action: 'listening.rotation_deleted', entityType: 'listening_rotation', entityId: id, before: gone });
  });
}

/** My rotation entries past due (the workbench's reminder). */
export async function myOverdueRotations(tx: Queryable, actor: Actor, now: Date): Promise<Rotation[]> {
  if (!actor.employeeId) return [];
  const rows = await selectRotations(tx, actor.orgId, { kind: 'self', self: actor.employeeId }, now);
  return rows.map((r) => toRotation(r, now)).filter((r) => r.overdue);
}

async function readRotation(tx: Queryable, orgId: string, id: string, now: Date): Promise<Rotation> {
  const [row] = await selectRotations(tx, orgId, { kind: 'org' }, now, id);
  return toRotation(row!, now);
}
