/**
 * What care after hard cases (the support module) may know about cases: whether someone took part in a
 * case (to flag it as hard, or name it in a support request), and the open cases in a manager's scope
 * with what makes each one heavy. Never notes, comments or the customer.
 */
import type { Actor } from '../../platform/actor.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { dataScopeOf } from '../org/index.ts';

/**
 * A case the employee took part in: its owner or serving employee now, someone who acted on it (a note, a
 * contact, a compensation), or an owner before an escalation or a hand-over. Anyone else gets 404.
 */
export async function findCaseTakenPartIn(tx: Queryable, orgId: string, employeeId: string, caseId: string): Promise<{ id: string; title: string }> {
  const [row] = await tx.query<{ id: string; title: string }>(
    `SELECT c.id, c.title FROM cases c
      WHERE c.org_id = $1 AND c.id = $2
        AND ($3::uuid IN (c.owner_id, c.employee_id) OR EXISTS (
              SELECT 1 FROM case_events e WHERE e.org_id = $1 AND e.case_id = c.id
                AND (e.actor_employee_id = $3::uuid OR e.data->>'fromOwnerId' = $3::text OR e.data->>'ownerId' = $3::text)))`,
    [orgId, caseId, employeeId],
  );
  if (!row) throw notFound('case');
  return row;
}

export interface OpenCaseWeight {
  id: string;
  ownerId: string;
  priority: 'low' | 'medium' | 'high' | 'urgent';
  escalationLevel: number;
  createdAt: Date;
}

/** Open owned cases whose owner is an employee in the actor's scope (admins: everyone; managers: their subtree). */
export async function openCasesByOwner(tx: Queryable, actor: Actor): Promise<OpenCaseWeight[]> {
  const scope = await dataScopeOf(tx, actor);
  if (scope.kind !== 'org' && scope.kind !== 'units') return [];
  const rows = await tx.query<{ id: string; owner_id: string; priority: OpenCaseWeight['priority']; escalation_level: number; created_at: Date }>(
    `SELECT c.id, c.owner_id, c.priority, c.escalation_level, c.created_at FROM cases c
       JOIN employees o ON o.org_id = c.org_id AND o.id = c.owner_id AND o.left_at IS NULL
      WHERE c.org_id = $1 AND c.status IN ('new', 'acknowledged', 'in_progress') AND ($2::uuid[] IS NULL OR o.unit_id = ANY ($2::uuid[]))`,
    [actor.orgId, scope.kind === 'units' ? scope.unitIds : null],
  );
  return rows.map((r) => ({ id: r.id, ownerId: r.owner_id, priority: r.priority, escalationLevel: r.escalation_level, createdAt: r.created_at }));
}
