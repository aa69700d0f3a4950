import type { z } from 'zod';
import type { CreateLinkSchema, Lang, SurveySettings } from '../../../contracts/surveys.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import { DAY } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { randomToken } from '../../platform/secrets.ts';
import { dataScopeOf, isEmployeeInScope } from '../org/index.ts';
import { findSurvey } from './surveys.service.ts';

/** A link as the public page and the responses module see it, found by its token. */
export interface ResolvedLink {
  orgId: string;
  linkId: string;
  token: string;
  surveyId: string;
  personal: boolean;
  customerId: string | null;
  interactionId: string | null;
  employeeId: string | null;
  unitId: string | null;
  touchpoint: string | null;
  channel: string | null;
  lang: Lang | null;
  expiresAt: Date | null;
  usedAt: Date | null;
}

export interface IssuedLink {
  id: string;
  token: string;
  personal: boolean;
  expiresAt: Date | null;
}

type LinkInput = z.infer<typeof CreateLinkSchema>;

const DEFAULT_FATIGUE_DAYS = 30;

/** `${LODESTAR_PUBLIC_URL or the request's origin}/s/${token}`: the address a respondent opens. */
export function linkUrl(ctx: AppContext, origin: string, token: string): string {
  return `${(ctx.config.LODESTAR_PUBLIC_URL ?? origin).replace(/\/+$/, '')}/s/${token}`;
}

/**
 * Issues a link to a survey: personal (one-time) when it names a customer,
 * interaction or employee, anonymous (reusable) otherwise. A manager may bind
 * links only to units and employees in their subtree.
 */
export function createLink(ctx: AppContext, actor: Actor, surveyId: string, input: LinkInput): Promise<IssuedLink> {
  authorize(actor, 'link.create');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await checkLinkReferences(tx, actor, input);
    const link = await issueLink(ctx, tx, surveyId, input);
    // The token stays out of the log: a personal link lets its holder answer as the customer.
    const after = { surveyId, personal: link.personal, ...input };
    await recordAudit(tx, ctx.clock, actor, { action: 'survey_link.created', entityType: 'survey_link', entityId: link.id, after });
    return link;
  });
}

/**
 * Writes a link in the caller's tenant transaction, applying the contact-fatigue
 * rule to personal links for a customer (409 contact_fatigue with
 * `details.lastSurveyedAt`). For other modules' triggers, e.g. an imported interaction.
 */
export async function issueLink(ctx: AppContext, tx: Tx, surveyId: string, input: LinkInput): Promise<IssuedLink> {
  const orgId = tx.orgId!;
  const survey = await findSurvey(tx, orgId, surveyId);
  if (survey.status === 'closed') throw new AppError(409, 'survey_closed', 'the survey is closed: open it before sending links');
  const now = ctx.clock.now();
  const personal = Boolean(input.customerId || input.interactionId || input.employeeId);
  if (personal && input.customerId) await checkContactFatigue(tx, orgId, input.customerId, now);
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now) throw invalid('expiresAt must be in the future', { field: 'expiresAt' });
  const token = randomToken(18); // 144 random bits, 24 URL-safe characters
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO survey_links (org_id, token, survey_id, personal, customer_id, interaction_id, employee_id, unit_id,
       touchpoint, channel, lang, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      orgId,
      token,
      surveyId,
      personal,
      input.customerId ?? null,
      input.interactionId ?? null,
      input.employeeId ?? null,
      input.unitId ?? null,
      input.touchpoint ?? null,
      input.channel ?? null,
      input.lang ?? null,
      expiresAt,
      now,
    ],
  );
  return { id: row!.id, token, personal, expiresAt };
}

/** The reusable anonymous link behind a unit's or touchpoint's QR code: created once, then the same one every time. */
export function getQrLink(ctx: AppContext, actor: Actor, surveyId: string, q: { unitId?: string; touchpoint?: string }): Promise<IssuedLink> {
  authorize(actor, 'link.create');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await checkLinkReferences(tx, actor, q);
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`qr:${actor.orgId}:${surveyId}:${q.unitId}:${q.touchpoint}`]);
    const [existing] = await tx.query<{ id: string; token: string }>(
      `SELECT id, token FROM survey_links
       WHERE org_id = $1 AND survey_id = $2 AND NOT personal AND channel = 'qr' AND expires_at IS NULL AND lang IS NULL
         AND unit_id IS NOT DISTINCT FROM $3::uuid AND touchpoint IS NOT DISTINCT FROM $4::text
       ORDER BY created_at LIMIT 1`,
      [actor.orgId, surveyId, q.unitId ?? null, q.touchpoint ?? null],
    );
    if (existing) return { ...existing, personal: false, expiresAt: null };
    const link = await issueLink(ctx, tx, surveyId, { unitId: q.unitId, touchpoint: q.touchpoint, channel: 'qr' });
    await recordAudit(tx, ctx.clock, actor, {
      action: 'survey_link.created',
      entityType: 'survey_link',
      entityId: link.id,
      after: { surveyId, personal: false, channel: 'qr', unitId: q.unitId ?? null, touchpoint: q.touchpoint ?? null },
    });
    return link;
  });
}

