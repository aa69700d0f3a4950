/**
 * Attribution rules: "touchpoint X (at unit Y) belongs to partner Z". Interactions and responses that name no
 * partner take the partner of the most specific matching rule as they are written (odata/partner-rules.ts reads
 * the rules there); `applyToPast` also attributes the stored ones that match and name no partner, so a partner's
 * report has its history from the first day. A record that names its partner is never re-attributed.
 */
import type { z } from 'zod';
import type { PartnerRule, PartnerRuleInputSchema } from '../../../contracts/partners.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { requirePartner } from './partners.service.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';

type RuleInput = z.infer<typeof PartnerRuleInputSchema>;
interface RuleRow {
  id: string;
  partner_id: string;
  touchpoint: string | null;
  unit_id: string | null;
  unit_name: string | null;
  created_at: Date;
}

const SELECT = `SELECT r.id, r.partner_id, r.touchpoint, r.unit_id, u.name AS unit_name, r.created_at
  FROM partner_rules r LEFT JOIN units u ON u.org_id = r.org_id AND u.id = r.unit_id`;

const toRule = (r: RuleRow): PartnerRule => ({
  id: r.id,
  partnerId: r.partner_id,
  touchpoint: r.touchpoint,
  unitId: r.unit_id,
  unitName: r.unit_name,
  createdAt: new Date(r.created_at).toISOString(),
});

export function listPartnerRules(ctx: AppContext, actor: Actor, partnerId: string): Promise<PartnerRule[]> {
  authorize(actor, 'partner.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await requirePartner(tx, partnerId);
    const rows = await tx.query<RuleRow>(`${SELECT} WHERE r.org_id = $1 AND r.partner_id = $2 ORDER BY r.touchpoint NULLS LAST, u.name NULLS FIRST, r.created_at`, [
      actor.orgId,
      partnerId,
    ]);
    return rows.map(toRule);
  });
}

export function createPartnerRule(ctx: AppContext, actor: Actor, partnerId: string, input: RuleInput) {
  authorize(actor, 'partner.manage');
  return ctx.db.tenant(actor.orgId, (tx) => insertPartnerRule(ctx, tx, actor, partnerId, input));
}

/** Also used by the demo seed, which acts as the system. 409 `partner_rule_taken` when a rule has this scope. */
export async function insertPartnerRule(ctx: AppContext, tx: Tx, actor: Actor | null, partnerId: string, input: RuleInput) {
  const orgId = tx.orgId!;
  await requirePartner(tx, partnerId);
  // Checked here rather than in the schema, so a partner of another organisation is a 404 whatever the body.
  if (input.touchpoint === undefined && input.unitId === undefined) throw invalid('give a touchpoint, a unit or both', { field: 'touchpoint' });
  if (input.unitId) {
    const [u] = await tx.query(`SELECT 1 FROM units WHERE org_id = $1 AND id = $2`, [orgId, input.unitId]);
    if (!u) throw notFound('unit');
  }
  const touchpoint = input.touchpoint ?? null;
  const unitId = input.unitId ?? null;
  // The unique index (touchpoint, unit, nulls equal) settles a race; DO NOTHING keeps the transaction usable.
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO partner_rules (org_id, partner_id, touchpoint, unit_id, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT DO NOTHING RETURNING id`,
    [orgId, partnerId, touchpoint, unitId, ctx.clock.now(), actor?.id ?? null],
  );
  if (!row) throw conflict('partner_rule_taken', 'another rule already covers this touchpoint and unit');
  const attributed = input.applyToPast ? await attributePast(tx, row.id, partnerId, touchpoint, unitId) : { interactions: 0, responses: 0 };
  await recordAudit(tx, ctx.clock, actor, { action: 'partner_rule.created', entityType: 'partner', entityId: partnerId, after: { touchpoint, unitId, attributed } });
  const [created] = await tx.query<RuleRow>(`${SELECT} WHERE r.org_id = $1 AND r.id = $2`, [orgId, row.id]);
  return { ...toRule(created!), attributed };
}

/**
 * Stored interactions and responses that name no partner and for which this rule is the most specific match
 * (the touchpoint at the unit, then the touchpoint anywhere, then anything at the unit), exactly as if the rule
 * had been there when they were written: one statement each.
 */
async function attributePast(tx: Tx, ruleId: string, partnerId: string, touchpoint: string | null, unitId: string | null) {
  const match = `x.org_id = $1 AND x.partner_id IS NULL AND ($3::text IS NULL OR x.touchpoint = $3) AND ($4::uuid IS NULL OR x.unit_id = $4)
    AND (SELECT r.id FROM partner_rules r WHERE r.org_id = $1
           AND ((r.touchpoint = x.touchpoint AND (r.unit_id = x.unit_id OR r.unit_id IS NULL)) OR (r.touchpoint IS NULL AND r.unit_id = x.unit_id))
         ORDER BY r.touchpoint IS NULL, r.unit_id IS NULL LIMIT 1) = $5`;
  const params = [tx.orgId, partnerId, touchpoint, unitId, ruleId];
  const interactions = await tx.query(`UPDATE interactions x SET partner_id = $2 WHERE ${match} RETURNING 1`, params);
  const responses = await tx.query(`UPDATE responses x SET partner_id = $2 WHERE ${match} RETURNING 1`, params);
  return { interactions: interactions.length, responses: responses.length };
}

/** Records already attributed keep their partner; only new ones stop following the rule. */
export function deletePartnerRule(ctx: AppContext, actor: Actor, partnerId: string, ruleId: string): Promise<void> {
  authorize(actor, 'partner.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [gone] = await tx.query<{ touchpoint: string | null; unit_id: string | null }>(
      `DELETE FROM partner_rules WHERE org_id = $1 AND partner_id = $2 AND id = $3 RETURNING touchpoint, unit_id`,
      [actor.orgId, partnerId, ruleId],
    );
    if (!gone) throw notFound('rule');
    await recordAudit(tx, ctx.clock, actor, { action: 'partner_rule.deleted', entityType: 'partner', entityId: partnerId, before: { touchpoint: gone.touchpoint, unitId: gone.unit_id } });
  });
}
