/**
 * Audits and mystery-shopping visits: plan one (a re-audit copies its baseline's checklist), score each
 * item with evidence, give every gap an owner and a due date, complete it (which locks it and fixes its
 * score), and turn a gap into an improvement project through the improvements module.
 */
import type { z } from 'zod';
import {
  AUDIT_LIMITS,
  type Audit,
  type AuditKind,
  type AuditStatus,
  type AuditSummary,
  type CreateAuditSchema,
  type UpdateAuditItemSchema,
} from '../../../contracts/audit.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { createOnce, type CreateKey } from '../../platform/create-once.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { afterCursor, cursorTimeSql, decodeTimeIdCursor, toPage, type Page } from '../../platform/pagination.ts';
import { unitSubtreeIds } from '../org/index.ts';
import { AUDIT_COLUMNS, AUDIT_FROM, findAudit, itemsOf, mustBeOpen, mustSeeEmployee, mustSeeUnit, toSummary, visibleUnits, type AuditRow } from './audit.row.ts';
import { checklistOf, templateOf, type Checklist } from './templates.ts';

export async function getAudit(ctx: AppContext, actor: Actor, id: string): Promise<Audit> {
  authorize(actor, 'experienceAudit.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const row = await findAudit(tx, actor, id);
    return { ...toSummary(row), notes: row.notes, areas: row.checklist.areas, items: await itemsOf(tx, actor.orgId, row) };
  });
}

/** An audit's place in the list: a completed one by when it was completed, an open one by when it was planned. */
const AUDIT_AT = 'coalesce(a.completed_at, a.created_at)';

/** Audits and visits the actor may see, newest first (ties by id), a page at a time; `unitId` includes its subtree. */
export function listAudits(ctx: AppContext, actor: Actor, q: { kind?: AuditKind; status?: AuditStatus; unitId?: string; limit: number; cursor?: string }): Promise<Page<AuditSummary>> {
  authorize(actor, 'experienceAudit.read');
  const after = decodeTimeIdCursor(q.cursor);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    let units = await visibleUnits(tx, actor);
    if (q.unitId) {
      await mustSeeUnit(tx, actor, q.unitId);
      units = await unitSubtreeIds(tx, actor.orgId, q.unitId);
    }
    const params: unknown[] = [actor.orgId, q.kind ?? null, q.status ?? null, units];
    const next = after ? afterCursor(AUDIT_AT, 'a.id', after, params) : 'TRUE';
    const rows = await tx.query<AuditRow & { page_at: string }>(
      `SELECT ${AUDIT_COLUMNS}, ${cursorTimeSql(AUDIT_AT)} AS page_at FROM ${AUDIT_FROM}
        WHERE a.org_id = $1 AND ($2::text IS NULL OR a.kind = $2) AND ($3::text IS NULL OR a.status = $3) AND ($4::uuid[] IS NULL OR a.unit_id = ANY ($4::uuid[]))
          AND ${next}
        ORDER BY ${AUDIT_AT} DESC, a.id LIMIT $${params.push(q.limit + 1)}`,
      params,
    );
    const page = toPage(rows, q.limit, (r) => `${r.page_at}|${r.id}`);
    return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
  });
}

/** The route an audit's Idempotency-Key belongs to (keys are per actor and route). */
export const CREATE_AUDIT_ROUTE = 'POST /api/v1/audits';

/**
 * Plans an audit or a visit; with `baselineAuditId` it re-audits a completed one on the same checklist, unit and
 * touchpoint. With an Idempotency-Key a retry plans nothing and answers the first audit (as it is now).
 */
