import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { disableUser, enableUser, findUserByEmail, findUserById, setUserEmail } from '../access/index.ts';
import { provisionUser, ProvisioningIncomplete, updateEmployeeFromProvider } from './provisioning.ts';
import { applyPatch, displayNameOf, ScimError, toScimUser, type ScimPerson, type UserFilter } from './scim.resource.ts';
import type { ScimDefaults } from './scim-settings.service.ts';

// SCIM Users over Lodestar's logins: a SCIM user is a login (users) with what SCIM sent kept in scim_users;
// its employee record follows name, department (unit) and title (position). Every login of the organisation
// is visible, so an identity provider can match people who existed before provisioning was turned on.
// `active: false` and DELETE disable the login, end its sessions and revoke its API keys in one transaction.

export interface ScimTenant extends ScimDefaults {
  orgId: string;
  /** …/scim/v2, for meta.location. */
  baseUrl: string;
}

interface Row {
  id: string;
  email: string;
  employee_id: string | null;
  disabled_at: Date | null;
  created_at: Date;
  external_id: string | null;
  given_name: string | null;
  family_name: string | null;
  display_name: string | null;
  title: string | null;
  department: string | null;
  scim_created_at: Date | null;
  updated_at: Date | null;
  employee_name: string | null;
}

const SELECT = `SELECT u.id, u.email, u.employee_id, u.disabled_at, u.created_at, s.external_id, s.given_name, s.family_name, s.display_name,
    s.title, s.department, s.created_at AS scim_created_at, s.updated_at, e.name AS employee_name
  FROM users u LEFT JOIN scim_users s ON s.org_id = u.org_id AND s.user_id = u.id
  LEFT JOIN employees e ON e.org_id = u.org_id AND e.id = u.employee_id
  WHERE u.org_id = $1 AND s.deleted_at IS NULL`;

const personOf = (r: Row): ScimPerson => ({
  userName: r.email,
  externalId: r.external_id,
  active: r.disabled_at === null,
  givenName: r.given_name,
  familyName: r.family_name,
  displayName: r.display_name ?? (r.scim_created_at ? null : r.employee_name),
  title: r.title,
  department: r.department,
});

const resourceOf = (t: ScimTenant, r: Row) =>
  toScimUser(r.id, personOf(r), { created: r.scim_created_at ?? r.created_at, lastModified: r.updated_at ?? r.created_at, location: `${t.baseUrl}/Users/${r.id}` });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function rowOf(tx: Tx, id: string): Promise<Row> {
  const [row] = UUID.test(id) ? await tx.query<Row>(`${SELECT} AND u.id = $2`, [tx.orgId, id]) : [];
  if (!row) throw new ScimError(404, `user ${id.slice(0, 60)} not found`);
  return row;
}

export function listScimUsers(ctx: AppContext, t: ScimTenant, q: { filter: UserFilter; startIndex: number; count: number }) {
  return ctx.db.tenant(t.orgId, async (tx) => {
    const where = !q.filter
      ? ''
      : q.filter.attribute === 'userName'
        ? ` AND lower(u.email) = lower($2)`
        : q.filter.attribute === 'externalId'
          ? ` AND s.external_id = $2`
          : ` AND u.id::text = lower($2)`;
    const params = q.filter ? [t.orgId, q.filter.value] : [t.orgId];
    const [{ total }] = (await tx.query<{ total: number }>(`SELECT count(*)::int AS total FROM (${SELECT}${where}) x`, params)) as [{ total: number }];
    const rows = q.count === 0 ? [] : await tx.query<Row>(`${SELECT}${where} ORDER BY u.created_at, u.id OFFSET ${q.startIndex - 1} LIMIT ${q.count}`, params);
    return {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: total,
      startIndex: q.startIndex,
      itemsPerPage: rows.length,
      Resources: rows.map((r) => resourceOf(t, r)),
    };
  });
}

export function getScimUser(ctx: AppContext, t: ScimTenant, id: string) {
  return ctx.db.tenant(t.orgId, async (tx) => resourceOf(t, await rowOf(tx, id)));
}

