/**
 * Action plans on an assessment's gaps: a pillar or an item, an owner, a due
 * date and a status. A plan may become an improvement project (outer loop) or
 * an idea challenge, and a pulse re-measures it: the plan keeps the baseline
 * index it started from and shows the pulse's index once that is shown.
 */
import type { z } from 'zod';
import type { ActionPlan, CreateActionPlanSchema, UpdateActionPlanSchema } from '../../../contracts/culture.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import { DAY } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { createImprovementProject } from '../improvements/index.ts';
import { createChallenge } from '../recognition/index.ts';
import { createAssessment, openAssessment } from './assessments.service.ts';
import { readAssessment, type AssessmentRow } from './results.query.ts';
import { orgIndexOf } from './results.service.ts';
import { itemIndexOf, viewOf } from './results.view.ts';

interface PlanRow {
  id: string;
  assessment_id: string;
  pillar: ActionPlan['pillar'];
  item_key: string | null;
  title: string;
  owner_id: string | null;
  due_at: string | null;
  status: ActionPlan['status'];
  improvement_id: string | null;
  challenge_id: string | null;
  pulse_assessment_id: string | null;
  baseline_index: number | null;
  created_at: Date;
}
const COLUMNS = `id, assessment_id, pillar, item_key, title, owner_id, to_char(due_at, 'YYYY-MM-DD') AS due_at, status, improvement_id, challenge_id,
  pulse_assessment_id, baseline_index, created_at`;

const round1 = (x: number) => Math.round(x * 10) / 10;