/** Finds a link by its token across organisations (the public page knows no organisation yet). */
export async function resolveLink(ctx: AppContext, token: string): Promise<ResolvedLink | null> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  const [r] = await ctx.db.system((tx) =>
    tx.query<{
      org_id: string;
      id: string;
      survey_id: string;
      personal: boolean;
      customer_id: string | null;
      interaction_id: string | null;
      employee_id: string | null;
      unit_id: string | null;
      touchpoint: string | null;
      channel: string | null;
      lang: Lang | null;
      expires_at: Date | null;
      used_at: Date | null;
    }>(
      `SELECT org_id, id, survey_id, personal, customer_id, interaction_id, employee_id, unit_id, touchpoint, channel, lang,
         expires_at, used_at FROM survey_links WHERE token = $1`,
      [token],
    ),
  );
  if (!r) return null;
  return {
    orgId: r.org_id,
    linkId: r.id,
    token,
    surveyId: r.survey_id,
    personal: r.personal,
    customerId: r.customer_id,
    interactionId: r.interaction_id,
    employeeId: r.employee_id,
    unitId: r.unit_id,
    touchpoint: r.touchpoint,
    channel: r.channel,
    lang: r.lang,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
  };
}

/**
 * Records that a link was answered, in the responses module's tenant transaction.
 * False when a personal link was already used (the caller answers 409
 * already_answered); an anonymous link keeps its first use and stays open.
 */
export async function markLinkUsed(tx: Tx, linkId: string, responseId: string, at: Date): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE survey_links SET used_at = COALESCE(used_at, $4), response_id = CASE WHEN personal THEN $3::uuid ELSE response_id END
     WHERE org_id = $1 AND id = $2 AND (NOT personal OR used_at IS NULL) RETURNING id`,
    [tx.orgId, linkId, responseId, at],
  );
  return rows.length === 1;
}

/** The organisation's distribution settings (defaults when never changed). */
export function getSurveySettings(ctx: AppContext, actor: Actor): Promise<SurveySettings> {
  authorize(actor, 'survey.read');
  return ctx.db.tenant(actor.orgId, async (tx) => ({ contactFatigueDays: await fatigueDays(tx, actor.orgId) }));
}

/** Admins set the contact-fatigue window (0 turns the rule off). */
export function updateSurveySettings(ctx: AppContext, actor: Actor, input: SurveySettings): Promise<SurveySettings> {
  authorize(actor, 'survey.write');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = { contactFatigueDays: await fatigueDays(tx, actor.orgId) };
    await tx.query(
      `INSERT INTO survey_settings (org_id, contact_fatigue_days, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (org_id) DO UPDATE SET contact_fatigue_days = EXCLUDED.contact_fatigue_days, updated_at = EXCLUDED.updated_at`,
      [actor.orgId, input.contactFatigueDays, ctx.clock.now()],
    );
    const after = { contactFatigueDays: input.contactFatigueDays };
    await recordAudit(tx, ctx.clock, actor, { action: 'survey_settings.updated', entityType: 'survey_settings', entityId: null, before, after });
    return after;
  });
}

async function fatigueDays(tx: Queryable, orgId: string): Promise<number> {
  const [row] = await tx.query<{ contact_fatigue_days: number }>(`SELECT contact_fatigue_days FROM survey_settings WHERE org_id = $1`, [orgId]);
  return row?.contact_fatigue_days ?? DEFAULT_FATIGUE_DAYS;
}

/** No customer gets more than one personal link per N days across surveys; a lock per customer keeps two requests from both passing. */
async function checkContactFatigue(tx: Queryable, orgId: string, customerId: string, now: Date): Promise<void> {
  const days = await fatigueDays(tx, orgId);
  if (days === 0) return;
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`fatigue:${orgId}:${customerId}`]);
  const [last] = await tx.query<{ created_at: Date }>(
    `SELECT created_at FROM survey_links WHERE org_id = $1 AND customer_id = $2 AND created_at > $3 ORDER BY created_at DESC LIMIT 1`,
    [orgId, customerId, new Date(now.getTime() - days * DAY)],
  );
  if (last) {
    throw new AppError(409, 'contact_fatigue', `this customer was surveyed less than ${days} days ago`, {
      lastSurveyedAt: last.created_at.toISOString(),
      contactFatigueDays: days,
    });
  }
}

/** Unit and employee must exist in the organisation and, for a manager, lie in their subtree (else 404). */
async function checkLinkReferences(tx: Tx, actor: Actor, input: { unitId?: string; employeeId?: string }): Promise<void> {
  if (!input.unitId && !input.employeeId) return;
  const scope = await dataScopeOf(tx, actor);
  if (input.unitId) {
    const [unit] = await tx.query(`SELECT 1 FROM units WHERE org_id = $1 AND id = $2`, [actor.orgId, input.unitId]);
    if (!unit || (scope.kind !== 'org' && !(scope.kind === 'units' && scope.unitIds.includes(input.unitId)))) throw notFound('unit');
  }
  if (input.employeeId) {
    const [e] = await tx.query<{ unit_id: string }>(`SELECT unit_id FROM employees WHERE org_id = $1 AND id = $2`, [actor.orgId, input.employeeId]);
    if (!e || !isEmployeeInScope(scope, { id: input.employeeId, unitId: e.unit_id })) throw notFound('employee');
  }
}
