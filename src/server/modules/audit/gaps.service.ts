/**
 * A gap becomes an improvement project (through the improvements module, which decides who may open one:
 * an admin). The project says where it came from and what "good" looks like (the item's guidance for a 4);
 * the item keeps the project's id, so the audit page links to it. Allowed after completion too: completing
 * locks the findings, not the follow-up.
 */
import { AUDIT_LIMITS, type Audit } from '../../../contracts/audit.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { createImprovementProject } from '../improvements/index.ts';
import { findAudit, toSummary } from './audit.row.ts';
import { getAudit } from './audits.service.ts';

export async function makeGapImprovement(ctx: AppContext, actor: Actor, id: string, key: string): Promise<Audit> {
  authorize(actor, 'experienceAudit.conduct');
  const { audit, item } = await ctx.db.tenant(actor.orgId, async (tx) => {
    const audit = await findAudit(tx, actor, id);
    const [item] = await tx.query<{ score: number | null; owner_id: string | null; evidence: string; improvement_id: string | null }>(
      `SELECT score, owner_id, evidence, improvement_id FROM experience_audit_items WHERE org_id = $1 AND audit_id = $2 AND item_key = $3`,
      [actor.orgId, id, key],
    );
    if (!item) throw new AppError(404, 'not_found', `the checklist has no item ${key}`, { field: 'key' });
    return { audit, item };
  });
  if (item.score === null || item.score > AUDIT_LIMITS.gapMaxScore) throw new AppError(409, 'not_a_gap', `only an item scored ${AUDIT_LIMITS.gapMaxScore} or lower can become an improvement project`);
  if (item.improvement_id) throw alreadyLinked();
  const definition = audit.checklist.items.find((i) => i.key === key)!;
  const name = toSummary(audit).templateName;
  const description = [
    `来自「${audit.title ?? name['zh-CN']}」的差距：${definition.title['zh-CN']}，得分 ${item.score}/4。目标：${definition.guidance[4]!['zh-CN']}`,
    `A gap found by "${audit.title ?? name.en}": ${definition.title.en}, scored ${item.score}/4. Aim: ${definition.guidance[4]!.en}`,
    item.evidence ? `\n${item.evidence}` : '',
  ].join('\n');
  const project = await createImprovementProject(ctx, actor, {
    title: `${definition.title['zh-CN']} · ${definition.title.en}`.slice(0, 200),
    description: description.slice(0, 4000),
    unitId: audit.unit_id ?? undefined,
    ownerId: item.owner_id ?? undefined,
    metric: 'nps',
    caseIds: [],
  });
  await ctx.db.tenant(actor.orgId, async (tx) => {
    const linked = await tx.query(
      `UPDATE experience_audit_items SET improvement_id = $4 WHERE org_id = $1 AND audit_id = $2 AND item_key = $3 AND improvement_id IS NULL RETURNING item_key`,
      [actor.orgId, id, key, project.id],
    );
    if (!linked.length) throw alreadyLinked();
    await recordAudit(tx, ctx.clock, actor, { action: 'experience_audit.gap_improvement', entityType: 'experience_audit', entityId: id, after: { key, improvementId: project.id } });
  });
  return getAudit(ctx, actor, id);
}

const alreadyLinked = () => new AppError(409, 'already_linked', 'this gap already has an improvement project');