/** Creates the login (just as a first single sign-on would), or adopts an existing one with this e-mail. */
export function createScimUser(ctx: AppContext, t: ScimTenant, person: ScimPerson) {
  return ctx.db.tenant(t.orgId, async (tx) => {
    const existing = await findUserByEmail(tx, person.userName);
    let userId: string;
    if (existing) {
      const [linked] = await tx.query(`SELECT 1 FROM scim_users WHERE org_id = $1 AND user_id = $2 AND deleted_at IS NULL`, [t.orgId, existing.id]);
      if (linked) throw new ScimError(409, `a user with userName ${person.userName} exists`, 'uniqueness');
      userId = existing.id;
    } else {
      try {
        userId = (
          await provisionUser(ctx, tx, null, {
            email: person.userName,
            name: displayNameOf(person),
            role: t.defaultRole,
            unit: person.department,
            position: person.title,
            defaultUnitId: t.defaultUnitId,
            defaultPositionId: t.defaultPositionId,
            via: 'scim',
          })
        ).id;
      } catch (error) {
        if (error instanceof ProvisioningIncomplete) throw new ScimError(400, error.message, 'invalidValue');
        throw error;
      }
    }
    await tx.query(`DELETE FROM scim_users WHERE org_id = $1 AND user_id = $2`, [t.orgId, userId]);
    await tx.query(`INSERT INTO scim_users (org_id, user_id, created_at, updated_at) VALUES ($1, $2, $3, $3)`, [t.orgId, userId, ctx.clock.now()]);
    await writePerson(ctx, tx, userId, person);
    return resourceOf(t, await rowOf(tx, userId));
  });
}

export function replaceScimUser(ctx: AppContext, t: ScimTenant, id: string, person: ScimPerson) {
  return ctx.db.tenant(t.orgId, async (tx) => {
    await rowOf(tx, id);
    await writePerson(ctx, tx, id, person);
    return resourceOf(t, await rowOf(tx, id));
  });
}

export function patchScimUser(ctx: AppContext, t: ScimTenant, id: string, body: unknown) {
  return ctx.db.tenant(t.orgId, async (tx) => {
    const next = applyPatch(personOf(await rowOf(tx, id)), body);
    await writePerson(ctx, tx, id, next);
    return resourceOf(t, await rowOf(tx, id));
  });
}

/** SCIM DELETE: the login is disabled (its history stays) and SCIM answers 404 for it from now on. */
export function deleteScimUser(ctx: AppContext, t: ScimTenant, id: string): Promise<void> {
  return ctx.db.tenant(t.orgId, async (tx) => {
    await rowOf(tx, id);
    await refuseBreakGlass(tx, id);
    await disableUser(ctx, tx, null, id);
    const now = ctx.clock.now();
    await tx.query(
      `INSERT INTO scim_users (org_id, user_id, created_at, updated_at, deleted_at) VALUES ($1, $2, $3, $3, $3)
       ON CONFLICT (org_id, user_id) DO UPDATE SET deleted_at = $3, updated_at = $3`,
      [t.orgId, id, now],
    );
  });
}

/** Break-glass admins are the way in when the identity provider fails, so the provider may not switch them off. */
async function refuseBreakGlass(tx: Tx, userId: string): Promise<void> {
  const [row] = await tx.query(`SELECT 1 FROM sso_break_glass_users WHERE org_id = $1 AND user_id = $2`, [tx.orgId, userId]);
  if (row) throw new ScimError(403, 'this is a break-glass admin of the SSO policy: it is managed in Lodestar, not by provisioning', 'mutability');
}

async function writePerson(ctx: AppContext, tx: Tx, userId: string, p: ScimPerson): Promise<void> {
  const user = (await findUserById(tx, userId))!;
  if (user.email.toLowerCase() !== p.userName.toLowerCase()) {
    const clash = await findUserByEmail(tx, p.userName);
    if (clash && clash.id !== userId) throw new ScimError(409, `a user with userName ${p.userName} exists`, 'uniqueness');
  }
  if (!p.active && !user.disabled) await refuseBreakGlass(tx, userId);
  await setUserEmail(ctx, tx, null, userId, p.userName);
  if (user.employeeId) await updateEmployeeFromProvider(ctx, tx, null, user.employeeId, { name: displayNameOf(p), email: p.userName, unit: p.department, position: p.title });
  await tx.query(
    `INSERT INTO scim_users (org_id, user_id, external_id, given_name, family_name, display_name, title, department, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
     ON CONFLICT (org_id, user_id) DO UPDATE SET external_id = $3, given_name = $4, family_name = $5, display_name = $6, title = $7,
       department = $8, updated_at = $9, deleted_at = NULL`,
    [tx.orgId, userId, p.externalId, p.givenName, p.familyName, p.displayName, p.title, p.department, ctx.clock.now()],
  );
  if (p.active && user.disabled) await enableUser(ctx, tx, null, userId);
  if (!p.active && !user.disabled) await disableUser(ctx, tx, null, userId);
}
