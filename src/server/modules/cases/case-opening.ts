/**
 * Opening cases, set-based: an ingest group with a hundred detractors opens
 * its hundred cases with the same handful of statements as one (owners,
 * settings, the rows, their timeline entries, notifications and events), so a
 * realistic detractor mix does not slow ingestion down to a crawl.
 */
import { randomUUID } from 'node:crypto';
import type { Priority } from '../../../contracts/cases.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { publishMany } from '../../platform/events/index.ts';
import { headKey, headsOfUnits } from './chain.ts';
import type { CaseCreated } from './cases.events.ts';
import { CASE_COLUMNS, caseRef, type CaseRow } from './cases.service.ts';
import { readCaseSettings, slaDeadlines } from './settings.service.ts';
import { notifyMany } from './timeline.ts';

export interface OpenCaseInput {
  source: 'alert_rule' | 'employee';
  priority: Priority;
  title: string;
  ruleId: string | null;
  responseId: string | null;
  customerId: string | null;
  interactionId: string | null;
  employeeId: string | null;
  unitId: string | null;
  /** An owner chosen by the one who opens it (null: the unit's queue); absent, the rule below decides. */
  ownerId?: string | null;
  /** The employee who opened it by hand: not told about their own case. */
  openedBy?: string;
  /** An employee's account of what happened, and where (employee-captured cases). */
  description?: string | null;
  touchpoint?: string | null;
  /** Timeline data of the `created` entry (the rule, the scores). */
  detail: Record<string, unknown>;
}

/** One case; null when this rule already opened one for this response. */
export async function openCase(ctx: AppContext, tx: Tx, input: OpenCaseInput): Promise<CaseRow | null> {
  return (await openCases(ctx, tx, [input]))[0]!;
}

/**
 * Opens cases in the caller's transaction: owner = the serving employee, else
 * the head of the unit (or of the nearest unit above); SLA deadlines from the
 * organisation's settings. Returns a row per input, in order; null where the
 * same rule already opened a case for the same response (one per response per rule).
 */
export async function openCases(ctx: AppContext, tx: Tx, inputs: OpenCaseInput[]): Promise<Array<CaseRow | null>> {
  if (inputs.length === 0) return [];
  const orgId = tx.orgId!;
  const unitIds = await unitsOf(tx, orgId, inputs);
  const heads = await headsOfUnits(
    tx,
    orgId,
    inputs.flatMap((input, n) => (!input.employeeId && unitIds[n] ? [{ unitId: unitIds[n]!, exceptId: null }] : [])),
  );
  const owners = inputs.map((input, n) =>
    input.ownerId !== undefined ? input.ownerId : (input.employeeId ?? (unitIds[n] ? (heads.get(headKey(unitIds[n]!, null)) ?? null) : null)),
  );
  const now = ctx.clock.now();
  const settings = await readCaseSettings(tx, orgId);
  const ids = inputs.map(() => randomUUID());
  const records = inputs.map((input, n) => {
    const due = slaDeadlines(settings, input.priority, now);
    return {
      id: ids[n],
      priority: input.priority,
      source: input.source,
      title: input.title,
      rule_id: input.ruleId,
      response_id: input.responseId,
      customer_id: input.customerId,
      interaction_id: input.interactionId,
      employee_id: input.employeeId,
      unit_id: unitIds[n],
      owner_id: owners[n],
      description: input.description ?? null,
      touchpoint: input.touchpoint ?? null,
      first_response_due_at: due.firstResponseDueAt.toISOString(),
      resolution_due_at: due.resolutionDueAt.toISOString(),
    };
  });
  const inserted = await tx.query<CaseRow>(
    `INSERT INTO cases (org_id, id, status, priority, source, title, rule_id, response_id, customer_id, interaction_id, employee_id, unit_id, owner_id,
       description, touchpoint, first_response_due_at, resolution_due_at, escalate_at, created_at, updated_at)
     SELECT $1, r.id, 'new', r.priority, r.source, r.title, r.rule_id, r.response_id, r.customer_id, r.interaction_id, r.employee_id, r.unit_id, r.owner_id,
       r.description, r.touchpoint, r.first_response_due_at, r.resolution_due_at, r.first_response_due_at, $3, $3
     FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, priority text, source text, title text, rule_id uuid, response_id uuid, customer_id uuid,
       interaction_id uuid, employee_id uuid, unit_id uuid, owner_id uuid, description text, touchpoint text,
       first_response_due_at timestamptz, resolution_due_at timestamptz)
     ON CONFLICT (org_id, rule_id, response_id) WHERE rule_id IS NOT NULL DO NOTHING
     RETURNING ${CASE_COLUMNS}`,
    [orgId, JSON.stringify(records), now],
  );
  const byId = new Map(inserted.map((row) => [row.id, row]));
  const opened = ids.map((id) => byId.get(id) ?? null);
  const created = inputs.flatMap((input, n) => (opened[n] ? [{ input, row: opened[n]!, ownerId: owners[n]! }] : []));
  if (created.length === 0) return opened;

  await tx.query(
    `INSERT INTO case_events (org_id, case_id, at, type, actor_type, data)
     SELECT $1, r.case_id, $3, 'created', 'system', r.data FROM jsonb_to_recordset($2::jsonb) AS r(case_id uuid, data jsonb)`,
    [orgId, JSON.stringify(created.map((c) => ({ case_id: c.row.id, data: { ...c.input.detail, ownerId: c.ownerId, priority: c.input.priority } }))), now],
  );
  await notifyMany(
    tx,
    ctx.clock,
    created.map(({ input, row }) => ({
      to: [row.owner_id === input.openedBy ? null : row.owner_id],
      kind: 'case.created',
      caseId: row.id,
      title: `新工单：${input.title}`,
      titleEn: `New case: ${input.title}`,
      data: { priority: input.priority, dueAt: row.first_response_due_at.toISOString() },
    })),
  );
  await publishMany<CaseCreated>(
    tx,
    'case.created',
    created.map(({ row }) => ({ ...caseRef(row), title: row.title, ruleId: row.rule_id, responseId: row.response_id, dueAt: row.first_response_due_at.toISOString() })),
    { at: now },
  );
  return opened;
}

/** Each input's unit: its own, else its serving employee's (one look-up for the lot). */
async function unitsOf(tx: Tx, orgId: string, inputs: OpenCaseInput[]): Promise<Array<string | null>> {
  const wanted = [...new Set(inputs.flatMap((i) => (!i.unitId && i.employeeId ? [i.employeeId] : [])))];
  const unitOf = new Map<string, string>();
  if (wanted.length) {
    const rows = await tx.query<{ id: string; unit_id: string }>(`SELECT id, unit_id FROM employees WHERE org_id = $1 AND id = ANY ($2::uuid[])`, [orgId, wanted]);
    for (const r of rows) unitOf.set(r.id, r.unit_id);
  }
  return inputs.map((i) => i.unitId ?? (i.employeeId ? (unitOf.get(i.employeeId) ?? null) : null));
}
