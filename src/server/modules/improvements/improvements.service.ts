/**
 * Improvement projects, the outer loop: cases that share a root cause are
 * gathered into one project with an owner, a status (proposed → in_progress →
 * done, or cancelled) and its measured effect, the project's metric over equal
 * windows before the start and after the completion. Completing one publishes
 * `improvement.completed` (recognition and webhooks may react).
 */
import type { z } from 'zod';
import {
  EFFECT_WINDOW_DAYS,
  type CreateImprovementProjectSchema,
  type ImprovementEffect,
  type ImprovementProject,
  type ImprovementProjectDetail,
  type ImprovementStatus,
  type ImprovementSuggestion,
  type UpdateImprovementProjectSchema,
} from '../../../contracts/improvements.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import { DAY } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events/index.ts';
import { getMetric } from '../metrics/index.ts';

interface ProjectRow {
  id: string;
  title: string;
  description: string;
  root_cause: string | null;
  unit_id: string | null;
  owner_id: string | null;
  metric: ImprovementProject['metric'];
  status: ImprovementStatus;
  case_count: number;
  started_at: Date | null;
  completed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}
const COLUMNS = `p.id, p.title, p.description, p.root_cause, p.unit_id, p.owner_id, p.metric, p.status, p.started_at, p.completed_at, p.created_at, p.updated_at,
  (SELECT count(*)::int FROM improvement_project_cases l WHERE l.org_id = p.org_id AND l.project_id = p.id) AS case_count`;

