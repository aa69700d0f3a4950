/**
 * Alert rules: conditions on a response (scores, sentiment, keywords, customer
 * value or segment, touchpoint, repeat complaint) and what to do when they hold
 * (open a case with a priority, notify, call a webhook: the URL must be one of
 * the organisation's registered, enabled webhook endpoints, which holds the
 * signing secret; the firing rule publishes `alert.triggered` naming it).
 */
import type { z } from 'zod';
import { DEFAULT_MAX_AGE_HOURS, type AlertRule, type AlertThen, type AlertWhen, type CreateAlertRuleSchema, type UpdateAlertRuleSchema } from '../../../contracts/cases.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findEnabledEndpointByUrl } from '../webhooks/index.ts';

export interface AlertRuleRow {
  id: string;
  name: string;
  enabled: boolean;
  max_age_hours: number;
  conditions: AlertWhen;
  /** Evaluated once the comment's text analysis is in (an outbox handler), not in the ingest transaction. */
  needs_sentiment?: boolean;
  actions: AlertThen;
  cases_opened: number;
  created_at: Date;
  updated_at: Date;
}

// Counted, not kept in a column: a counter row would serialise every ingest transaction that opens a case.
export const RULE_COLUMNS = `id, name, enabled, max_age_hours, conditions, actions, created_at, updated_at,
  (SELECT count(*)::int FROM cases c WHERE c.org_id = alert_rules.org_id AND c.rule_id = alert_rules.id) AS cases_opened`;

const toRule = (r: AlertRuleRow): AlertRule => ({
  id: r.id,
  name: r.name,
  enabled: r.enabled,
  maxAgeHours: r.max_age_hours,
  when: r.conditions,
  then: r.actions,
  casesOpened: r.cases_opened,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export function listAlertRules(ctx: AppContext, actor: Actor): Promise<{ items: AlertRule[] }> {
  authorize(actor, 'alertRule.read');
  return ctx.db.tenant(actor.orgId, async (tx) => ({
    items: (await tx.query<AlertRuleRow>(`SELECT ${RULE_COLUMNS} FROM alert_rules WHERE org_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`, [actor.orgId])).map(toRule),
  }));
}

export function getAlertRule(ctx: AppContext, actor: Actor, id: string): Promise<AlertRule> {
  authorize(actor, 'alertRule.read');
  return ctx.db.tenant(actor.orgId, async (tx) => toRule(await findRule(tx, actor.orgId, id)));
}

export function createAlertRule(ctx: AppContext, actor: Actor, input: z.infer<typeof CreateAlertRuleSchema>): Promise<AlertRule> {
  authorize(actor, 'alertRule.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const rule = await insertAlertRule(ctx, tx, input);
    await recordAudit(tx, ctx.clock, actor, { action: 'alert_rule.created', entityType: 'alert_rule', entityId: rule.id, after: input });
    return rule;
  });
}

type NewRule = Omit<z.infer<typeof CreateAlertRuleSchema>, 'maxAgeHours'> & { maxAgeHours?: number };

/** Writes a rule in the caller's transaction (the demo seed and rule templates use it too). */
export async function insertAlertRule(ctx: AppContext, tx: Tx, input: NewRule): Promise<AlertRule> {
  await checkActions(tx, input.then);
  const now = ctx.clock.now();
  const [row] = await tx.query<AlertRuleRow>(
    `INSERT INTO alert_rules (org_id, name, enabled, max_age_hours, conditions, actions, needs_sentiment, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING ${RULE_COLUMNS}`,
    [tx.orgId, input.name, input.enabled, input.maxAgeHours ?? DEFAULT_MAX_AGE_HOURS, JSON.stringify(input.when), JSON.stringify(input.then), !!input.when.sentiment, now],
  );
  return toRule(row!);
}

export function updateAlertRule(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof UpdateAlertRuleSchema>): Promise<AlertRule> {
  authorize(actor, 'alertRule.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = await findRule(tx, actor.orgId, id, true);
    const when = input.when ?? before.conditions;
    const then = input.then ?? before.actions;
    if (input.then) await checkActions(tx, then);
    const [row] = await tx.query<AlertRuleRow>(
      `UPDATE alert_rules SET name = $3, enabled = $4, conditions = $5, actions = $6, needs_sentiment = $7, updated_at = $8, max_age_hours = $9
       WHERE org_id = $1 AND id = $2 RETURNING ${RULE_COLUMNS}`,
      [actor.orgId, id, input.name ?? before.name, input.enabled ?? before.enabled, JSON.stringify(when), JSON.stringify(then), !!when.sentiment, ctx.clock.now(),
        input.maxAgeHours ?? before.max_age_hours],
    );
    const rule = toRule(row!);
    await recordAudit(tx, ctx.clock, actor, { action: 'alert_rule.updated', entityType: 'alert_rule', entityId: id, before: toRule(before), after: rule });
    return rule;
  });
}

/** Removes a rule from evaluation; it is kept (hidden) so the cases it opened still name it. */
export function deleteAlertRule(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'alertRule.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = await findRule(tx, actor.orgId, id, true);
    await tx.query(`UPDATE alert_rules SET deleted_at = $3, enabled = false WHERE org_id = $1 AND id = $2`, [actor.orgId, id, ctx.clock.now()]);
    await recordAudit(tx, ctx.clock, actor, { action: 'alert_rule.deleted', entityType: 'alert_rule', entityId: id, before: toRule(before) });
  });
}

async function findRule(tx: Tx, orgId: string, id: string, lock = false): Promise<AlertRuleRow> {
  const [row] = await tx.query<AlertRuleRow>(
    `SELECT ${RULE_COLUMNS} FROM alert_rules WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL${lock ? ' FOR UPDATE' : ''}`,
    [orgId, id],
  );
  if (!row) throw notFound('alert rule');
  return row;
}

async function checkActions(tx: Tx, then: AlertThen): Promise<void> {
  if (then.webhook && !(await findEnabledEndpointByUrl(tx, then.webhook.url))) {
    throw new AppError(422, 'webhook_not_registered', 'register this URL as an enabled webhook endpoint first (it holds the signing secret)', { field: 'then.webhook.url' });
  }
  const ids = then.notify?.employeeIds ?? [];
  if (ids.length === 0) return;
  const [row] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM employees WHERE org_id = $1 AND id = ANY ($2::uuid[])`, [tx.orgId, [...new Set(ids)]]);
  if (row!.n !== new Set(ids).size) throw new AppError(404, 'not_found', 'an employee to notify was not found', { field: 'then.notify.employeeIds' });
}
