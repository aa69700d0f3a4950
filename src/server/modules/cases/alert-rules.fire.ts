/**
 * What matched rules do, for a whole group of firings at once: open the cases
 * (set-based, case-opening.ts), publish `alert.triggered` for rules with a
 * webhook, notify the people a rule names and raise `warning.raised`. A fixed
 * number of statements however many detractors the group holds.
 */
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { publishMany } from '../../platform/events/index.ts';
import type { AlertRuleRow } from './alert-rules.service.ts';
import type { Facts } from './alert-rules.match.ts';
import { openCases, type OpenCaseInput } from './case-opening.ts';
import type { WarningRaised } from './cases.events.ts';
import type { CaseRow } from './cases.service.ts';
import { headKey, headsOfUnits } from './chain.ts';
import { notifyMany } from './timeline.ts';

export interface Firing {
  rule: AlertRuleRow;
  facts: Facts;
}

export async function fireRules(ctx: AppContext, tx: Tx, firings: Firing[]): Promise<void> {
  if (firings.length === 0) return;
  const withCase = firings.filter((f) => f.rule.actions.createCase);
  const rows = await openCases(ctx, tx, withCase.map(caseInput));
  const opened = new Map<Firing, CaseRow | null>(withCase.map((f, n) => [f, rows[n]!]));
  const now = ctx.clock.now();

  // A rule's webhook action: the webhooks module sends alert.triggered to the endpoint it names (and to those subscribed to it).
  const alerts = firings.filter((f) => f.rule.actions.webhook).map((f) => alertTriggered(f, opened.get(f) ?? null));
  if (alerts.length) await publishMany(tx, 'alert.triggered', alerts, { at: now });

  const notifying = firings.filter((f) => f.rule.actions.notify);
  if (notifying.length === 0) return;
  const unitOf = (f: Firing) => opened.get(f)?.unit_id ?? f.facts.p.unitId;
  const heads = await headsOfUnits(
    tx,
    tx.orgId!,
    notifying.flatMap((f) => (f.rule.actions.notify!.unitManager && unitOf(f) ? [{ unitId: unitOf(f)!, exceptId: f.facts.p.employeeId }] : [])),
  );
  const notes = notifying.map((f) => {
    const n = f.rule.actions.notify!;
    const { p } = f.facts;
    const ownerId = opened.get(f)?.owner_id ?? null;
    const unitId = unitOf(f);
    const head = n.unitManager && unitId ? (heads.get(headKey(unitId, p.employeeId)) ?? null) : null;
    const title = titleOf(f);
    return {
      to: [n.servingEmployee ? p.employeeId : null, head, ...n.employeeIds].filter((id) => id && id !== ownerId),
      kind: 'alert',
      caseId: opened.get(f)?.id ?? null,
      title: `预警：${title}`,
      titleEn: `Alert: ${title}`,
      data: { ruleId: f.rule.id, responseId: p.responseId },
    };
  });
  const notified = await notifyMany(tx, ctx.clock, notes);
  const warnings = notifying.map((f, n): WarningRaised => {
    const row = opened.get(f) ?? null;
    const { p } = f.facts;
    return {
      kind: f.rule.conditions.repeatComplaint ? 'repeat_complaint' : 'alert',
      notify: [...new Set([...notified[n]!, ...(row?.owner_id ? [row.owner_id] : [])])],
      caseId: row?.id ?? null,
      unitId: unitOf(f) ?? null,
      employeeId: p.employeeId,
      ruleId: f.rule.id,
      responseId: p.responseId,
    };
  });
  await publishMany(tx, 'warning.raised', warnings, { at: now });
}

/** The case title: the rule and what the customer said in numbers. */
function titleOf({ rule, facts: { p } }: Firing): string {
  const scores = [p.nps !== null ? `NPS ${p.nps}` : null, p.csat !== null ? `CSAT ${p.csat}` : null, p.touchpoint].filter(Boolean).join(' · ');
  return scores ? `${rule.name} · ${scores}` : rule.name;
}

function caseInput(f: Firing): OpenCaseInput {
  const { rule, facts } = f;
  const { p } = facts;
  return {
    source: 'alert_rule',
    priority: rule.actions.createCase!.priority,
    title: titleOf(f).slice(0, 300),
    ruleId: rule.id,
    responseId: p.responseId,
    customerId: p.customerId,
    interactionId: p.interactionId,
    employeeId: p.employeeId,
    unitId: p.unitId,
    detail: { ruleId: rule.id, ruleName: rule.name, responseId: p.responseId, nps: p.nps, csat: p.csat, ces: p.ces, sentiment: facts.sentiment, comment: p.comment?.slice(0, 500) ?? null },
  };
}

function alertTriggered({ rule, facts }: Firing, row: CaseRow | null) {
  const { p } = facts;
  return {
    ruleId: rule.id,
    ruleName: rule.name,
    webhookUrl: rule.actions.webhook?.url ?? null,
    caseId: row?.id ?? null,
    responseId: p.responseId,
    customerId: p.customerId,
    employeeId: p.employeeId,
    unitId: row?.unit_id ?? p.unitId,
    nps: p.nps,
    csat: p.csat,
    ces: p.ces,
    sentiment: facts.sentiment,
    touchpoint: p.touchpoint,
  };
}