export async function createAudit(ctx: AppContext, actor: Actor, input: z.infer<typeof CreateAuditSchema>, idempotencyKey?: string): Promise<Audit> {
  authorize(actor, 'experienceAudit.conduct');
  const template = templateOf(input.templateKey)!;
  const once: CreateKey = { route: CREATE_AUDIT_ROUTE, key: idempotencyKey, request: input };
  const outcome = await ctx.db.tenant(actor.orgId, (tx) => createOnce(tx, ctx.clock, actor, once, async () => {
    let checklist: Checklist = checklistOf(input.templateKey);
    let unitId = input.unitId ?? null;
    let touchpoint = input.touchpoint ?? null;
    if (input.baselineAuditId) {
      const baseline = await findAudit(tx, actor, input.baselineAuditId);
      if (baseline.template_key !== input.templateKey) throw mismatch('templateKey', 'a re-audit uses its baseline’s template');
      if (baseline.status !== 'completed') throw new AppError(409, 'baseline_not_completed', 'only a completed audit can be the baseline of a re-audit');
      if (unitId !== null && unitId !== baseline.unit_id) throw mismatch('unitId', 'a re-audit audits its baseline’s unit');
      if (touchpoint !== null && touchpoint !== baseline.touchpoint) throw mismatch('touchpoint', 'a re-audit audits its baseline’s touchpoint');
      checklist = baseline.checklist;
      unitId = baseline.unit_id;
      touchpoint = baseline.touchpoint;
    }
    if (template.kind === 'mystery') {
      if (!unitId) throw new AppError(400, 'invalid_request', 'a mystery-shopping visit needs the unit visited', { field: 'unitId' });
      touchpoint ??= template.touchpoint;
    }
    if (unitId) await mustSeeUnit(tx, actor, unitId);
    // A manager's audits live in their subtree; one without a unit would be the whole organisation's.
    else if ((await visibleUnits(tx, actor)) !== null) throw new AppError(400, 'invalid_request', 'choose a unit of your subtree to audit', { field: 'unitId' });
    if (input.ownerId) await mustSeeEmployee(tx, actor, input.ownerId, 'ownerId');
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO experience_audits (org_id, kind, template_key, title, checklist, unit_id, touchpoint, baseline_audit_id, owner_id, due_at, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [actor.orgId, template.kind, input.templateKey, input.title ?? null, JSON.stringify(checklist), unitId, touchpoint, input.baselineAuditId ?? null, input.ownerId ?? null, input.dueAt ?? null, ctx.clock.now(), actor.kind === 'user' ? actor.id : null],
    );
    await tx.query(
      `INSERT INTO experience_audit_items (org_id, audit_id, item_key, area, position)
       SELECT $1, $2, x.key, x.area, x.position FROM jsonb_to_recordset($3::jsonb) AS x(key text, area text, position int)`,
      [actor.orgId, row!.id, JSON.stringify(checklist.items.map((i, position) => ({ key: i.key, area: i.area, position })))],
    );
    await recordAudit(tx, ctx.clock, actor, { action: 'experience_audit.created', entityType: 'experience_audit', entityId: row!.id, after: input });
    return { ids: [row!.id], value: row!.id };
  }));
  return getAudit(ctx, actor, outcome.replayed ? outcome.ids[0]! : outcome.value);
}

const mismatch = (field: string, message: string) => new AppError(400, 'baseline_mismatch', message, { field });

