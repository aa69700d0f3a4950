/**
 * The case's history (append-only `case_events`) and in-app notifications,
 * both written in the caller's transaction with the change they describe.
 */
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/database.ts';

/** Who did it: a person (through their user or API key), the system (jobs, rules) or the customer (a follow-up answer). */
export type TimelineActor = Actor | 'system' | 'customer';

export async function appendTimeline(tx: Tx, clock: Clock, caseId: string, actor: TimelineActor, type: string, data: Record<string, unknown> = {}): Promise<void> {
  const person = typeof actor === 'object' ? actor : null;
  await tx.query(
    `INSERT INTO case_events (org_id, case_id, at, type, actor_type, actor_id, actor_employee_id, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [tx.orgId, caseId, clock.now(), type, person ? person.kind : actor, person?.id ?? null, person?.employeeId ?? null, JSON.stringify(data)],
  );
}

export interface NotificationInput {
  kind: string;
  caseId?: string | null;
  title: string;
  titleEn: string;
  data?: Record<string, unknown>;
}

/** One in-app notification per distinct recipient (nulls skipped). */
export async function notifyEmployees(tx: Tx, clock: Clock, employeeIds: Array<string | null | undefined>, n: NotificationInput): Promise<string[]> {
  const to = [...new Set(employeeIds.filter((id): id is string => !!id))];
  if (to.length === 0) return to;
  await tx.query(
    `INSERT INTO notifications (org_id, employee_id, kind, case_id, title, title_en, data, created_at)
     SELECT $1, e.id, $3, $4, $5, $6, $7, $8 FROM employees e WHERE e.org_id = $1 AND e.id = ANY ($2::uuid[])`,
    [tx.orgId, to, n.kind, n.caseId ?? null, n.title, n.titleEn, JSON.stringify(n.data ?? {}), clock.now()],
  );
  return to;
}
