/** The team scorecard for appraisal: a unit's KPIs weighted into one score. */
import type { Scorecard } from '../../../contracts/dashboards.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { canSeeUnit, viewerOf } from './dashboards.scope.ts';
import { latestManualValues, measureKpis } from './kpi-measure.ts';
import { selectKpis } from './kpis.service.ts';
import { scoreOf } from './scorecard.math.ts';

/**
 * The KPIs set for exactly this unit (department and position level; for the
 * top unit also the company KPIs without a unit), each with its attainment and
 * the points it contributes, and the weighted score. Managers see their subtree.
 */
export async function getScorecard(ctx: AppContext, actor: Actor, unitId: string): Promise<Scorecard> {
  authorize(actor, 'scorecard.read');
  const { kpis, manual } = await ctx.db.tenant(actor.orgId, async (tx) => {
    const [unit] = await tx.query<{ parent_id: string | null }>(`SELECT parent_id FROM units WHERE org_id = $1 AND id = $2`, [actor.orgId, unitId]);
    if (!unit || !canSeeUnit(await viewerOf(tx, actor), unitId)) throw notFound('unit');
    const kpis = await selectKpis(tx, actor.orgId, `k.unit_id = $2 OR ($3 AND k.level = 'company' AND k.unit_id IS NULL)`, [unitId, unit.parent_id === null]);
    const manual = await latestManualValues(tx, actor.orgId, kpis.filter((k) => k.metric === 'manual').map((k) => k.id));
    return { kpis, manual };
  });
  const measured = await measureKpis(ctx, actor.orgId, kpis, manual);
  const { score, weightCovered, weightTotal, contributions } = scoreOf(measured.map((k) => ({ weight: k.weight, attainment: k.current.attainment })));
  return {
    unitId,
    score,
    weightCovered,
    weightTotal,
    items: measured.map((k, i) => ({
      id: k.id,
      level: k.level,
      name: k.name,
      nameEn: k.nameEn,
      metric: k.metric,
      direction: k.direction,
      target: k.target,
      baseline: k.baseline,
      weight: k.weight,
      ownerName: k.ownerName,
      current: k.current,
      contribution: contributions[i] ?? null,
    })),
  };
}
