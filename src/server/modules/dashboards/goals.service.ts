/** Strategic goals with deadlines and progress: set by hand, or measured by the KPIs linked to them. */
import type { CreateGoal, Goal, UpdateGoal } from '../../../contracts/dashboards.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { loadAndMeasure, selectKpis, type DateWindow } from './kpis.service.ts';
import { expectedProgress, goalStatusOf } from './scorecard.math.ts';

interface GoalRow {
  id: string;
  title: string;
  title_en: string | null;
  description: string | null;
  owner_id: string | null;
  owner_name: string | null;
  start_date: string;
  deadline: string;
  progress: number | null;
  kpi_ids: string[];
  created_at: Date;
  updated_at: Date;
}
const SELECT = `SELECT g.id, g.title, g.title_en, g.description, g.owner_id, e.name AS owner_name,
    to_char(g.start_date, 'YYYY-MM-DD') AS start_date, to_char(g.deadline, 'YYYY-MM-DD') AS deadline, g.progress,
    COALESCE((SELECT array_agg(gk.kpi_id ORDER BY gk.kpi_id) FROM goal_kpis gk WHERE gk.org_id = g.org_id AND gk.goal_id = g.id), '{}') AS kpi_ids,
    g.created_at, g.updated_at
  FROM goals g LEFT JOIN employees e ON e.org_id = g.org_id AND e.id = g.owner_id`;

/**
 * Goals are the organisation's shared direction: everyone but partners reads them all. With `asOf` (the monthly
 * review's month) progress is that month's: linked KPIs measured over it, time gone and status at its end.
 */
export async function listGoals(ctx: AppContext, actor: Actor, asOf?: DateWindow): Promise<Goal[]> {
  authorize(actor, 'goal.read');
  return withProgress(ctx, actor.orgId, (tx) => tx.query<GoalRow>(`${SELECT} WHERE g.org_id = $1 ORDER BY g.deadline, g.title, g.id`, [actor.orgId]), asOf);
}

export async function getGoal(ctx: AppContext, actor: Actor, id: string): Promise<Goal> {
  authorize(actor, 'goal.read');
  const [goal] = await withProgress(ctx, actor.orgId, (tx) => findGoal(tx, actor.orgId, id).then((g) => [g]));
  return goal!;
}

export async function createGoal(ctx: AppContext, actor: Actor, input: CreateGoal): Promise<Goal> {
  authorize(actor, 'goal.manage');
  const id = await ctx.db.tenant(actor.orgId, (tx) => insertGoal(ctx, tx, actor, input));
  return getGoal(ctx, actor, id);
}

/** Validates and writes a goal with its KPI links in the caller's transaction; returns its id. */
export async function insertGoal(ctx: AppContext, tx: Tx, actor: Actor, input: CreateGoal): Promise<string> {
  const now = ctx.clock.now();
  const startDate = input.startDate ?? (await today(tx, actor.orgId, now));
  await validate(tx, actor.orgId, { ...input, startDate });
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO goals (org_id, title, title_en, description, owner_id, start_date, deadline, progress, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
    [actor.orgId, input.title, input.titleEn ?? null, input.description ?? null, input.ownerId ?? null, startDate, input.deadline, input.progress ?? null, now],
  );
  await linkKpis(tx, actor.orgId, row!.id, input.kpiIds ?? []);
  await recordAudit(tx, ctx.clock, actor, { action: 'goal.created', entityType: 'goal', entityId: row!.id, after: input });
  return row!.id;
}

export async function updateGoal(ctx: AppContext, actor: Actor, id: string, input: UpdateGoal): Promise<Goal> {
  authorize(actor, 'goal.manage');
  await ctx.db.tenant(actor.orgId, async (tx) => {
    const before = await findGoal(tx, actor.orgId, id);
    const next = {
      title: input.title ?? before.title,
      titleEn: input.titleEn === undefined ? before.title_en : input.titleEn,
      description: input.description === undefined ? before.description : input.description,
      ownerId: input.ownerId === undefined ? before.owner_id : input.ownerId,
      startDate: input.startDate ?? before.start_date,
      deadline: input.deadline ?? before.deadline,
      progress: input.progress === undefined ? before.progress : input.progress,
      kpiIds: input.kpiIds ?? before.kpi_ids,
    };
    await validate(tx, actor.orgId, next);
    await tx.query(
      `UPDATE goals SET title = $3, title_en = $4, description = $5, owner_id = $6, start_date = $7, deadline = $8, progress = $9, updated_at = $10
       WHERE org_id = $1 AND id = $2`,
      [actor.orgId, id, next.title, next.titleEn, next.description, next.ownerId, next.startDate, next.deadline, next.progress, ctx.clock.now()],
    );
    if (input.kpiIds) {
      await tx.query(`DELETE FROM goal_kpis WHERE org_id = $1 AND goal_id = $2`, [actor.orgId, id]);
      await linkKpis(tx, actor.orgId, id, input.kpiIds);
    }
    await recordAudit(tx, ctx.clock, actor, { action: 'goal.updated', entityType: 'goal', entityId: id, before, after: next });
  });
  return getGoal(ctx, actor, id);
}

