/** The metric tree: KPIs at company, department and position level, and the values recorded for manual ones. */
import type { CreateKpi, Kpi, UpdateKpi } from '../../../contracts/dashboards.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { canSeeKpi, viewerOf } from './dashboards.scope.ts';
import { checkFilters, defaultDirection, latestManualValues, measureKpis, type KpiBase } from './kpi-measure.ts';

interface KpiRow {
  id: string;
  parent_id: string | null;
  level: Kpi['level'];
  name: string;
  name_en: string | null;
  unit_id: string | null;
  position_id: string | null;
  owner_id: string | null;
  owner_name: string | null;
  metric: Kpi['metric'];
  filters: Kpi['filters'];
  direction: Kpi['direction'];
  target: number;
  baseline: number | null;
  weight: number;
  period_days: number;
  deadline: string | null;
  note: string | null;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT k.id, k.parent_id, k.level, k.name, k.name_en, k.unit_id, k.position_id, k.owner_id, e.name AS owner_name,
    k.metric, k.filters, k.direction, k.target, k.baseline, k.weight, k.period_days, to_char(k.deadline, 'YYYY-MM-DD') AS deadline,
    k.note, k.created_at, k.updated_at
  FROM kpis k LEFT JOIN employees e ON e.org_id = k.org_id AND e.id = k.owner_id`;
const LEVEL_ORDER = `CASE k.level WHEN 'company' THEN 0 WHEN 'department' THEN 1 ELSE 2 END`;

const toKpi = (r: KpiRow): KpiBase => ({
  id: r.id,
  parentId: r.parent_id,
  level: r.level,
  name: r.name,
  nameEn: r.name_en,
  unitId: r.unit_id,
  positionId: r.position_id,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  metric: r.metric,
  filters: r.filters ?? {},
  direction: r.direction,
  target: Number(r.target),
  baseline: r.baseline === null ? null : Number(r.baseline),
  weight: Number(r.weight),
  periodDays: r.period_days,
  deadline: r.deadline,
  note: r.note,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** KPIs matching `where` (SQL over alias k, params from $2), tree order. */
export async function selectKpis(tx: Queryable, orgId: string, where = 'true', params: unknown[] = []): Promise<KpiBase[]> {
  const rows = await tx.query<KpiRow>(`${SELECT} WHERE k.org_id = $1 AND (${where}) ORDER BY ${LEVEL_ORDER}, k.weight DESC, k.name, k.id`, [orgId, ...params]);
  return rows.map(toKpi);
}

/** Local calendar dates (organisation time zone), `to` exclusive. */
/** Local dates of the organisation, `to` exclusive (the monthly review's month). */
export type DateWindow = { from: string; to: string };

/**
 * Loads KPIs in one transaction, then measures them after it (the metrics engine runs its own): their current
 * values, or over `window` (metrics over those days, the last value recorded by hand within them).
 */
export async function loadAndMeasure(ctx: AppContext, orgId: string, load: (tx: Queryable) => Promise<KpiBase[]>, window?: DateWindow): Promise<Kpi[]> {
  const { kpis, manual, instants } = await ctx.db.tenant(orgId, async (tx) => {
    const kpis = await load(tx);
    const manual = await latestManualValues(tx, orgId, kpis.filter((k) => k.metric === 'manual').map((k) => k.id), window);
    if (!window) return { kpis, manual, instants: undefined };
    const [bounds] = await tx.query<{ from: Date; to: Date }>(
      `SELECT $2::date::timestamp AT TIME ZONE time_zone AS "from", $3::date::timestamp AT TIME ZONE time_zone AS "to" FROM organisations WHERE id = $1`,
      [orgId, window.from, window.to],
    );
    return { kpis, manual, instants: { from: new Date(bounds!.from), to: new Date(bounds!.to) } };
  });
  return measureKpis(ctx, orgId, kpis, manual, instants);
}

/** The KPIs the caller may see, with their current values (or their values over `window`: the monthly review's month). */
export function listKpis(ctx: AppContext, actor: Actor, q: { level?: Kpi['level']; unitId?: string }, window?: DateWindow): Promise<Kpi[]> {
  authorize(actor, 'kpi.read');
  return loadAndMeasure(ctx, actor.orgId, async (tx) => {
    const viewer = await viewerOf(tx, actor);
    const all = await selectKpis(tx, actor.orgId, '($2::text IS NULL OR k.level = $2) AND ($3::uuid IS NULL OR k.unit_id = $3)', [q.level ?? null, q.unitId ?? null]);
    return all.filter((k) => canSeeKpi(viewer, k));
  }, window);
}

export async function getKpi(ctx: AppContext, actor: Actor, id: string): Promise<Kpi> {
  authorize(actor, 'kpi.read');
  const [kpi] = await loadAndMeasure(ctx, actor.orgId, async (tx) => [await findVisibleKpi(tx, actor, id)]);
  return kpi!;
}

async function findVisibleKpi(tx: Queryable, actor: Actor, id: string): Promise<KpiBase> {
  const [kpi] = await selectKpis(tx, actor.orgId, 'k.id = $2', [id]);
  if (!kpi || !canSeeKpi(await viewerOf(tx, actor), kpi)) throw notFound('KPI');
  return kpi;
}

type KpiInput = Required<Pick<CreateKpi, 'level' | 'name' | 'metric' | 'target' | 'weight'>> & Omit<CreateKpi, 'level' | 'name' | 'metric' | 'target' | 'weight'>;

export async function createKpi(ctx: AppContext, actor: Actor, input: CreateKpi): Promise<Kpi> {
  authorize(actor, 'kpi.manage');
  const id = await ctx.db.tenant(actor.orgId, (tx) => insertKpi(ctx, tx, actor, input));
  return getKpi(ctx, actor, id);
}

/** Validates and writes a KPI in the caller's transaction (the demo seed uses it directly); returns its id. */
export async function insertKpi(ctx: AppContext, tx: Tx, actor: Actor, input: CreateKpi): Promise<string> {
  const v = await validate(tx, actor.orgId, null, input);
  const now = ctx.clock.now();
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO kpis (org_id, parent_id, level, name, name_en, unit_id, position_id, owner_id, metric, filters, direction, target, baseline,
       weight, period_days, deadline, note, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18) RETURNING id`,
    [actor.orgId, ...columnValues(v), now],
  );
  const [after] = await selectKpis(tx, actor.orgId, 'k.id = $2', [row!.id]);
  await recordAudit(tx, ctx.clock, actor, { action: 'kpi.created', entityType: 'kpi', entityId: row!.id, after });
  return row!.id;
}

