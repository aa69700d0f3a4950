/** The organisation's points rules: the seed's defaults until an admin changes them. */
import type { PointsRules } from '../../../contracts/recognition.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';

/** Customer praise +10, accepted improvement idea +20, major experience problem solved +100, customer insight captured +5. */
export const DEFAULT_POINTS_RULES: PointsRules = {
  praise: 10,
  ideaAccepted: 20,
  majorCaseResolved: 100,
  insightCaptured: 5,
  manualMonthlyCap: 200,
  goldenEarRule: 'customer_ideas',
};

/** The rules in force for the transaction's organisation (stored values over the defaults). */
export async function rulesOf(tx: Queryable, orgId: string): Promise<PointsRules> {
  const [row] = await tx.query<{ rules: Partial<PointsRules> }>(`SELECT rules FROM points_rules WHERE org_id = $1`, [orgId]);
  return { ...DEFAULT_POINTS_RULES, ...(row?.rules ?? {}) };
}

export async function getPointsRules(ctx: AppContext, actor: Actor): Promise<PointsRules> {
  authorize(actor, 'points.read');
  return ctx.db.tenant(actor.orgId, (tx) => rulesOf(tx, actor.orgId));
}

/** Changes some rules (admins); the others keep their values. */
export async function updatePointsRules(ctx: AppContext, actor: Actor, input: Partial<PointsRules>): Promise<PointsRules> {
  authorize(actor, 'points.configure');
  return ctx.db.tenant(actor.orgId, (tx) => savePointsRules(ctx, tx, actor, input));
}

export async function savePointsRules(ctx: AppContext, tx: Tx, actor: Actor | null, input: Partial<PointsRules>): Promise<PointsRules> {
  const orgId = tx.orgId!;
  const before = await rulesOf(tx, orgId);
  const after: PointsRules = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
  await tx.query(
    `INSERT INTO points_rules (org_id, rules, updated_at) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT (org_id) DO UPDATE SET rules = EXCLUDED.rules, updated_at = EXCLUDED.updated_at`,
    [orgId, JSON.stringify(after), ctx.clock.now()],
  );
  await recordAudit(tx, ctx.clock, actor, { action: 'points_rules.update', entityType: 'points_rules', entityId: orgId, before, after });
  return after;
}
