import type { z } from 'zod';
import type { CreateSurveyTriggerSchema, Lang, SurveyTrigger } from '../../../contracts/surveys.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { DAY } from '../../platform/clock.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Event } from '../../platform/events/index.ts';
import type { InteractionRecorded } from '../odata/index.ts';
import { issueLink, linkUrl } from './links.service.ts';
import { findSurvey } from './surveys.service.ts';

type TriggerInput = z.infer<typeof CreateSurveyTriggerSchema>;

interface TriggerRow {
  id: string;
  survey_id: string;
  interaction_type: string | null;
  touchpoint: string | null;
  channel: 'email' | 'sms';
  lang: Lang;
  enabled: boolean;
  invited: number;
  skipped_fatigue: number;
  skipped_no_contact: number;
  created_at: Date;
}

const COLUMNS = `id, survey_id, interaction_type, touchpoint, channel, lang, enabled, invited, skipped_fatigue, skipped_no_contact, created_at`;

/** The event handler's name in `handled_by`: keep it stable. */
export const INVITE_ON_INTERACTION = 'surveys.invite-on-interaction';
/** An interaction older than this gets no invitation: importing last year's history must not survey customers about it. */
const MAX_INTERACTION_AGE_MS = 7 * DAY;

export function listTriggers(ctx: AppContext, actor: Actor): Promise<SurveyTrigger[]> {
  authorize(actor, 'trigger.manage');
  return ctx.db.tenant(actor.orgId, async (tx) =>
    (await tx.query<TriggerRow>(`SELECT ${COLUMNS} FROM survey_triggers WHERE org_id = $1 ORDER BY created_at, id`, [actor.orgId])).map(
      toTrigger,
    ),
  );
}

export function createTrigger(ctx: AppContext, actor: Actor, input: TriggerInput): Promise<SurveyTrigger> {
  authorize(actor, 'trigger.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const survey = await findSurvey(tx, actor.orgId, input.surveyId);
    if (survey.status === 'closed') throw new AppError(409, 'survey_closed', 'the survey is closed: open it before it can invite customers');
    const [row] = await tx.query<TriggerRow>(
      `INSERT INTO survey_triggers (org_id, survey_id, interaction_type, touchpoint, channel, lang, enabled, created_at, after_event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, (SELECT coalesce(max(id), 0) FROM outbox_events WHERE org_id = $1)) RETURNING ${COLUMNS}`,
      [actor.orgId, input.surveyId, input.interactionType, input.touchpoint, input.channel, input.lang, input.enabled, ctx.clock.now()],
    );
    const trigger = toTrigger(row!);
    await recordAudit(tx, ctx.clock, actor, { action: 'survey_trigger.created', entityType: 'survey_trigger', entityId: trigger.id, after: input });
    return trigger;
  });
}

export function setTriggerEnabled(ctx: AppContext, actor: Actor, id: string, enabled: boolean): Promise<SurveyTrigger> {
  authorize(actor, 'trigger.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [row] = await tx.query<TriggerRow>(`UPDATE survey_triggers SET enabled = $3 WHERE org_id = $1 AND id = $2 RETURNING ${COLUMNS}`, [
      actor.orgId,
      id,
      enabled,
    ]);
    if (!row) throw notFound('survey trigger');
    await recordAudit(tx, ctx.clock, actor, { action: 'survey_trigger.updated', entityType: 'survey_trigger', entityId: id, after: { enabled } });
    return toTrigger(row);
  });
}

export function deleteTrigger(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'trigger.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [row] = await tx.query<TriggerRow>(`DELETE FROM survey_triggers WHERE org_id = $1 AND id = $2 RETURNING ${COLUMNS}`, [actor.orgId, id]);
    if (!row) throw notFound('survey trigger');
    await recordAudit(tx, ctx.clock, actor, { action: 'survey_trigger.deleted', entityType: 'survey_trigger', entityId: id, before: toTrigger(row) });
  });
}

/** Subscribes the trigger to every recorded interaction (API, batch and CSV import all publish one). */
export function registerSurveyTriggers(ctx: AppContext): void {
  ctx.events.on<InteractionRecorded>('interaction.recorded', INVITE_ON_INTERACTION, (event, tx) => inviteForInteraction(ctx, tx, event));
}