export async function updateKpi(ctx: AppContext, actor: Actor, id: string, input: UpdateKpi): Promise<Kpi> {
  authorize(actor, 'kpi.manage');
  await ctx.db.tenant(actor.orgId, async (tx) => {
    const [before] = await selectKpis(tx, actor.orgId, 'k.id = $2', [id]);
    if (!before) throw notFound('KPI');
    const merged: KpiInput = { ...before, ...stripUndefined(input) };
    if (input.metric !== undefined && input.direction === undefined) merged.direction = defaultDirection(input.metric);
    const v = await validate(tx, actor.orgId, id, merged);
    await tx.query(
      `UPDATE kpis SET parent_id = $3, level = $4, name = $5, name_en = $6, unit_id = $7, position_id = $8, owner_id = $9, metric = $10,
         filters = $11, direction = $12, target = $13, baseline = $14, weight = $15, period_days = $16, deadline = $17, note = $18, updated_at = $19
       WHERE org_id = $1 AND id = $2`,
      [actor.orgId, id, ...columnValues(v), ctx.clock.now()],
    );
    const [after] = await selectKpis(tx, actor.orgId, 'k.id = $2', [id]);
    await recordAudit(tx, ctx.clock, actor, { action: 'kpi.updated', entityType: 'kpi', entityId: id, before, after });
  });
  return getKpi(ctx, actor, id);
}