/** Scores an item and sets its evidence, owner and due date; 404 for an item not on the checklist, 409 once completed. */
export async function updateAuditItem(ctx: AppContext, actor: Actor, id: string, key: string, input: z.infer<typeof UpdateAuditItemSchema>): Promise<Audit> {
  authorize(actor, 'experienceAudit.conduct');
  await ctx.db.tenant(actor.orgId, async (tx) => {
    const audit = await findAudit(tx, actor, id, true);
    mustBeOpen(audit);
    const [before] = await tx.query<{ score: number | null; evidence: string; links: string[]; owner_id: string | null; due_at: string | null }>(
      `SELECT score, evidence, links, owner_id, to_char(due_at, 'YYYY-MM-DD') AS due_at FROM experience_audit_items WHERE org_id = $1 AND audit_id = $2 AND item_key = $3`,
      [actor.orgId, id, key],
    );
    if (!before) throw new AppError(404, 'not_found', `the checklist has no item ${key}`, { field: 'key' });
    if (input.ownerId) await mustSeeEmployee(tx, actor, input.ownerId, 'ownerId');
    const keep = <T>(value: T | undefined, old: T) => (value === undefined ? old : value);
    await tx.query(
      `UPDATE experience_audit_items SET score = $4, evidence = $5, links = $6, owner_id = $7, due_at = $8, updated_at = $9
        WHERE org_id = $1 AND audit_id = $2 AND item_key = $3`,
      [
        actor.orgId,
        id,
        key,
        keep(input.score, before.score),
        input.evidence?.text ?? before.evidence,
        input.evidence?.links ?? before.links,
        keep(input.ownerId, before.owner_id),
        keep(input.dueAt, before.due_at),
        ctx.clock.now(),
      ],
    );
    await recordAudit(tx, ctx.clock, actor, { action: 'experience_audit.item_updated', entityType: 'experience_audit', entityId: id, before: { key, ...before }, after: { key, ...input } });
  });
  return getAudit(ctx, actor, id);
}

/** 100 × the sum of the scores over the checklist's maximum, to one decimal. */
export const scorePercent = (scores: number[]): number => Math.round((1000 * scores.reduce((a, b) => a + b, 0)) / (AUDIT_LIMITS.maxScore * scores.length)) / 10;

/**
 * Completes an open audit or visit: every item must be scored, and (for an experience audit) every gap
 * must have an owner and a due date. Its score is fixed and it can no longer change.
 */
export async function completeAudit(ctx: AppContext, actor: Actor, id: string, input: { notes?: string }): Promise<Audit> {
  authorize(actor, 'experienceAudit.conduct');
  await ctx.db.tenant(actor.orgId, async (tx) => {
    const audit = await findAudit(tx, actor, id, true);
    mustBeOpen(audit);
    const items = await tx.query<{ item_key: string; score: number | null; owner_id: string | null; due_at: Date | null }>(
      `SELECT item_key, score, owner_id, due_at FROM experience_audit_items WHERE org_id = $1 AND audit_id = $2 ORDER BY position`,
      [actor.orgId, id],
    );
    const unscored = items.filter((i) => i.score === null).map((i) => i.item_key);
    if (unscored.length) throw new AppError(409, 'items_unscored', 'score every item before completing', { items: unscored });
    const unassigned = items.filter((i) => i.score! <= AUDIT_LIMITS.gapMaxScore && (!i.owner_id || !i.due_at)).map((i) => i.item_key);
    if (audit.kind === 'audit' && unassigned.length) throw new AppError(409, 'gaps_unassigned', 'give every gap (score 2 or lower) an owner and a due date', { items: unassigned });
    await finish(tx, id, { scores: items.map((i) => i.score!), by: 'leader', notes: input.notes ?? audit.notes, at: ctx.clock.now() });
    await recordAudit(tx, ctx.clock, actor, { action: 'experience_audit.completed', entityType: 'experience_audit', entityId: id, after: { notes: input.notes } });
  });
  return getAudit(ctx, actor, id);
}

/** Marks the audit completed with its fixed score (also used by the shopper's page). */
export async function finish(tx: Tx, id: string, f: { scores: number[]; by: 'leader' | 'shopper'; notes: string; at: Date }): Promise<void> {
  await tx.query(
    `UPDATE experience_audits SET status = 'completed', completed_at = $3, conducted_by = $4, score_pct = $5, notes = $6 WHERE org_id = $1 AND id = $2`,
    [tx.orgId, id, f.at, f.by, scorePercent(f.scores), f.notes],
  );
}

/** An audit the actor may see, for another service in this module (404 otherwise). */
export function requireAudit(ctx: AppContext, actor: Actor, id: string): Promise<AuditRow> {
  return ctx.db.tenant(actor.orgId, (tx) => findAudit(tx, actor, id));
}