const iso = (d: Date | null) => d?.toISOString() ?? null;
const toProject = (r: ProjectRow): ImprovementProject => ({
  id: r.id,
  title: r.title,
  description: r.description,
  rootCause: r.root_cause,
  unitId: r.unit_id,
  ownerId: r.owner_id,
  metric: r.metric,
  status: r.status,
  caseCount: r.case_count,
  startedAt: iso(r.started_at),
  completedAt: iso(r.completed_at),
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** Where a status may go next. */
const NEXT: Record<ImprovementStatus, ImprovementStatus[]> = {
  proposed: ['in_progress', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: [],
  cancelled: [],
};

export function listImprovementProjects(ctx: AppContext, actor: Actor, q: { status?: ImprovementStatus }): Promise<{ items: ImprovementProject[] }> {
  authorize(actor, 'improvement.read');
  return ctx.db.tenant(actor.orgId, async (tx) => ({
    items: (
      await tx.query<ProjectRow>(`SELECT ${COLUMNS} FROM improvement_projects p WHERE p.org_id = $1 AND ($2::text IS NULL OR p.status = $2) ORDER BY p.created_at DESC, p.id`, [
        actor.orgId,
        q.status ?? null,
      ])
    ).map(toProject),
  }));
}

/** Opens a project (proposed), optionally with the cases it gathers. */
export async function createImprovementProject(ctx: AppContext, actor: Actor, input: z.infer<typeof CreateImprovementProjectSchema>): Promise<ImprovementProjectDetail> {
  authorize(actor, 'improvement.manage');
  const id = await ctx.db.tenant(actor.orgId, async (tx) => {
    if (input.ownerId) await mustExist(tx, 'employees', input.ownerId, 'ownerId');
    if (input.unitId) await mustExist(tx, 'units', input.unitId, 'unitId');
    const now = ctx.clock.now();
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO improvement_projects (org_id, title, description, root_cause, unit_id, owner_id, metric, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'proposed', $8, $8) RETURNING id`,
      [actor.orgId, input.title, input.description, input.rootCause ?? null, input.unitId ?? null, input.ownerId ?? null, input.metric, now],
    );
    if (input.caseIds.length > 0) await linkCaseIds(tx, row!.id, input.caseIds, now);
    await recordAudit(tx, ctx.clock, actor, { action: 'improvement.created', entityType: 'improvement_project', entityId: row!.id, after: input });
    return row!.id;
  });
  return getImprovementProject(ctx, actor, id);
}

/** The project with its cases and its measured effect. */
export async function getImprovementProject(ctx: AppContext, actor: Actor, id: string): Promise<ImprovementProjectDetail> {
  authorize(actor, 'improvement.read');
  const { project, cases } = await ctx.db.tenant(actor.orgId, async (tx) => {
    const project = await findProject(tx, id);
    const cases = await tx.query<{ id: string; title: string; status: string; root_cause: string | null; unit_id: string | null; closed_at: Date | null }>(
      `SELECT c.id, c.title, c.status, c.root_cause, c.unit_id, c.closed_at FROM improvement_project_cases l
       JOIN cases c ON c.org_id = l.org_id AND c.id = l.case_id WHERE l.org_id = $1 AND l.project_id = $2 ORDER BY c.closed_at DESC NULLS FIRST, c.id`,
      [actor.orgId, id],
    );
    return { project, cases };
  });
  return {
    ...toProject(project),
    cases: cases.map((c) => ({ id: c.id, title: c.title, status: c.status, rootCause: c.root_cause, unitId: c.unit_id, closedAt: iso(c.closed_at) })),
    effect: await measureEffect(ctx, actor, project),
  };
}

/** Changes fields or moves the status along; `done` records the completion and publishes improvement.completed. */
export async function updateImprovementProject(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof UpdateImprovementProjectSchema>): Promise<ImprovementProjectDetail> {
  authorize(actor, 'improvement.manage');
  await ctx.db.tenant(actor.orgId, async (tx) => {
    const before = await findProject(tx, id, true);
    const status = input.status ?? before.status;
    if (status !== before.status && !NEXT[before.status].includes(status)) {
      throw new AppError(409, 'invalid_transition', `an improvement project cannot go from ${before.status} to ${status}`, { from: before.status, to: status });
    }
    if (input.ownerId) await mustExist(tx, 'employees', input.ownerId, 'ownerId');
    const now = ctx.clock.now();
    const startedAt = status === 'in_progress' && !before.started_at ? now : before.started_at;
    const completedAt = status === 'done' && before.status !== 'done' ? now : before.completed_at;
    const [row] = await tx.query<ProjectRow>(
      `UPDATE improvement_projects p SET title = $3, description = $4, owner_id = $5, metric = $6, status = $7, started_at = $8, completed_at = $9, updated_at = $10
       WHERE p.org_id = $1 AND p.id = $2 RETURNING ${COLUMNS}`,
      [actor.orgId, id, input.title ?? before.title, input.description ?? before.description, input.ownerId === undefined ? before.owner_id : input.ownerId, input.metric ?? before.metric, status, startedAt, completedAt, now],
    );
    const after = toProject(row!);
    await recordAudit(tx, ctx.clock, actor, { action: 'improvement.updated', entityType: 'improvement_project', entityId: id, before: toProject(before), after });
    if (status === 'done' && before.status !== 'done') {
      await publish(
        tx,
        'improvement.completed',
        { projectId: id, title: after.title, ownerId: after.ownerId, employeeId: after.ownerId, rootCause: after.rootCause, unitId: after.unitId, caseCount: after.caseCount, completedAt: after.completedAt },
        { at: now },
      );
    }
  });
  return getImprovementProject(ctx, actor, id);
}

/** Adds cases to the project; a case already in another project is refused (409 case_already_linked). */
export async function linkImprovementCases(ctx: AppContext, actor: Actor, id: string, caseIds: string[]): Promise<ImprovementProjectDetail> {
  authorize(actor, 'improvement.manage');
  await ctx.db.tenant(actor.orgId, async (tx) => {
    const project = await findProject(tx, id, true);
    if (project.status === 'done' || project.status === 'cancelled') throw new AppError(409, 'project_finished', 'cases cannot be added to a finished project');
    if (caseIds.length === 0) return;
    await linkCaseIds(tx, id, caseIds, ctx.clock.now());
    await recordAudit(tx, ctx.clock, actor, { action: 'improvement.cases_linked', entityType: 'improvement_project', entityId: id, after: { caseIds } });
  });
  return getImprovementProject(ctx, actor, id);
}

/** Root causes with at least 3 closed cases in the last 90 days that no project holds yet: candidates for a project. */
export function suggestImprovementProjects(ctx: AppContext, actor: Actor): Promise<{ items: ImprovementSuggestion[] }> {
  authorize(actor, 'improvement.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const rows = await tx.query<{ root_cause: string; case_count: number; case_ids: string[]; last_closed_at: Date }>(
      `SELECT c.root_cause, count(*)::int AS case_count, (array_agg(c.id ORDER BY c.closed_at DESC, c.id))[1:100] AS case_ids, max(c.closed_at) AS last_closed_at
       FROM cases c
       WHERE c.org_id = $1 AND c.status = 'closed' AND c.root_cause IS NOT NULL AND c.closed_at >= $2
         AND NOT EXISTS (SELECT 1 FROM improvement_project_cases l WHERE l.org_id = c.org_id AND l.case_id = c.id)
       GROUP BY c.root_cause HAVING count(*) >= 3 ORDER BY count(*) DESC, c.root_cause`,
      [actor.orgId, new Date(ctx.clock.now().getTime() - 90 * DAY)],
    );
    return { items: rows.map((r) => ({ rootCause: r.root_cause, caseCount: r.case_count, caseIds: r.case_ids, lastClosedAt: r.last_closed_at.toISOString() })) };
  });
}

/** The metric over EFFECT_WINDOW_DAYS before the start and as long after the completion, for the project's unit (or the organisation). */
async function measureEffect(ctx: AppContext, actor: Actor, p: ProjectRow): Promise<ImprovementEffect> {
  const window = EFFECT_WINDOW_DAYS * DAY;
  const measure = async (from: Date, to: Date) => {
    const result = await getMetric(ctx, actor, p.metric, { from: from.toISOString(), to: to.toISOString(), unitId: p.unit_id ?? undefined });
    const row = result.rows[0];
    return { from: from.toISOString(), to: to.toISOString(), value: row?.value ?? null, n: row?.n ?? 0 };
  };
  const before = p.started_at ? await measure(new Date(p.started_at.getTime() - window), p.started_at) : null;
  const after = p.completed_at ? await measure(p.completed_at, new Date(p.completed_at.getTime() + window)) : null;
  const change = before?.value != null && after?.value != null ? Math.round((after.value - before.value) * 100) / 100 : null;
  const isAfterComplete = !!p.completed_at && ctx.clock.now().getTime() >= p.completed_at.getTime() + window;
  return { metric: p.metric, windowDays: EFFECT_WINDOW_DAYS, before, after, isAfterComplete, change };
}

async function linkCaseIds(tx: Tx, projectId: string, caseIds: string[], now: Date): Promise<void> {
  const ids = [...new Set(caseIds)];
  const [found] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE org_id = $1 AND id = ANY ($2::uuid[])`, [tx.orgId, ids]);
  if (found!.n !== ids.length) throw new AppError(404, 'not_found', 'a case was not found', { field: 'caseIds' });
  const taken = await tx.query<{ case_id: string }>(
    `SELECT case_id FROM improvement_project_cases WHERE org_id = $1 AND case_id = ANY ($2::uuid[]) AND project_id <> $3`,
    [tx.orgId, ids, projectId],
  );
  if (taken.length > 0) throw new AppError(409, 'case_already_linked', 'a case already belongs to another improvement project', { caseIds: taken.map((r) => r.case_id) });
  await tx.query(
    `INSERT INTO improvement_project_cases (org_id, case_id, project_id, linked_at) SELECT $1, x, $2, $3 FROM unnest($4::uuid[]) AS x ON CONFLICT (org_id, case_id) DO NOTHING`,
    [tx.orgId, projectId, now, ids],
  );
}

async function findProject(tx: Tx, id: string, lock = false): Promise<ProjectRow> {
  const [row] = await tx.query<ProjectRow>(`SELECT ${COLUMNS} FROM improvement_projects p WHERE p.org_id = $1 AND p.id = $2${lock ? ' FOR UPDATE OF p' : ''}`, [tx.orgId, id]);
  if (!row) throw notFound('improvement project');
  return row;
}

async function mustExist(tx: Tx, table: 'employees' | 'units', id: string, field: string): Promise<void> {
  const [row] = await tx.query(`SELECT 1 FROM ${table} WHERE org_id = $1 AND id = $2`, [tx.orgId, id]);
  if (!row) throw new AppError(404, 'not_found', `${field} was not found`, { field });
}