/** Deletes a KPI with its recorded values and goal links; its children move up to its parent. */
export function deleteKpi(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'kpi.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [before] = await selectKpis(tx, actor.orgId, 'k.id = $2', [id]);
    if (!before) throw notFound('KPI');
    await tx.query(`UPDATE kpis SET parent_id = $3 WHERE org_id = $1 AND parent_id = $2`, [actor.orgId, id, before.parentId]);
    await tx.query(`DELETE FROM kpis WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
    await recordAudit(tx, ctx.clock, actor, { action: 'kpi.deleted', entityType: 'kpi', entityId: id, before });
  });
}

const stripUndefined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

interface ValidKpi extends KpiInput {
  direction: 'higher' | 'lower';
}

/**
 * Checks what a row cannot: a department or position KPI names its unit, a
 * position KPI its position, references exist, a survey filter suits the
 * metric and the parent chain does not loop back.
 */
async function validate(tx: Queryable, orgId: string, selfId: string | null, k: KpiInput): Promise<ValidKpi> {
  if (k.level !== 'company' && !k.unitId) throw new AppError(400, 'unit_required', `a ${k.level} KPI needs unitId`, { field: 'unitId' });
  if (k.level === 'position' && !k.positionId) throw new AppError(400, 'position_required', 'a position KPI needs positionId', { field: 'positionId' });
  checkFilters(k.metric, k.filters);
  const [refs] = await tx.query<{ unit: boolean; position: boolean; owner: boolean; parent: boolean; survey: boolean }>(
    `SELECT ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM units WHERE org_id = $1 AND id = $2)) AS unit,
            ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM positions WHERE org_id = $1 AND id = $3)) AS position,
            ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM employees WHERE org_id = $1 AND id = $4)) AS owner,
            ($5::uuid IS NULL OR EXISTS (SELECT 1 FROM kpis WHERE org_id = $1 AND id = $5)) AS parent,
            ($6::uuid IS NULL OR EXISTS (SELECT 1 FROM surveys WHERE org_id = $1 AND id = $6)) AS survey`,
    [orgId, k.unitId ?? null, k.positionId ?? null, k.ownerId ?? null, k.parentId ?? null, k.filters?.surveyId ?? null],
  );
  for (const [ok, what] of [[refs!.unit, 'unit'], [refs!.position, 'position'], [refs!.owner, 'owner (employee)'], [refs!.parent, 'parent KPI'], [refs!.survey, 'survey']] as const) {
    if (!ok) throw notFound(what);
  }
  if (selfId && k.parentId) {
    const chain = await tx.query<{ id: string }>(
      `WITH RECURSIVE up AS (
         SELECT id, parent_id FROM kpis WHERE org_id = $1 AND id = $2
         UNION
         SELECT p.id, p.parent_id FROM kpis p JOIN up ON p.org_id = $1 AND p.id = up.parent_id
       ) SELECT id FROM up`,
      [orgId, k.parentId],
    );
    if (chain.some((r) => r.id === selfId)) throw new AppError(400, 'kpi_cycle', 'a KPI cannot sit under itself or its own descendants', { field: 'parentId' });
  }
  return { ...k, direction: k.direction ?? defaultDirection(k.metric) };
}

function columnValues(v: ValidKpi): unknown[] {
  return [
    v.parentId ?? null,
    v.level,
    v.name,
    v.nameEn ?? null,
    v.unitId ?? null,
    v.level === 'position' ? v.positionId : (v.positionId ?? null),
    v.ownerId ?? null,
    v.metric,
    JSON.stringify(v.metric === 'manual' ? {} : (v.filters ?? {})),
    v.direction,
    v.target,
    v.baseline ?? null,
    v.weight,
    v.periodDays ?? 90,
    v.deadline ?? null,
    v.note ?? null,
  ];
}
