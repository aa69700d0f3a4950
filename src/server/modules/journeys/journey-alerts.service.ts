/**
 * Alert-rule templates per touchpoint class: one action turns a journey's
 * moments or its routine touchpoints into a ready alert rule, written by the
 * cases module like any other rule (so it acts on fresh answers only and shows
 * in the rule list).
 * - moments: NPS ≤ 6 there opens a high-priority case (a bad moment that matters is remembered);
 * - routine: CES ≤ 3 there opens a medium one (CES runs 1 very hard … 7 very easy, as in the surveys).
 */
import type { z } from 'zod';
import { CreateAlertRuleSchema, type AlertRule, type AlertWhen, type Priority } from '../../../contracts/cases.ts';
import type { JourneyAlertTemplateSchema, TouchpointKind } from '../../../contracts/journeys.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { insertAlertRule } from '../cases/index.ts';
import { findJourney, toJourney } from './journeys.service.ts';

const TEMPLATES: Record<TouchpointKind, { when: Omit<AlertWhen, 'touchpoints' | 'match'>; priority: Priority; label: { zh: string; en: string } }> = {
  moment: { when: { nps: { lte: 6 } }, priority: 'high', label: { zh: '关键时刻 NPS≤6', en: 'moments NPS ≤ 6' } },
  routine: { when: { ces: { lte: 3 } }, priority: 'medium', label: { zh: '日常触点 CES≤3', en: 'routine CES ≤ 3' } },
};

/** `POST /journeys/:id/alert-rules`: creates the class's rule over the journey's touchpoints of that class. */
export async function createJourneyAlertRule(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof JourneyAlertTemplateSchema>): Promise<AlertRule> {
  authorize(actor, 'journey.manage');
  authorize(actor, 'alertRule.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const journey = toJourney(await findJourney(tx, actor.orgId, id));
    const touchpoints = journey.stages.flatMap((s) => s.touchpoints.filter((t) => t.kind === input.kind).map((t) => t.touchpoint));
    if (!touchpoints.length) {
      throw new AppError(400, 'no_touchpoints_of_kind', `the journey has no ${input.kind} touchpoints to watch`, { field: 'kind', kind: input.kind });
    }
    const template = TEMPLATES[input.kind];
    const name = `${journey.name['zh-CN'].slice(0, 30)}·${template.label.zh} / ${journey.name.en.slice(0, 40)}: ${template.label.en}`;
    // Parsed by the cases contract, so its defaults (e.g. how fresh an answer must be) apply as to any rule.
    const rule = CreateAlertRuleSchema.parse({
      name,
      when: { match: 'all', touchpoints, ...template.when },
      then: { createCase: { priority: input.priority ?? template.priority }, notify: { servingEmployee: true, unitManager: true } },
    });
    const created = await insertAlertRule(ctx, tx, rule);
    await recordAudit(tx, ctx.clock, actor, { action: 'alert_rule.created', entityType: 'alert_rule', entityId: created.id, after: { ...rule, journeyId: id, template: input.kind } });
    return created;
  });
}