export function deleteGoal(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'goal.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = await findGoal(tx, actor.orgId, id);
    await tx.query(`DELETE FROM goals WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
    await recordAudit(tx, ctx.clock, actor, { action: 'goal.deleted', entityType: 'goal', entityId: id, before });
  });
}

async function findGoal(tx: Queryable, orgId: string, id: string): Promise<GoalRow> {
  const [row] = await tx.query<GoalRow>(`${SELECT} WHERE g.org_id = $1 AND g.id = $2`, [orgId, id]);
  if (!row) throw notFound('goal');
  return row;
}

async function today(tx: Queryable, orgId: string, now: Date): Promise<string> {
  const [r] = await tx.query<{ d: string }>(`SELECT to_char(($2::timestamptz AT TIME ZONE time_zone)::date, 'YYYY-MM-DD') AS d FROM organisations WHERE id = $1`, [orgId, now]);
  return r!.d;
}

async function validate(tx: Queryable, orgId: string, g: { startDate: string; deadline: string; ownerId?: string | null; kpiIds?: string[] }): Promise<void> {
  if (g.startDate >= g.deadline) throw new AppError(400, 'deadline_before_start', 'the deadline must come after the start date', { field: 'deadline' });
  if (g.ownerId) {
    const [e] = await tx.query(`SELECT 1 FROM employees WHERE org_id = $1 AND id = $2`, [orgId, g.ownerId]);
    if (!e) throw notFound('owner (employee)');
  }
  const ids = [...new Set(g.kpiIds ?? [])];
  if (ids.length) {
    const found = await tx.query<{ id: string }>(`SELECT id FROM kpis WHERE org_id = $1 AND id = ANY($2::uuid[])`, [orgId, ids]);
    if (found.length !== ids.length) throw notFound('KPI');
  }
}

async function linkKpis(tx: Queryable, orgId: string, goalId: string, kpiIds: string[]): Promise<void> {
  for (const kpiId of new Set(kpiIds)) {
    await tx.query(`INSERT INTO goal_kpis (org_id, goal_id, kpi_id) VALUES ($1, $2, $3)`, [orgId, goalId, kpiId]);
  }
}

/**
 * Adds computed progress (set, else the mean attainment of linked KPIs), the time gone and the status; over
 * `asOf` when given. A progress set by hand has no history, so it reads the same in any month.
 */
async function withProgress(ctx: AppContext, orgId: string, load: (tx: Queryable) => Promise<GoalRow[]>, asOf?: DateWindow): Promise<Goal[]> {
  const rows = await ctx.db.tenant(orgId, load);
  const ids = [...new Set(rows.filter((r) => r.progress === null).flatMap((r) => r.kpi_ids))];
  const kpis = ids.length ? await loadAndMeasure(ctx, orgId, (tx) => selectKpis(tx, orgId, 'k.id = ANY($2::uuid[])', [ids]), asOf) : [];
  const measured = new Map(kpis.map((k) => [k.id, k]));
  // The end of the month, or now while it is still running.
  const now = new Date(Math.min(asOf ? Date.parse(`${asOf.to}T00:00:00Z`) : Infinity, ctx.clock.now().getTime()));
  return rows.map((r) => {
    let computed = r.progress === null ? null : Number(r.progress);
    if (computed === null) {
      const values = r.kpi_ids.map((id) => measured.get(id)?.current.attainment).filter((a): a is number => a !== null && a !== undefined);
      computed = values.length ? Math.round((values.reduce((s, a) => s + a, 0) / values.length) * 1000) / 10 : null;
    }
    const start = new Date(`${r.start_date}T00:00:00Z`);
    const deadline = new Date(`${r.deadline}T00:00:00Z`);
    const expected = expectedProgress(start, deadline, now);
    return {
      id: r.id,
      title: r.title,
      titleEn: r.title_en,
      description: r.description,
      ownerId: r.owner_id,
      ownerName: r.owner_name,
      startDate: r.start_date,
      deadline: r.deadline,
      progress: r.progress === null ? null : Number(r.progress),
      kpiIds: r.kpi_ids,
      computedProgress: computed,
      expectedProgress: expected,
      status: goalStatusOf(computed, expected, now.getTime() >= deadline.getTime() + 86_400_000),
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  });
}
