/**
 * Who is above whom. The next person up from an employee is their manager
 * (employees.manager_id); without one, the head of their unit or, failing
 * that, of the nearest unit above it. A unit's head is an employee of the unit
 * who manages someone and whose own manager is not in the same unit (most
 * direct reports first); someone who left heads nothing. Escalation and approval routing both walk this chain.
 */
import type { Queryable } from '../../platform/db/database.ts';

export interface Person {
  id: string;
  unitId: string;
  managerId: string | null;
  positionId: string;
}

export interface Authority {
  limit: number;
  currency: string;
  kinds: string[];
  exemptionAllowed: boolean;
}

/** The longest chain walked: a guard against loops the org module should already prevent. */
const MAX_DEPTH = 64;

export async function findPerson(tx: Queryable, orgId: string, id: string): Promise<Person | null> {
  const [row] = await tx.query<{ id: string; unit_id: string; manager_id: string | null; position_id: string }>(
    `SELECT id, unit_id, manager_id, position_id FROM employees WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return row ? { id: row.id, unitId: row.unit_id, managerId: row.manager_id, positionId: row.position_id } : null;
}

/** The head of a unit, or of the nearest unit above it that has one; never `exceptId`. */
export async function headOfUnit(tx: Queryable, orgId: string, unitId: string, exceptId: string | null = null): Promise<string | null> {
  return (await headsOfUnits(tx, orgId, [{ unitId, exceptId }])).get(headKey(unitId, exceptId)) ?? null;
}

export interface HeadQuery {
  unitId: string;
  exceptId: string | null;
}

export const headKey = (unitId: string, exceptId: string | null): string => `${unitId}|${exceptId ?? ''}`;

/**
 * `headOfUnit` for many (unit, except) pairs in one statement, keyed by
 * `headKey`: an ingest group opening cases in many stores asks once.
 */
export async function headsOfUnits(tx: Queryable, orgId: string, queries: HeadQuery[]): Promise<Map<string, string>> {
  const unique = [...new Map(queries.map((q) => [headKey(q.unitId, q.exceptId), q])).values()];
  if (unique.length === 0) return new Map();
  const rows = await tx.query<{ unit_id: string; except_id: string | null; id: string }>(
    `SELECT q.unit_id, q.except_id, h.id
     FROM jsonb_to_recordset($2::jsonb) AS q(unit_id uuid, except_id uuid)
     CROSS JOIN LATERAL (
       WITH RECURSIVE up AS (
         SELECT id, parent_id, 0 AS depth FROM units WHERE org_id = $1 AND id = q.unit_id
         UNION ALL
         SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.org_id = $1 AND u.id = up.parent_id WHERE up.depth < ${MAX_DEPTH}
       )
       SELECT e.id FROM up JOIN employees e ON e.org_id = $1 AND e.unit_id = up.id
       WHERE e.id IS DISTINCT FROM q.except_id AND e.left_at IS NULL
         AND EXISTS (SELECT 1 FROM employees r WHERE r.org_id = $1 AND r.manager_id = e.id)
         AND NOT EXISTS (SELECT 1 FROM employees m WHERE m.org_id = $1 AND m.id = e.manager_id AND m.unit_id = e.unit_id)
       ORDER BY up.depth, (SELECT count(*) FROM employees r WHERE r.org_id = $1 AND r.manager_id = e.id) DESC, e.created_at, e.id
       LIMIT 1
     ) h`,
    [orgId, JSON.stringify(unique.map((q) => ({ unit_id: q.unitId, except_id: q.exceptId })))],
  );
  return new Map(rows.map((r) => [headKey(r.unit_id, r.except_id), r.id]));
}

/** The next person up from an employee (see the module note), or null at the top. */
export async function nextUp(tx: Queryable, orgId: string, person: Person): Promise<string | null> {
  if (person.managerId) return person.managerId;
  return headOfUnit(tx, orgId, person.unitId, person.id);
}

/** Everyone above an employee, nearest first (the employee not included). */
export async function chainAbove(tx: Queryable, orgId: string, employeeId: string): Promise<Person[]> {
  const chain: Person[] = [];
  const seen = new Set([employeeId]);
  let current = await findPerson(tx, orgId, employeeId);
  while (current && chain.length < MAX_DEPTH) {
    const nextId = await nextUp(tx, orgId, current);
    if (!nextId || seen.has(nextId)) break;
    seen.add(nextId);
    current = await findPerson(tx, orgId, nextId);
    if (current) chain.push(current);
  }
  return chain;
}

export async function authorityOf(tx: Queryable, orgId: string, employeeId: string): Promise<Authority | null> {
  const [row] = await tx.query<{ compensation_limit: string; currency: string; compensation_types: string[]; exemption_allowed: boolean }>(
    `SELECT p.compensation_limit, p.currency, p.compensation_types, p.exemption_allowed
     FROM employees e JOIN positions p ON p.org_id = e.org_id AND p.id = e.position_id WHERE e.org_id = $1 AND e.id = $2`,
    [orgId, employeeId],
  );
  return row
    ? { limit: Number(row.compensation_limit), currency: row.currency, kinds: row.compensation_types, exemptionAllowed: row.exemption_allowed }
    : null;
}

/** Whether an authority covers a grant that brings the case's total in `currency` to `caseTotal` (limits are per case). */
export function covers(a: Authority | null, grant: { caseTotal: number; currency: string; kind: string }): boolean {
  return !!a && a.currency === grant.currency && a.kinds.includes(grant.kind) && toCents(grant.caseTotal) <= toCents(a.limit);
}

/** Money compared in whole cents, so 0.1 + 0.2 never exceeds 0.3. */
export const toCents = (n: number): number => Math.round(n * 100);
