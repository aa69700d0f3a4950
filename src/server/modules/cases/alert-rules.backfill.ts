/**
 * Opening the cases a rule would have opened for responses already stored
 * (seeding and back-filling, where the responses arrived before the rule).
 */
import type { AppContext } from '../../platform/context.ts';
import type { AlertRuleRow } from './alert-rules.service.ts';
import { openCases } from './case-opening.ts';

/** One case per response and rule, as always; returns the ids of the cases opened now, in order. */
export async function openCasesForResponses(ctx: AppContext, orgId: string, ruleId: string, responseIds: string[]): Promise<string[]> {
  return ctx.db.tenant(orgId, async (tx) => {
    const [rule] = await tx.query<AlertRuleRow>(`SELECT id, name, conditions, actions FROM alert_rules WHERE org_id = $1 AND id = $2`, [orgId, ruleId]);
    if (!rule?.actions.createCase) throw new Error(`rule ${ruleId} opens no cases`);
    const found = await tx.query<{ id: string; customer_id: string | null; interaction_id: string | null; employee_id: string | null; unit_id: string | null; touchpoint: string | null; nps: number | null; csat: number | null; ces: number | null; comment: string | null }>(
      `SELECT id, customer_id, interaction_id, employee_id, unit_id, touchpoint, nps, csat, ces, comment FROM responses WHERE org_id = $1 AND id = ANY ($2::uuid[])`,
      [orgId, responseIds],
    );
    const byId = new Map(found.map((r) => [r.id, r]));
    const rows = responseIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    const opened = await openCases(
      ctx,
      tx,
      rows.map((r) => {
        const scores = [r.nps !== null ? `NPS ${r.nps}` : null, r.csat !== null ? `CSAT ${r.csat}` : null, r.touchpoint].filter(Boolean).join(' · ');
        return {
          source: 'alert_rule' as const,
          priority: rule.actions.createCase!.priority,
          title: `${rule.name} · ${scores}`.slice(0, 300),
          ruleId,
          responseId: r.id,
          customerId: r.customer_id,
          interactionId: r.interaction_id,
          employeeId: r.employee_id,
          unitId: r.unit_id,
          detail: { ruleId, ruleName: rule.name, responseId: r.id, nps: r.nps, csat: r.csat, ces: r.ces, comment: r.comment?.slice(0, 500) ?? null },
        };
      }),
    );
    return opened.flatMap((c) => (c ? [c.id] : []));
  });
}
