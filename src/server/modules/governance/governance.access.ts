/**
 * Who may see governance data, and which people's listening they see.
 * Admins and managers read the committee; an employee only while sitting on
 * it (or, for listening, while on the rotation plan). Listening follows the
 * organisation's data scope: admins everyone, managers their unit subtree and
 * themselves, anyone else themselves.
 */
import type { Memberships } from '../../../contracts/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize, type Action } from '../../platform/authz.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { dataScopeOf } from '../org/index.ts';

/** Whose listening a reader sees: everyone, employees of these units (plus `self`), or only `self`. */
export type PeopleScope = { kind: 'org' } | { kind: 'units'; unitIds: string[]; self: string | null } | { kind: 'self'; self: string };

async function isCommitteeMember(tx: Queryable, actor: Actor): Promise<boolean> {
  if (!actor.employeeId) return false;
  const [row] = await tx.query(`SELECT 1 FROM committee_members WHERE org_id = $1 AND employee_id = $2`, [actor.orgId, actor.employeeId]);
  return !!row;
}

async function isOnRotation(tx: Queryable, actor: Actor): Promise<boolean> {
  if (!actor.employeeId) return false;
  const [row] = await tx.query(`SELECT 1 FROM listening_rotations WHERE org_id = $1 AND employee_id = $2 LIMIT 1`, [actor.orgId, actor.employeeId]);
  return !!row;
}

/** Whether an employee takes part in executive listening: on the committee or on the rotation plan. */
async function isListener(tx: Queryable, actor: Actor): Promise<boolean> {
  return (await isCommitteeMember(tx, actor)) || (await isOnRotation(tx, actor));
}

/**
 * The governance bodies the actor belongs to, whatever their role: what lets an employee past the two rules below.
 * The web app's session carries it, so the menu offers a member the committee and listening pages the API then serves.
 */
export async function governanceMembershipsOf(tx: Queryable, actor: Actor): Promise<Memberships> {
  return { committee: await isCommitteeMember(tx, actor), listening: await isListener(tx, actor) };
}

/** 403 unless the actor may read the committee: admins, managers, members. */
export async function requireCommitteeReader(tx: Queryable, actor: Actor): Promise<void> {
  authorize(actor, 'committee.read');
  if (actor.role === 'admin' || actor.role === 'manager') return;
  if (!(await isCommitteeMember(tx, actor))) throw forbidden('the committee is open to administrators, managers and its members');
}

/** The listening scope of the actor, or 403 for an employee who is neither on the committee nor on the rotation. */
export async function listeningScopeOf(tx: Queryable, actor: Actor, action: Extract<Action, 'listening.read' | 'listening.log'> = 'listening.read'): Promise<PeopleScope> {
  authorize(actor, action);
  if (actor.role === 'admin') return { kind: 'org' };
  if (actor.role === 'manager') {
    const scope = await dataScopeOf(tx, actor);
    return scope.kind === 'units' ? { kind: 'units', unitIds: scope.unitIds, self: actor.employeeId } : { kind: 'units', unitIds: [], self: actor.employeeId };
  }
  if (actor.employeeId && (await isListener(tx, actor))) return { kind: 'self', self: actor.employeeId };
  throw forbidden('executive listening is open to administrators, managers, committee members and people on the rotation');
}

/** A SQL condition on an employee alias `e` for the scope; pushes its parameters. */
export function peopleCondition(scope: PeopleScope, params: unknown[], alias = 'e'): string {
  switch (scope.kind) {
    case 'org':
      return 'TRUE';
    case 'self':
      params.push(scope.self);
      return `${alias}.id = $${params.length}`;
    case 'units':
      params.push(scope.unitIds, scope.self);
      return `(${alias}.unit_id = ANY ($${params.length - 1}::uuid[]) OR ${alias}.id = $${params.length}::uuid)`;
  }
}

/** 404 (field named) unless the row exists in the organisation. */
export async function mustExist(tx: Queryable, orgId: string, table: 'employees' | 'units', id: string, field: string): Promise<void> {
  const [row] = await tx.query(`SELECT 1 FROM ${table} WHERE org_id = $1 AND id = $2`, [orgId, id]);
  if (!row) throw new AppError(404, 'not_found', `${field} was not found`, { field });
}

export const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

/** The organisation's local date of an instant, as YYYY-MM-DD (decisions fall due on dates). */
export async function localDate(tx: Queryable, orgId: string, at: Date): Promise<string> {
  const [row] = await tx.query<{ d: string }>(`SELECT to_char(($2::timestamptz AT TIME ZONE time_zone)::date, 'YYYY-MM-DD') AS d FROM organisations WHERE id = $1`, [orgId, at]);
  return row!.d;
}
