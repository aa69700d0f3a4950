/**
 * The assessment lifecycle: draft → open → closed. A draft takes its template's sections as a snapshot;
 * opening fixes the anonymity thresholds and the audience for good and issues the invitations; closing
 * (by an admin, or by the hourly job once `closes_at` has passed) ends answering.
 */
import type { Assessment, CreateAssessment, UpdateAssessment } from '../../../contracts/culture.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { ASSESSMENT_COLUMNS, findAssessmentRow, toAssessment, type AssessmentRow } from './assessment.row.ts';
import { issueInvitations } from './invitations.service.ts';
import { findTemplate } from './templates.service.ts';

const DEFAULTS = { minGroupSize: 5, minCommentGroupSize: 10 };

async function checkUnits(tx: Queryable, orgId: string, unitIds: readonly string[] | undefined): Promise<void> {
  if (!unitIds?.length) return;
  const found = await tx.query<{ id: string }>(`SELECT id FROM units WHERE org_id = $1 AND id = ANY ($2::uuid[])`, [orgId, [...new Set(unitIds)]]);
  const known = new Set(found.map((u) => u.id));
  const unknown = unitIds.filter((id) => !known.has(id));
  if (unknown.length) throw invalid('unknown units in the audience', { field: 'audience.unitIds', unknown });
}

function checkThresholds(minGroupSize: number, minCommentGroupSize: number): void {
  if (minCommentGroupSize < minGroupSize) throw invalid('minCommentGroupSize must be at least minGroupSize', { field: 'minCommentGroupSize' });
}