function toPlan(r: PlanRow, after: ActionPlan['after']): ActionPlan {
  return {
    id: r.id,
    assessmentId: r.assessment_id,
    pillar: r.pillar,
    itemKey: r.item_key,
    title: r.title,
    ownerId: r.owner_id,
    dueAt: r.due_at,
    status: r.status,
    ...(r.baseline_index === null ? {} : { baseline: { index: round1(r.baseline_index) } }),
    ...(after ? { after } : {}),
    improvementId: r.improvement_id,
    challengeId: r.challenge_id,
    pulseAssessmentId: r.pulse_assessment_id,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** The pulse's organisation-wide index of the plan's pillar (or item) once the caller may see it and it is shown. */
async function afterOf(ctx: AppContext, actor: Actor, r: PlanRow): Promise<ActionPlan['after']> {
  if (!r.pulse_assessment_id) return undefined;
  try {
    const index = await orgIndexOf(ctx, actor, r.pulse_assessment_id, { pillar: r.pillar, itemKey: r.item_key });
    return index === null ? undefined : { index, assessmentId: r.pulse_assessment_id };
  } catch (err) {
    if (err instanceof AppError && err.status === 403) return undefined; // not released to this caller yet
    throw err;
  }
}

const withAfter = async (ctx: AppContext, actor: Actor, r: PlanRow) => toPlan(r, await afterOf(ctx, actor, r));

async function findAssessment(tx: Tx, orgId: string, id: string): Promise<AssessmentRow> {
  const a = await readAssessment(tx, orgId, id);
  if (!a) throw notFound('assessment');
  return a;
}

async function findPlan(tx: Tx, orgId: string, id: string, lock = false): Promise<PlanRow> {
  const [row] = await tx.query<PlanRow>(`SELECT ${COLUMNS} FROM culture_action_plans WHERE org_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [orgId, id]);
  if (!row) throw notFound('action plan');
  return row;
}

async function mustBeEmployee(tx: Tx, orgId: string, id: string | null | undefined): Promise<void> {
  if (!id) return;
  const [row] = await tx.query(`SELECT 1 FROM employees WHERE org_id = $1 AND id = $2`, [orgId, id]);
  if (!row) throw new AppError(404, 'not_found', 'ownerId was not found', { field: 'ownerId' });
}

/** The assessment's plans, oldest first; readable by whoever may read its results (managers and employees after closing). */
export async function listActionPlans(ctx: AppContext, actor: Actor, assessmentId: string): Promise<{ items: ActionPlan[] }> {
  authorize(actor, 'assessmentResults.read');
  const rows = await ctx.db.tenant(actor.orgId, async (tx) => {
    await viewOf(tx, actor, await findAssessment(tx, actor.orgId, assessmentId));
    return tx.query<PlanRow>(`SELECT ${COLUMNS} FROM culture_action_plans WHERE org_id = $1 AND assessment_id = $2 ORDER BY created_at, id`, [actor.orgId, assessmentId]);
  });
  const items: ActionPlan[] = [];
  for (const r of rows) items.push(await withAfter(ctx, actor, r));
  return { items };
}

/** A plan on a pillar or an item of the assessment; its baseline is the organisation's index there now (when shown). */
export async function createActionPlan(ctx: AppContext, actor: Actor, assessmentId: string, input: z.infer<typeof CreateActionPlanSchema>): Promise<ActionPlan> {
  authorize(actor, 'assessment.manage');
  const baseline = await ctx.db.tenant(actor.orgId, async (tx) => {
    const a = await findAssessment(tx, actor.orgId, assessmentId);
    const items = itemIndexOf(a);
    if (input.itemKey && !items.likert.includes(input.itemKey)) throw invalid('itemKey is not a likert item of the assessment', { field: 'itemKey' });
    if (input.pillar && !items.pillarItems.has(input.pillar)) throw invalid('the assessment does not measure this pillar', { field: 'pillar' });
    await mustBeEmployee(tx, actor.orgId, input.ownerId);
    return a.status === 'draft' ? null : true;
  });
  const index = baseline && (input.pillar || input.itemKey) ? await orgIndexOf(ctx, actor, assessmentId, { pillar: input.pillar ?? null, itemKey: input.itemKey ?? null }) : null;
  const row = await ctx.db.tenant(actor.orgId, async (tx) => {
    const [created] = await tx.query<PlanRow>(
      `INSERT INTO culture_action_plans (org_id, assessment_id, pillar, item_key, title, owner_id, due_at, status, baseline_index, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9, $10) RETURNING ${COLUMNS}`,
      [actor.orgId, assessmentId, input.pillar ?? null, input.itemKey ?? null, input.title, input.ownerId ?? null, input.dueAt ?? null, index, ctx.clock.now(), actor.kind === 'user' ? actor.id : null],
    );
    await recordAudit(tx, ctx.clock, actor, { action: 'culture.action_plan.created', entityType: 'culture_action_plan', entityId: created!.id, after: input });
    return created!;
  });
  return toPlan(row, undefined);
}

export async function updateActionPlan(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof UpdateActionPlanSchema>): Promise<ActionPlan> {
  authorize(actor, 'assessment.manage');
  const row = await ctx.db.tenant(actor.orgId, async (tx) => {
    const before = await findPlan(tx, actor.orgId, id, true);
    await mustBeEmployee(tx, actor.orgId, input.ownerId);
    const [after] = await tx.query<PlanRow>(
      `UPDATE culture_action_plans SET status = $3, owner_id = $4, due_at = $5, title = $6 WHERE org_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [
        actor.orgId,
        id,
        input.status ?? before.status,
        input.ownerId === undefined ? before.owner_id : input.ownerId,
        input.dueAt === undefined ? before.due_at : input.dueAt,
        input.title ?? before.title,
      ],
    );
    await recordAudit(tx, ctx.clock, actor, { action: 'culture.action_plan.updated', entityType: 'culture_action_plan', entityId: id, before, after: input });
    return after!;
  });
  return withAfter(ctx, actor, row);
}

