import type { z } from 'zod';
import type { CreateEmployeeSchema, Employee, UpdateEmployeeSchema } from '../../../contracts/org.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { dataScopeOf, isEmployeeInScope, lockOrgStructure, unitSubtreeIds } from './org.scope.ts';

interface EmployeeRow {
  id: string;
  name: string;
  email: string | null;
  unit_id: string;
  position_id: string;
  manager_id: string | null;
  left_at: Date | null;
}

const COLUMNS = 'id, name, email, unit_id, position_id, manager_id, left_at';

const toEmployee = (r: EmployeeRow): Employee => ({
  id: r.id,
  name: r.name,
  email: r.email,
  unitId: r.unit_id,
  positionId: r.position_id,
  managerId: r.manager_id,
  leftAt: r.left_at?.toISOString() ?? null,
});

/** Employees within the caller's data scope; `unitId` narrows to that unit's subtree. */
export function listEmployees(
  ctx: AppContext,
  actor: Actor,
  q: { limit: number; cursor?: string; unitId?: string },
): Promise<Page<Employee>> {
  authorize(actor, 'org.read');
  const after = decodeCursor(q.cursor);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const scope = await dataScopeOf(tx, actor);
    if (scope.kind === 'none') return { items: [], nextCursor: null };
    const filterUnits = q.unitId ? await unitSubtreeIds(tx, actor.orgId, q.unitId) : null;
    const rows = await tx.query<EmployeeRow>(
      `SELECT ${COLUMNS} FROM employees
       WHERE org_id = $1 AND ($2::uuid IS NULL OR id > $2::uuid)
         AND ($3::uuid[] IS NULL OR unit_id = ANY($3::uuid[]))
         AND ($4::uuid[] IS NULL OR unit_id = ANY($4::uuid[]))
         AND ($5::uuid IS NULL OR id = $5::uuid)
       ORDER BY id LIMIT $6`,
      [
        actor.orgId,
        after,
        filterUnits,
        scope.kind === 'units' ? scope.unitIds : null,
        scope.kind === 'self' ? scope.employeeId : null,
        q.limit + 1,
      ],
    );
    return toPage(rows.map(toEmployee), q.limit, (e) => e.id);
  });
}

/** Out-of-scope employees answer 404, so their existence does not leak. */
export function getEmployee(ctx: AppContext, actor: Actor, id: string): Promise<Employee> {
  authorize(actor, 'org.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const employee = toEmployee(await findEmployee(tx, actor.orgId, id));
    if (!isEmployeeInScope(await dataScopeOf(tx, actor), employee)) throw notFound('employee');
    return employee;
  });
}

export function createEmployee(ctx: AppContext, actor: Actor, input: z.infer<typeof CreateEmployeeSchema>): Promise<Employee> {
  authorize(actor, 'org.write');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await checkReferences(tx, actor.orgId, null, input);
    const [row] = await tx.query<EmployeeRow>(
      `INSERT INTO employees (org_id, name, email, unit_id, position_id, manager_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [actor.orgId, input.name, input.email ?? null, input.unitId, input.positionId, input.managerId ?? null],
    );
    const employee = toEmployee(row!);
    await recordAudit(tx, ctx.clock, actor, { action: 'employee.created', entityType: 'employee', entityId: employee.id, after: employee });
    return employee;
  });
}

export function updateEmployee(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof UpdateEmployeeSchema>): Promise<Employee> {
  authorize(actor, 'org.write');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = toEmployee(await findEmployee(tx, actor.orgId, id));
    const next = {
      name: input.name ?? before.name,
      email: input.email === undefined ? before.email : input.email,
      unitId: input.unitId ?? before.unitId,
      positionId: input.positionId ?? before.positionId,
      managerId: input.managerId === undefined ? before.managerId : input.managerId,
      leftAt: input.leftAt === undefined ? before.leftAt : input.leftAt,
    };
    await checkReferences(tx, actor.orgId, id, next);
    const [row] = await tx.query<EmployeeRow>(
      `UPDATE employees SET name = $3, email = $4, unit_id = $5, position_id = $6, manager_id = $7, left_at = $8
       WHERE org_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [actor.orgId, id, next.name, next.email, next.unitId, next.positionId, next.managerId, next.leftAt],
    );
    const after = toEmployee(row!);
    await recordAudit(tx, ctx.clock, actor, { action: 'employee.updated', entityType: 'employee', entityId: id, before, after });
    return after;
  });
}

/** Unit, position and manager must exist in this organisation; a manager chain must not loop back. */
async function checkReferences(
  tx: Queryable,
  orgId: string,
  selfId: string | null,
  e: { unitId: string; positionId: string; managerId?: string | null },
): Promise<void> {
  await lockOrgStructure(tx, orgId);
  const [refs] = await tx.query<{ unit: boolean; position: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM units WHERE org_id = $1 AND id = $2) AS unit,
            EXISTS (SELECT 1 FROM positions WHERE org_id = $1 AND id = $3) AS position`,
    [orgId, e.unitId, e.positionId],
  );
  if (!refs?.unit) throw notFound('unit');
  if (!refs.position) throw notFound('position');
  if (!e.managerId) return;
  const chain = await tx.query<{ id: string }>(
    `WITH RECURSIVE chain AS (
       SELECT id, manager_id, 1 AS depth FROM employees WHERE org_id = $1 AND id = $2
       UNION ALL
       SELECT m.id, m.manager_id, c.depth + 1 FROM employees m JOIN chain c ON m.org_id = $1 AND m.id = c.manager_id
       WHERE c.depth < 1000
     ) SELECT id FROM chain`,
    [orgId, e.managerId],
  );
  if (chain.length === 0) throw notFound('manager');
  if (selfId && chain.some((c) => c.id === selfId)) {
    throw invalid('an employee cannot report to themself or to someone who reports to them', { field: 'managerId' });
  }
}

async function findEmployee(tx: Queryable, orgId: string, id: string): Promise<EmployeeRow> {
  const [row] = await tx.query<EmployeeRow>(`SELECT ${COLUMNS} FROM employees WHERE org_id = $1 AND id = $2`, [orgId, id]);
  if (!row) throw notFound('employee');
  return row;
}