/** Creates a draft from a template (its latest version unless one is named). */
export function createAssessment(ctx: AppContext, actor: Actor, input: CreateAssessment): Promise<Assessment> {
  authorize(actor, 'assessment.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const now = ctx.clock.now();
    const template = await findTemplate(tx, actor.orgId, input.templateKey, input.templateVersion);
    if (!template) throw invalid(`no template ${input.templateKey}${input.templateVersion ? ` version ${input.templateVersion}` : ''}`, { field: 'templateKey' });
    if (new Date(input.closesAt) <= now) throw invalid('closesAt must be in the future', { field: 'closesAt' });
    const minGroupSize = input.minGroupSize ?? DEFAULTS.minGroupSize;
    const minCommentGroupSize = input.minCommentGroupSize ?? Math.max(DEFAULTS.minCommentGroupSize, minGroupSize);
    checkThresholds(minGroupSize, minCommentGroupSize);
    await checkUnits(tx, actor.orgId, input.audience?.unitIds);
    if (input.baselineAssessmentId) {
      const [b] = await tx.query(`SELECT 1 FROM assessments WHERE org_id = $1 AND id = $2`, [actor.orgId, input.baselineAssessmentId]);
      if (!b) throw invalid('unknown baseline assessment', { field: 'baselineAssessmentId' });
    }
    const [created] = await tx.query<{ id: string }>(
      `INSERT INTO assessments (org_id, template_key, template_version, template, name, min_group_size, min_comment_group_size, audience, closes_at, created_at, created_by, baseline_assessment_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        actor.orgId,
        template.key,
        template.version,
        JSON.stringify(template.sections),
        input.name,
        minGroupSize,
        minCommentGroupSize,
        JSON.stringify(input.audience ?? {}),
        input.closesAt,
        now,
        actor.kind === 'user' ? actor.id : null,
        input.baselineAssessmentId ?? null,
      ],
    );
    const row = await findAssessmentRow(tx, actor.orgId, created!.id);
    await recordAudit(tx, ctx.clock, actor, { action: 'assessment.created', entityType: 'assessment', entityId: row.id, after: input });
    return toAssessment(ctx, row);
  });
}

/** Admins see every assessment; others see opened ones only (a draft is the admins' work in progress). */
export function listAssessments(ctx: AppContext, actor: Actor): Promise<{ items: Array<Omit<Assessment, 'sections'>> }> {
  authorize(actor, 'assessment.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const rows = await tx.query<AssessmentRow>(
      `SELECT ${ASSESSMENT_COLUMNS} FROM assessments a WHERE a.org_id = $1 AND ($2::boolean OR a.status <> 'draft') ORDER BY a.created_at DESC, a.id`,
      [actor.orgId, actor.role === 'admin'],
    );
    return {
      items: rows.map((r) => {
        const { sections: _sections, ...rest } = toAssessment(ctx, r);
        return rest;
      }),
    };
  });
}

export function getAssessment(ctx: AppContext, actor: Actor, id: string): Promise<Assessment> {
  authorize(actor, 'assessment.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const row = await findAssessmentRow(tx, actor.orgId, id);
    if (row.status === 'draft' && actor.role !== 'admin') throw notFound('assessment');
    return toAssessment(ctx, row);
  });
}

/** Renames or re-dates; thresholds and audience may change only while the assessment is a draft. */
export function updateAssessment(ctx: AppContext, actor: Actor, id: string, input: UpdateAssessment): Promise<Assessment> {
  authorize(actor, 'assessment.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = await findAssessmentRow(tx, actor.orgId, id, true);
    const fixed = input.minGroupSize !== undefined || input.minCommentGroupSize !== undefined || input.audience !== undefined;
    if (fixed && before.status !== 'draft') throw conflict('thresholds_fixed', 'thresholds and audience are fixed once the assessment is open');
    if (before.status === 'closed' && input.closesAt !== undefined) throw conflict('assessment_closed', 'the assessment is closed');
    if (input.closesAt !== undefined && new Date(input.closesAt) <= ctx.clock.now()) throw invalid('closesAt must be in the future', { field: 'closesAt' });
    const minGroupSize = input.minGroupSize ?? before.min_group_size;
    const minCommentGroupSize = input.minCommentGroupSize ?? before.min_comment_group_size;
    checkThresholds(minGroupSize, minCommentGroupSize);
    await checkUnits(tx, actor.orgId, input.audience?.unitIds);
    await tx.query(
      `UPDATE assessments SET name = $3, min_group_size = $4, min_comment_group_size = $5, audience = $6, closes_at = $7 WHERE org_id = $1 AND id = $2`,
      [actor.orgId, id, input.name ?? before.name, minGroupSize, minCommentGroupSize, JSON.stringify(input.audience ?? before.audience), input.closesAt ?? before.closes_at],
    );
    const after = await findAssessmentRow(tx, actor.orgId, id);
    await recordAudit(tx, ctx.clock, actor, { action: 'assessment.updated', entityType: 'assessment', entityId: id, before: toAssessment(ctx, before), after: input });
    return toAssessment(ctx, after);
  });
}

/** Opens a draft: thresholds become fixed and every employee in the audience is invited. */
export function openAssessment(ctx: AppContext, actor: Actor, id: string): Promise<{ invited: number; emailed: number; delivery: 'email' | 'download' }> {
  authorize(actor, 'assessment.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const a = await findAssessmentRow(tx, actor.orgId, id, true);
    if (a.status === 'open') throw conflict('already_open', 'the assessment is already open');
    if (a.status === 'closed') throw conflict('assessment_closed', 'a closed assessment cannot be opened again');
    const now = ctx.clock.now();
    if (a.closes_at <= now) throw invalid('the closing time has passed: set a later closesAt first', { field: 'closesAt' });
    const result = await issueInvitations(ctx, tx, actor.orgId, a);
    await tx.query(`UPDATE assessments SET status = 'open', opened_at = $3 WHERE org_id = $1 AND id = $2`, [actor.orgId, id, now]);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'assessment.opened',
      entityType: 'assessment',
      entityId: id,
      after: { ...result, minGroupSize: a.min_group_size, minCommentGroupSize: a.min_comment_group_size },
    });
    return result;
  });
}

/** Ends answering. */
export function closeAssessment(ctx: AppContext, actor: Actor, id: string): Promise<Assessment> {
  authorize(actor, 'assessment.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const a = await findAssessmentRow(tx, actor.orgId, id, true);
    if (a.status === 'draft') throw conflict('assessment_not_open', 'a draft cannot be closed: open it first');
    if (a.status === 'closed') throw conflict('assessment_closed', 'the assessment is already closed');
    await tx.query(`UPDATE assessments SET status = 'closed', closed_at = $3 WHERE org_id = $1 AND id = $2`, [actor.orgId, id, ctx.clock.now()]);
    await recordAudit(tx, ctx.clock, actor, { action: 'assessment.closed', entityType: 'assessment', entityId: id });
    return toAssessment(ctx, await findAssessmentRow(tx, actor.orgId, id));
  });
}

/** The hourly job's part: closes open assessments whose closing time has passed. */
export async function closeDueAssessments(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const due = await ctx.db.system((tx) => tx.query<{ org_id: string }>(`SELECT DISTINCT org_id FROM assessments WHERE status = 'open' AND closes_at <= $1`, [now]));
  let closed = 0;
  for (const { org_id: orgId } of due) {
    const rows = await ctx.db.tenant(orgId, (tx) =>
      tx.query(`UPDATE assessments SET status = 'closed', closed_at = closes_at WHERE org_id = $1 AND status = 'open' AND closes_at <= $2 RETURNING id`, [orgId, now]),
    );
    closed += rows.length;
  }
  return closed;
}