/** What a plan's linked work says about where it came from, in both languages. */
async function originOf(ctx: AppContext, actor: Actor, plan: PlanRow): Promise<{ assessment: AssessmentRow; description: string }> {
  const assessment = await ctx.db.tenant(actor.orgId, (tx) => findAssessment(tx, actor.orgId, plan.assessment_id));
  const target = plan.item_key ?? plan.pillar ?? '—';
  const description = `来自文化评估「${assessment.name}」的行动计划（${target}）。\nAn action plan from the culture assessment "${assessment.name}" (${target}).`;
  return { assessment, description };
}

/** Links one piece of follow-up work to the plan, once (409 when it already has one). */
async function link(ctx: AppContext, actor: Actor, id: string, column: 'improvement_id' | 'challenge_id' | 'pulse_assessment_id', create: (plan: PlanRow) => Promise<string>): Promise<ActionPlan> {
  authorize(actor, 'assessment.manage');
  const plan = await ctx.db.tenant(actor.orgId, (tx) => findPlan(tx, actor.orgId, id));
  const taken = () => new AppError(409, 'already_linked', `the action plan already has its ${column.replace(/_id$/, '').replace('_', ' ')}`, { field: column });
  if (plan[column]) throw taken();
  const linkedId = await create(plan);
  const row = await ctx.db.tenant(actor.orgId, async (tx) => {
    const [updated] = await tx.query<PlanRow>(`UPDATE culture_action_plans SET ${column} = $3 WHERE org_id = $1 AND id = $2 AND ${column} IS NULL RETURNING ${COLUMNS}`, [actor.orgId, id, linkedId]);
    if (!updated) throw taken();
    await recordAudit(tx, ctx.clock, actor, { action: `culture.action_plan.linked`, entityType: 'culture_action_plan', entityId: id, after: { [column]: linkedId } });
    return updated;
  });
  return withAfter(ctx, actor, row);
}

/** `POST /action-plans/:id/improvement`: an improvement project (through the improvements module) led by the plan's owner. */
export function createPlanImprovement(ctx: AppContext, actor: Actor, id: string): Promise<ActionPlan> {
  return link(ctx, actor, id, 'improvement_id', async (plan) => {
    const { description } = await originOf(ctx, actor, plan);
    const project = await createImprovementProject(ctx, actor, { title: plan.title, description, ownerId: plan.owner_id ?? undefined, metric: 'nps', caseIds: [] });
    return project.id;
  });
}

/** `POST /action-plans/:id/challenge`: an idea challenge on the plan's theme, open until its due date (or 30 days). */
export function createPlanChallenge(ctx: AppContext, actor: Actor, id: string): Promise<ActionPlan> {
  return link(ctx, actor, id, 'challenge_id', async (plan) => {
    const { description } = await originOf(ctx, actor, plan);
    const now = ctx.clock.now().getTime();
    const due = plan.due_at ? new Date(`${plan.due_at}T23:59:59Z`).getTime() : 0;
    const deadline = new Date(due > now ? due : now + 30 * DAY).toISOString();
    const challenge = await createChallenge(ctx, actor, { theme: plan.title, description, deadline });
    return challenge.id;
  });
}

/** `POST /action-plans/:id/pulse`: creates and opens a pulse assessment re-measuring the plan's assessment, same audience and thresholds. */
export function createPlanPulse(ctx: AppContext, actor: Actor, id: string, input: { closesAt: string }): Promise<ActionPlan> {
  return link(ctx, actor, id, 'pulse_assessment_id', async (plan) => {
    const { assessment } = await originOf(ctx, actor, plan);
    if (assessment.status !== 'closed') throw new AppError(409, 'assessment_not_closed', 're-measure an assessment once it has closed');
    const pulse = await createAssessment(ctx, actor, {
      templateKey: 'pulse',
      name: `${assessment.name} · 复测 pulse`.slice(0, 200),
      minGroupSize: assessment.minGroupSize,
      minCommentGroupSize: assessment.minCommentGroupSize,
      closesAt: input.closesAt,
      audience: assessment.audience,
      baselineAssessmentId: assessment.id,
    });
    await openAssessment(ctx, actor, pulse.id);
    return pulse.id;
  });
}
