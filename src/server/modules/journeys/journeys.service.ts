/**
 * Customer journeys: stages of touchpoints, each touchpoint a moment that
 * matters or routine, with targets per class. Everyone reads them (the map);
 * admins create, change and delete them. A touchpoint belongs to one stage of a
 * journey at most, so an interaction there places its customer at one stage.
 */
import type { z } from 'zod';
import { DEFAULT_JOURNEY_TARGETS, type CreateJourneySchema, type Journey, type JourneyStage, type JourneyTargets, type UpdateJourneySchema } from '../../../contracts/journeys.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { getMetric } from '../metrics/index.ts';

interface JourneyRow {
  id: string;
  name_zh: string;
  name_en: string;
  stages: JourneyStage[];
  targets: JourneyTargets;
  created_at: Date;
  updated_at: Date;
}
const COLUMNS = 'id, name_zh, name_en, stages, targets, created_at, updated_at';

const toJourney = (r: JourneyRow): Journey => ({
  id: r.id,
  name: { 'zh-CN': r.name_zh, en: r.name_en },
  stages: r.stages,
  targets: r.targets,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export function listJourneys(ctx: AppContext, actor: Actor): Promise<{ items: Journey[] }> {
  authorize(actor, 'journey.read');
  return ctx.db.tenant(actor.orgId, async (tx) => ({
    items: (await tx.query<JourneyRow>(`SELECT ${COLUMNS} FROM journeys WHERE org_id = $1 ORDER BY created_at, name_en, id`, [actor.orgId])).map(toJourney),
  }));
}

export function getJourney(ctx: AppContext, actor: Actor, id: string): Promise<Journey> {
  authorize(actor, 'journey.read');
  return ctx.db.tenant(actor.orgId, async (tx) => toJourney(await findJourney(tx, actor.orgId, id)));
}

/** Creates a journey; targets default to DEFAULT_JOURNEY_TARGETS. */
export function createJourney(ctx: AppContext, actor: Actor, input: z.infer<typeof CreateJourneySchema>): Promise<Journey> {
  authorize(actor, 'journey.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const journey = await insertJourney(ctx, tx, actor.orgId, input);
    await recordAudit(tx, ctx.clock, actor, { action: 'journey.created', entityType: 'journey', entityId: journey.id, after: input });
    return journey;
  });
}

/** Writes a journey in the caller's transaction (the demo seed uses it too). */
export async function insertJourney(ctx: AppContext, tx: Queryable, orgId: string, input: z.infer<typeof CreateJourneySchema>): Promise<Journey> {
  checkStages(input.stages);
  const now = ctx.clock.now();
  const [row] = await tx.query<JourneyRow>(
    `INSERT INTO journeys (org_id, name_zh, name_en, stages, targets, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING ${COLUMNS}`,
    [orgId, input.name['zh-CN'], input.name.en, JSON.stringify(input.stages), JSON.stringify(input.targets ?? DEFAULT_JOURNEY_TARGETS), now],
  );
  return toJourney(row!);
}

/** Replaces the fields given (stages and targets each as a whole). */
export function updateJourney(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof UpdateJourneySchema>): Promise<Journey> {
  authorize(actor, 'journey.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = await findJourney(tx, actor.orgId, id, true);
    if (input.stages) checkStages(input.stages);
    const name = input.name ?? { 'zh-CN': before.name_zh, en: before.name_en };
    const [row] = await tx.query<JourneyRow>(
      `UPDATE journeys SET name_zh = $3, name_en = $4, stages = $5, targets = $6, updated_at = $7 WHERE org_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [actor.orgId, id, name['zh-CN'], name.en, JSON.stringify(input.stages ?? before.stages), JSON.stringify(input.targets ?? before.targets), ctx.clock.now()],
    );
    const after = toJourney(row!);
    await recordAudit(tx, ctx.clock, actor, { action: 'journey.updated', entityType: 'journey', entityId: id, before: toJourney(before), after });
    return after;
  });
}

export function deleteJourney(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'journey.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = await findJourney(tx, actor.orgId, id, true);
    await tx.query(`DELETE FROM journeys WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
    await recordAudit(tx, ctx.clock, actor, { action: 'journey.deleted', entityType: 'journey', entityId: id, before: toJourney(before) });
  });
}

/**
 * The touchpoints the organisation's data names, with how many interactions and
 * answers each has, for the editor's pick list (read through the metrics API,
 * so it follows the caller's data scope).
 */
export async function listKnownTouchpoints(ctx: AppContext, actor: Actor): Promise<{ items: Array<{ touchpoint: string; interactions: number; answers: number }> }> {
  authorize(actor, 'journey.read');
  const [interactions, answers] = await Promise.all([
    getMetric(ctx, actor, 'churn_rate', { groupBy: 'touchpoint' }),
    getMetric(ctx, actor, 'nps', { groupBy: 'touchpoint' }),
  ]);
  const counts = new Map<string, { interactions: number; answers: number }>();
  const at = (key: string) => counts.get(key) ?? counts.set(key, { interactions: 0, answers: 0 }).get(key)!;
  for (const r of interactions.rows) if (r.key !== 'none') at(r.key).interactions = r.n;
  for (const r of answers.rows) if (r.key !== 'none') at(r.key).answers = r.n;
  return { items: [...counts].map(([touchpoint, c]) => ({ touchpoint, ...c })).sort((a, b) => a.touchpoint.localeCompare(b.touchpoint)) };
}

/** Stage keys are unique, and so are touchpoints across the whole journey (each maps to one stage). */
function checkStages(stages: JourneyStage[]): void {
  const keys = new Set<string>();
  const touchpoints = new Set<string>();
  stages.forEach((stage, i) => {
    if (keys.has(stage.key)) throw new AppError(400, 'duplicate_stage_key', `stage key "${stage.key}" is used twice`, { field: `stages.${i}.key`, key: stage.key });
    keys.add(stage.key);
    stage.touchpoints.forEach((tp, j) => {
      if (touchpoints.has(tp.touchpoint)) {
        throw new AppError(400, 'duplicate_touchpoint', `touchpoint "${tp.touchpoint}" is in the journey twice: a touchpoint belongs to one stage`, {
          field: `stages.${i}.touchpoints.${j}.touchpoint`,
          touchpoint: tp.touchpoint,
        });
      }
      touchpoints.add(tp.touchpoint);
    });
  });
}

/** The journey or 404. */
export async function findJourney(tx: Queryable, orgId: string, id: string, lock = false): Promise<JourneyRow> {
  const [row] = await tx.query<JourneyRow>(`SELECT ${COLUMNS} FROM journeys WHERE org_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [orgId, id]);
  if (!row) throw notFound('journey');
  return row;
}

export { toJourney };
