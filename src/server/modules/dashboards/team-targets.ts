/**
 * Which teams met their experience targets over a year: the test of the
 * annual team award (recognition grants it). A unit's targets are the KPIs of
 * the metric tree set for that unit (department and position level); the unit
 * met them when it has at least one and every one has a value over the year
 * that meets its target. Values are the year's metric in the unit's subtree,
 * or the last value recorded by hand within the year.
 */
import type { AppContext } from '../../platform/context.ts';
import { latestManualValues, measureKpis } from './kpi-measure.ts';
import { selectKpis } from './kpis.service.ts';

export interface UnitTargets {
  unitId: string;
  unitName: string;
  met: boolean;
  kpis: Array<{ id: string; name: string; nameEn: string | null; metric: string; direction: 'higher' | 'lower'; target: number; value: number | null; met: boolean | null }>;
}

/** Every unit with targets, and whether it met them all in local calendar year `year` (the organisation's time zone). */
export async function unitTargetsForYear(ctx: AppContext, orgId: string, year: number): Promise<UnitTargets[]> {
  const dates = { from: `${year}-01-01`, to: `${year + 1}-01-01` };
  const { kpis, manual, units, window } = await ctx.db.tenant(orgId, async (tx) => {
    const kpis = await selectKpis(tx, orgId, `k.unit_id IS NOT NULL AND k.level <> 'company'`);
    const manual = await latestManualValues(tx, orgId, kpis.filter((k) => k.metric === 'manual').map((k) => k.id), dates);
    const units = await tx.query<{ id: string; name: string }>(`SELECT id, name FROM units WHERE org_id = $1 AND id = ANY ($2::uuid[])`, [orgId, [...new Set(kpis.map((k) => k.unitId))]]);
    const [bounds] = await tx.query<{ from: Date; to: Date }>(
      `SELECT $2::timestamp AT TIME ZONE time_zone AS "from", $3::timestamp AT TIME ZONE time_zone AS "to" FROM organisations WHERE id = $1`,
      [orgId, dates.from, dates.to],
    );
    return { kpis, manual, units, window: { from: new Date(bounds!.from), to: new Date(bounds!.to) } };
  });
  const measured = await measureKpis(ctx, orgId, kpis, manual, window);
  return units
    .map((u) => {
      const own = measured.filter((k) => k.unitId === u.id);
      return {
        unitId: u.id,
        unitName: u.name,
        met: own.length > 0 && own.every((k) => k.current.met === true),
        kpis: own.map((k) => ({ id: k.id, name: k.name, nameEn: k.nameEn, metric: k.metric, direction: k.direction, target: k.target, value: k.current.value, met: k.current.met })),
      };
    })
    .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN'));
}
