/**
 * Two recurring jobs: the SLA check escalates every open case whose
 * `escalate_at` has passed (first response or resolution breached) up the
 * tree, and the exemption check flags reports overdue past their 24 hours and
 * escalates them to the exempting employee's manager (`warning.raised`).
 * Rows are claimed with SKIP LOCKED per organisation, and each change moves
 * `escalate_at` / sets `overdue_at` in the same transaction, so a re-run or a
 * second process never escalates the same breach twice.
 */
import { MINUTE } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { findPerson, nextUp } from './chain.ts';
import { publishCaseEvent } from './cases.events.ts';
import { CASE_COLUMNS, type CaseRow } from './cases.service.ts';
import { escalateCase } from './case-workflow.ts';
import { appendTimeline, notifyEmployees } from './timeline.ts';

export const CHECK_SLA = 'cases.check-sla';
export const CHECK_EXEMPTION_REPORTS = 'cases.check-exemption-reports';
const BATCH = 200;

export function registerCaseJobs(ctx: AppContext): void {
  ctx.jobs.register(CHECK_SLA, async () => void (await escalateBreachedCases(ctx)));
  ctx.jobs.register(CHECK_EXEMPTION_REPORTS, async () => void (await flagOverdueExemptionReports(ctx)));
}

/** Keeps both checks recurring every minute (safe at every boot). */
export async function scheduleCaseJobs(ctx: AppContext): Promise<void> {
  await ctx.jobs.every(CHECK_SLA, MINUTE);
  await ctx.jobs.every(CHECK_EXEMPTION_REPORTS, MINUTE);
}

async function orgsWith(ctx: AppContext, sql: string, now: Date): Promise<string[]> {
  return (await ctx.db.system((tx) => tx.query<{ org_id: string }>(sql, [now]))).map((r) => r.org_id);
}

/** Escalates every open case past its deadline; returns how many. */
export async function escalateBreachedCases(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  let total = 0;
  for (const orgId of await orgsWith(ctx, `SELECT DISTINCT org_id FROM cases WHERE escalate_at <= $1`, now)) {
    for (;;) {
      const n = await ctx.db.tenant(orgId, async (tx) => {
        const due = await tx.query<CaseRow>(
          `SELECT ${CASE_COLUMNS} FROM cases WHERE org_id = $1 AND escalate_at <= $2 AND status IN ('new', 'acknowledged', 'in_progress')
           ORDER BY escalate_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [orgId, now],
        );
        for (const row of due) await escalateCase(ctx, tx, row, 'system', row.first_responded_at ? 'resolution_sla' : 'first_response_sla');
        return due.length;
      });
      total += n;
      if (n < BATCH) break;
    }
  }
  return total;
}

/** Flags every exemption whose report is overdue and escalates it to the employee's manager; returns how many. */
export async function flagOverdueExemptionReports(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  let total = 0;
  const sql = `SELECT DISTINCT org_id FROM exemptions WHERE report_due_at <= $1 AND reported_at IS NULL AND overdue_at IS NULL`;
  for (const orgId of await orgsWith(ctx, sql, now)) {
    total += await ctx.db.tenant(orgId, (tx) => flagOrganisation(ctx, tx, now));
  }
  return total;
}

async function flagOrganisation(ctx: AppContext, tx: Tx, now: Date): Promise<number> {
  const orgId = tx.orgId!;
  const due = await tx.query<{ id: string; case_id: string; employee_id: string; rule: string; unit_id: string | null; report_due_at: Date }>(
    `SELECT x.id, x.case_id, x.employee_id, x.rule, c.unit_id, x.report_due_at
     FROM exemptions x JOIN cases c ON c.org_id = x.org_id AND c.id = x.case_id
     WHERE x.org_id = $1 AND x.report_due_at <= $2 AND x.reported_at IS NULL AND x.overdue_at IS NULL
     ORDER BY x.report_due_at FOR UPDATE OF x SKIP LOCKED`,
    [orgId, now],
  );
  for (const x of due) {
    const person = await findPerson(tx, orgId, x.employee_id);
    const managerId = person ? await nextUp(tx, orgId, person) : null;
    await tx.query(`UPDATE exemptions SET overdue_at = $3, escalated_to = $4 WHERE org_id = $1 AND id = $2`, [orgId, x.id, now, managerId]);
    await appendTimeline(tx, ctx.clock, x.case_id, 'system', 'exemption_report_overdue', { exemptionId: x.id, employeeId: x.employee_id, escalatedTo: managerId, reportDueAt: x.report_due_at.toISOString() });
    const notify = await notifyEmployees(tx, ctx.clock, [managerId, x.employee_id], {
      kind: 'warning.exemption_report_overdue',
      caseId: x.case_id,
      title: `流程豁免报备逾期：${x.rule}`,
      titleEn: `Exemption report overdue: ${x.rule}`,
      data: { exemptionId: x.id, employeeId: x.employee_id },
    });
    await publishCaseEvent(tx, ctx.clock, 'warning.raised', {
      kind: 'exemption_report_overdue',
      notify,
      caseId: x.case_id,
      unitId: x.unit_id,
      employeeId: x.employee_id,
      exemptionId: x.id,
    });
  }
  return due.length;
}
