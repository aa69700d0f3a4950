import { randomUUID } from 'node:crypto';
import type { Role } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { insertApiKey, insertUser } from '../modules/access/index.ts';
import { createOrganisation } from '../modules/org/index.ts';

export interface TestOrg {
  orgId: string;
  slug: string;
  adminKey: string;
  rootUnitId: string;
  positionId: string;
}

/** A new organisation with a root unit, one position and an admin API key. */
export async function buildOrg(ctx: AppContext, slug = `org-${randomUUID().slice(0, 8)}`): Promise<TestOrg> {
  const org = await createOrganisation(ctx, { slug, name: `测试公司 ${slug}`, nameEn: `Test Co ${slug}` });
  return ctx.db.tenant(org.id, async (tx) => {
    const [unit] = await tx.query<{ id: string }>(
      `INSERT INTO units (org_id, name, kind) VALUES ($1, 'Head office', 'company') RETURNING id`,
      [org.id],
    );
    const [position] = await tx.query<{ id: string }>(
      `INSERT INTO positions (org_id, name, compensation_limit, compensation_types, exemption_allowed)
       VALUES ($1, 'Clerk', 100, '{refund}', false) RETURNING id`,
      [org.id],
    );
    const { key } = await insertApiKey(ctx, tx, null, { role: 'admin', name: 'test admin' });
    return { orgId: org.id, slug, adminKey: key, rootUnitId: unit!.id, positionId: position!.id };
  });
}

/** An employee in `unitId` with an API key of the given role acting as them. */
export async function buildEmployeeWithKey(
  ctx: AppContext,
  org: TestOrg,
  input: { unitId?: string; role?: Role; name?: string; managerId?: string } = {},
): Promise<{ employeeId: string; key: string }> {
  return ctx.db.tenant(org.orgId, async (tx) => {
    const [e] = await tx.query<{ id: string }>(
      `INSERT INTO employees (org_id, name, email, unit_id, position_id, manager_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [org.orgId, input.name ?? 'Employee', `${randomUUID()}@example.com`, input.unitId ?? org.rootUnitId, org.positionId, input.managerId ?? null],
    );
    const role = input.role ?? 'employee';
    const { key } = await insertApiKey(ctx, tx, null, { role, employeeId: e!.id, name: `${role} key` });
    return { employeeId: e!.id, key };
  });
}

/** A login (e-mail and password) for the org, for session and CSRF tests. */
export async function buildUser(ctx: AppContext, org: TestOrg, role: Role = 'admin', employeeId?: string) {
  const email = `${randomUUID().slice(0, 8)}@example.com`;
  const password = 'correct horse battery';
  await ctx.db.tenant(org.orgId, (tx) => insertUser(ctx, tx, null, { email, password, role, employeeId }));
  return { email, password };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
