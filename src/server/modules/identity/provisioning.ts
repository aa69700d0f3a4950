import type { Actor, Role } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { insertPasswordlessUser, type UserRecord } from '../access/index.ts';

// Creating a login (and, when the role needs one, its employee record) for someone the identity provider
// vouches for: just-in-time at their first single sign-on, or ahead of time by SCIM.

/**
 * The employee's unit or position could not be determined (neither from the provider's value nor a default), or
 * the default role is `partner` (saved before settings refused it): a partner login needs its partner, which no
 * identity provider tells, so single sign-on and SCIM never create one.
 */
export class ProvisioningIncomplete extends Error {
  constructor(readonly missing: 'unit' | 'position' | 'partner') {
    super(
      missing === 'partner'
        ? 'single sign-on and SCIM do not create partner logins: an administrator creates them, each with its partner'
        : `the ${missing} of the new employee is unknown: the identity provider sent no value that matches one, and no default is set`,
    );
  }
}

const ROLES_WITH_EMPLOYEE: readonly Role[] = ['manager', 'employee'];

export interface NewPerson {
  email: string;
  name: string | null;
  role: Role;
  /** What the provider said about the unit and position: an id, or a name (either language, any case). */
  unit: string | null;
  position: string | null;
  defaultUnitId: string | null;
  defaultPositionId: string | null;
  via: 'oidc' | 'saml' | 'scim';
}

/** A unit or position id by the provider's value (id or exact name, case-insensitive), else the default. */
export async function resolveReference(tx: Tx, table: 'units' | 'positions', value: string | null, fallback: string | null): Promise<string | null> {
  const wanted = value?.trim();
  if (wanted) {
    const [row] = await tx.query<{ id: string }>(
      `SELECT id FROM ${table} WHERE org_id = $1 AND (id::text = lower($2) OR lower(name) = lower($2) OR lower(name_en) = lower($2))
       ORDER BY (id::text = lower($2)) DESC, id LIMIT 1`,
      [tx.orgId, wanted.slice(0, 200)],
    );
    if (row) return row.id;
  }
  if (!fallback) return null;
  const [row] = await tx.query<{ id: string }>(`SELECT id FROM ${table} WHERE org_id = $1 AND id = $2`, [tx.orgId, fallback]);
  return row?.id ?? null;
}

/**
 * Creates the login. An employee record with the same e-mail is linked rather than duplicated; otherwise one
 * is created when unit and position are known, and must be for managers and employees (whose data scope is
 * their place in the tree).
 */
export async function provisionUser(ctx: AppContext, tx: Tx, actor: Actor | null, person: NewPerson): Promise<UserRecord> {
  if (person.role === 'partner') throw new ProvisioningIncomplete('partner');
  const [existing] = await tx.query<{ id: string }>(`SELECT id FROM employees WHERE org_id = $1 AND lower(email) = lower($2)`, [tx.orgId, person.email]);
  let employeeId = existing?.id ?? null;
  if (!employeeId) {
    const unitId = await resolveReference(tx, 'units', person.unit, person.defaultUnitId);
    const positionId = await resolveReference(tx, 'positions', person.position, person.defaultPositionId);
    if (unitId && positionId) {
      employeeId = await insertEmployee(ctx, tx, actor, { name: person.name?.trim() || person.email.split('@')[0]!, email: person.email, unitId, positionId, via: person.via });
    } else if (ROLES_WITH_EMPLOYEE.includes(person.role)) {
      throw new ProvisioningIncomplete(unitId ? 'position' : 'unit');
    }
  }
  return insertPasswordlessUser(ctx, tx, actor, { email: person.email, role: person.role, employeeId, via: person.via });
}

async function insertEmployee(
  ctx: AppContext,
  tx: Tx,
  actor: Actor | null,
  e: { name: string; email: string; unitId: string; positionId: string; via: string },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO employees (org_id, name, email, unit_id, position_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [tx.orgId, e.name.slice(0, 200), e.email, e.unitId, e.positionId],
  );
  await recordAudit(tx, ctx.clock, actor, {
    action: 'employee.created',
    entityType: 'employee',
    entityId: row!.id,
    after: { name: e.name, email: e.email, unitId: e.unitId, positionId: e.positionId, via: e.via },
  });
  return row!.id;
}

/** SCIM changed a person's name, unit or position: the linked employee record follows. */
export async function updateEmployeeFromProvider(
  ctx: AppContext,
  tx: Tx,
  actor: Actor | null,
  employeeId: string,
  change: { name: string | null; email: string; unit: string | null; position: string | null },
): Promise<void> {
  const [before] = await tx.query<{ name: string; email: string | null; unit_id: string; position_id: string }>(
    `SELECT name, email, unit_id, position_id FROM employees WHERE org_id = $1 AND id = $2`,
    [tx.orgId, employeeId],
  );
  if (!before) return;
  const unitId = (await resolveReference(tx, 'units', change.unit, null)) ?? before.unit_id;
  const positionId = (await resolveReference(tx, 'positions', change.position, null)) ?? before.position_id;
  const name = change.name?.trim() || before.name;
  if (name === before.name && change.email === before.email && unitId === before.unit_id && positionId === before.position_id) return;
  await tx.query(`UPDATE employees SET name = $3, email = $4, unit_id = $5, position_id = $6 WHERE org_id = $1 AND id = $2`, [
    tx.orgId,
    employeeId,
    name.slice(0, 200),
    change.email,
    unitId,
    positionId,
  ]);
  await recordAudit(tx, ctx.clock, actor, {
    action: 'employee.updated',
    entityType: 'employee',
    entityId: employeeId,
    before: { name: before.name, email: before.email, unitId: before.unit_id, positionId: before.position_id },
    after: { name, email: change.email, unitId, positionId, via: 'scim' },
  });
}