/**
 * Interactions recorded after a trigger was made and that happened within the
 * last week qualify. The first enabled trigger (oldest) whose type and touchpoint match issues one
 * personal link bound to the interaction and queues its invitation, in the
 * event's transaction: the link, the message and the counter commit together,
 * and the outbox runs this handler once per event.
 */
async function inviteForInteraction(ctx: AppContext, tx: Tx, event: Event<InteractionRecorded>): Promise<void> {
  const orgId = tx.orgId!;
  const i = event.payload;
  if (ctx.clock.now().getTime() - new Date(i.occurredAt).getTime() > MAX_INTERACTION_AGE_MS) return;
  const [trigger] = await tx.query<TriggerRow & { survey_name: string }>(
    `SELECT t.id, t.survey_id, t.channel, t.lang, s.name AS survey_name
     FROM survey_triggers t JOIN surveys s ON s.org_id = t.org_id AND s.id = t.survey_id
     WHERE t.org_id = $1 AND t.enabled AND s.status = 'active' AND t.after_event_id < $4
       AND (t.interaction_type IS NULL OR t.interaction_type = $2) AND (t.touchpoint IS NULL OR t.touchpoint = $3)
     ORDER BY t.created_at, t.id LIMIT 1`,
    [orgId, i.type, i.touchpoint, event.id],
  );
  if (!trigger) return;
  const customer = await findContact(tx, orgId, i.customerId);
  const recipient = trigger.channel === 'email' ? customer?.email : customer?.phone;
  if (!recipient) return count(tx, trigger.id, 'skipped_no_contact');
  const lang = customer?.lang === 'en' || customer?.lang === 'zh-CN' ? customer.lang : trigger.lang;
  let link;
  try {
    link = await issueLink(ctx, tx, trigger.survey_id, {
      customerId: i.customerId,
      interactionId: i.interactionId,
      employeeId: i.employeeId ?? undefined,
      unitId: i.unitId ?? undefined,
      touchpoint: i.touchpoint,
      channel: trigger.channel,
      lang,
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'contact_fatigue') return count(tx, trigger.id, 'skipped_fatigue');
    throw err;
  }
  const { subject, body } = invitationText(lang, trigger.survey_name, linkUrl(ctx, '', link.token));
  await tx.query(
    `INSERT INTO outbox_messages (org_id, kind, channel, link_id, customer_id, interaction_id, lang, recipient, subject, body, created_at)
     VALUES ($1, 'invitation', $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [orgId, trigger.channel, link.id, i.customerId, i.interactionId, lang, recipient, subject, body, ctx.clock.now()],
  );
  await count(tx, trigger.id, 'invited');
}

async function findContact(tx: Queryable, orgId: string, customerId: string) {
  const [row] = await tx.query<{ email: string | null; phone: string | null; lang: string | null }>(
    `SELECT email, phone, attributes->>'lang' AS lang FROM customers WHERE org_id = $1 AND id = $2`,
    [orgId, customerId],
  );
  return row;
}

async function count(tx: Tx, triggerId: string, column: 'invited' | 'skipped_fatigue' | 'skipped_no_contact'): Promise<void> {
  await tx.query(`UPDATE survey_triggers SET ${column} = ${column} + 1 WHERE org_id = $1 AND id = $2`, [tx.orgId, triggerId]);
}

/** The invitation's words; the address is relative when LODESTAR_PUBLIC_URL is not set. */
function invitationText(lang: Lang, surveyName: string, url: string): { subject: string; body: string } {
  return lang === 'en'
    ? {
        subject: `How did we do? "${surveyName}"`,
        body: `Hello! Thank you for choosing us. Would you tell us how it went? It takes about 30 seconds: ${url}`,
      }
    : {
        subject: `「${surveyName}」邀请您评价本次服务`,
        body: `您好！感谢您的信任。能告诉我们这次服务体验如何吗？只需约 30 秒：${url}`,
      };
}

function toTrigger(r: TriggerRow): SurveyTrigger {
  return {
    id: r.id,
    surveyId: r.survey_id,
    interactionType: r.interaction_type,
    touchpoint: r.touchpoint,
    channel: r.channel,
    lang: r.lang,
    enabled: r.enabled,
    invited: r.invited,
    skippedFatigue: r.skipped_fatigue,
    skippedNoContact: r.skipped_no_contact,
    createdAt: r.created_at.toISOString(),
  };
}
