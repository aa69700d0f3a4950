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

/** One in-app notification per distinct recipient (nulls skipped); returns the recipients asked for. */
export async function notifyEmployees(tx: Tx, clock: Clock, employeeIds: Array<string | null | undefined>, n: NotificationInput): Promise<string[]> {
  return (await notifyMany(tx, clock, [{ to: employeeIds, ...n }]))[0]!;
}

/**
 * Many notifications, each to its own recipients, in one statement (an ingest
 * group's cases and alerts). Recipients that name no employee of the
 * organisation are skipped; each item's distinct recipients are returned.
 */
export async function notifyMany(tx: Tx, clock: Clock, items: Array<NotificationInput & { to: Array<string | null | undefined> }>): Promise<string[][]> {
  const recipients = items.map((n) => [...new Set(n.to.filter((id): id is string => !!id))]);
  const rows = items.flatMap((n, i) =>
    recipients[i]!.map((employee_id) => ({ employee_id, kind: n.kind, case_id: n.caseId ?? null, title: n.title, title_en: n.titleEn, data: n.data ?? {} })),
  );
  if (rows.length === 0) return recipients;
  await tx.query(
    `INSERT INTO notifications (org_id, employee_id, kind, case_id, title, title_en, data, created_at)
     SELECT $1, e.id, r.kind, r.case_id, r.title, r.title_en, r.data, $3
     FROM jsonb_to_recordset($2::jsonb) AS r(employee_id uuid, kind text, case_id uuid, title text, title_en text, data jsonb)
     JOIN employees e ON e.org_id = $1 AND e.id = r.employee_id`,
    [tx.orgId, JSON.stringify(rows), clock.now()],
  );
  return recipients;
}

/** One notification to each present member of a unit (not its subtree), except the people named. */
export async function notifyUnit(tx: Tx, clock: Clock, unitId: string | null, except: Array<string | null>, n: NotificationInput): Promise<void> {
  if (!unitId) return;
  await tx.query(
    `INSERT INTO notifications (org_id, employee_id, kind, case_id, title, title_en, data, created_at)
     SELECT $1, e.id, $4, $5, $6, $7, $8, $9 FROM employees e
      WHERE e.org_id = $1 AND e.unit_id = $2 AND e.left_at IS NULL AND NOT (e.id = ANY ($3::uuid[]))`,
    [tx.orgId, unitId, except.filter((id): id is string => !!id), n.kind, n.caseId ?? null, n.title, n.titleEn, JSON.stringify(n.data ?? {}), clock.now()],
  );
}
