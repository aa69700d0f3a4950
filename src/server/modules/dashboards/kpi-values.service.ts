/** Values recorded by hand for manual KPIs (script compliance from call audits, mystery-shopping scores). */
import type { z } from 'zod';
import type { KpiValueSchema, RecordKpiValueSchema } from '../../../contracts/dashboards.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { canSeeKpi, canSeeUnit, viewerOf } from './dashboards.scope.ts';
import { selectKpis } from './kpis.service.ts';

type KpiValue = z.infer<typeof KpiValueSchema>;
interface ValueRow {
  id: string;
  kpi_id: string;
  value: number;
  recorded_on: string;
  note: string | null;
  created_at: Date;
}
const COLUMNS = `id, kpi_id, value, to_char(recorded_on, 'YYYY-MM-DD') AS recorded_on, note, created_at`;
const toValue = (r: ValueRow): KpiValue => ({ id: r.id, kpiId: r.kpi_id, value: Number(r.value), recordedOn: r.recorded_on, note: r.note, createdAt: r.created_at.toISOString() });

/** An admin, the manager of the KPI's unit or the KPI's owner records a value; only for manual KPIs. */
export function recordKpiValue(ctx: AppContext, actor: Actor, kpiId: string, input: z.infer<typeof RecordKpiValueSchema>): Promise<KpiValue> {
  authorize(actor, 'kpi.record');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const viewer = await viewerOf(tx, actor);
    const [kpi] = await selectKpis(tx, actor.orgId, 'k.id = $2', [kpiId]);
    if (!kpi || !canSeeKpi(viewer, kpi)) throw notFound('KPI');
    const isOwner = actor.employeeId !== null && kpi.ownerId === actor.employeeId;
    if (!isOwner && !(kpi.unitId ? canSeeUnit(viewer, kpi.unitId) : viewer.scope.kind === 'org')) throw forbidden('only an admin, the manager of the KPI’s unit or its owner records its values');
    if (kpi.metric !== 'manual') throw new AppError(409, 'kpi_not_manual', `this KPI is measured by the ${kpi.metric} metric; values are recorded only for manual KPIs`);
    return insertKpiValue(ctx, tx, actor, kpiId, input);
  });
}

/** Writes a manual KPI's value in the caller's transaction (checks are the caller's). */
export async function insertKpiValue(ctx: AppContext, tx: Tx, actor: Actor, kpiId: string, input: z.infer<typeof RecordKpiValueSchema>): Promise<KpiValue> {
    const now = ctx.clock.now();
    const [row] = await tx.query<ValueRow>(
      `INSERT INTO kpi_values (org_id, kpi_id, recorded_on, value, note, recorded_by, created_at)
       VALUES ($1, $2, COALESCE($3::date, ($6::timestamptz AT TIME ZONE (SELECT time_zone FROM organisations WHERE id = $1))::date), $4, $5, $7, $6)
       RETURNING ${COLUMNS}`,
      [actor.orgId, kpiId, input.recordedOn ?? null, input.value, input.note ?? null, now, actor.employeeId],
    );
    const value = toValue(row!);
    await recordAudit(tx, ctx.clock, actor, { action: 'kpi.value_recorded', entityType: 'kpi', entityId: kpiId, after: value });
    return value;
}

/** A manual KPI's history, newest first. */
export function listKpiValues(ctx: AppContext, actor: Actor, kpiId: string): Promise<KpiValue[]> {
  authorize(actor, 'kpi.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [kpi] = await selectKpis(tx, actor.orgId, 'k.id = $2', [kpiId]);
    if (!kpi || !canSeeKpi(await viewerOf(tx, actor), kpi)) throw notFound('KPI');
    const rows = await tx.query<ValueRow>(
      `SELECT ${COLUMNS} FROM kpi_values WHERE org_id = $1 AND kpi_id = $2 ORDER BY recorded_on DESC, created_at DESC LIMIT 500`,
      [actor.orgId, kpiId],
    );
    return rows.map(toValue);
  });
}
