import type { Queryable } from '../../platform/db/database.ts';

type Where = { touchpoint: string | null; unitId: string | null };

/**
 * Attribution rules ("touchpoint X at unit Y belongs to partner Z", kept by the partners module) read where
 * interactions and responses are written: one query for a whole batch, and none when every item already names
 * its partner. The returned function gives the partner of the most specific matching rule (the touchpoint at
 * the unit, then the touchpoint anywhere, then anything at the unit), or null.
 */
export async function partnerRuleMatcher(tx: Queryable, orgId: string, unattributed: Where[]): Promise<(where: Where) => string | null> {
  const touchpoints = [...new Set(unattributed.flatMap((w) => (w.touchpoint ? [w.touchpoint] : [])))];
  const units = [...new Set(unattributed.flatMap((w) => (w.unitId ? [w.unitId] : [])))];
  if (!touchpoints.length && !units.length) return () => null;
  const rules = await tx.query<{ touchpoint: string | null; unit_id: string | null; partner_id: string }>(
    `SELECT touchpoint, unit_id, partner_id FROM partner_rules
     WHERE org_id = $1 AND (touchpoint = ANY($2::text[]) OR (touchpoint IS NULL AND unit_id = ANY($3::uuid[])))`,
    [orgId, touchpoints, units],
  );
  if (!rules.length) return () => null;
  const key = (touchpoint: string | null, unitId: string | null) => `${touchpoint ?? ''}\u0000${unitId ?? ''}`;
  const byScope = new Map(rules.map((r) => [key(r.touchpoint, r.unit_id), r.partner_id]));
  return ({ touchpoint, unitId }) =>
    (touchpoint && unitId ? byScope.get(key(touchpoint, unitId)) : undefined) ??
    (touchpoint ? byScope.get(key(touchpoint, null)) : undefined) ??
    (unitId ? byScope.get(key(null, unitId)) : undefined) ??
    null;
}
