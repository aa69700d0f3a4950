/**
 * Subscriptions to the monthly review by e-mail. Each address must be the
 * login of an admin or manager of the organisation: the review e-mailed to a
 * person is rendered as that person (their role and data scope), so an
 * address that is nobody, or somebody who may not read the review, is refused
 * when it is added rather than silently mailed someone else's figures.
 */
import type { CreateReportSubscriptions, ReportSubscription, ReportSubscriptionList } from '../../../contracts/reports.ts';
import type { Lang } from '../../../contracts/surveys.ts';
import type { Actor, Role } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize, can } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { createOnce, type CreateKey } from '../../platform/create-once.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';

export interface SubscriptionRow {
  id: string;
  user_id: string;
  email: string;
  role: Role;
  employee_id: string | null;
  disabled_at: Date | null;
  lang: Lang;
  created_at: Date;
  last_sent_month: string | null;
  last_sent_at: Date | null;
  last_error: string | null;
}

export const SUBSCRIPTION_SELECT = `SELECT s.id, s.user_id, u.email, u.role, u.employee_id, u.disabled_at, s.lang, s.created_at,
    s.last_sent_month, s.last_sent_at, s.last_error
  FROM report_subscriptions s JOIN users u ON u.org_id = s.org_id AND u.id = s.user_id`;

const toSubscription = (r: SubscriptionRow): ReportSubscription => ({
  id: r.id,
  email: r.email,
  userId: r.user_id,
  role: r.role,
  lang: r.lang,
  createdAt: r.created_at.toISOString(),
  lastSentMonth: r.last_sent_month,
  lastSentAt: r.last_sent_at?.toISOString() ?? null,
  lastError: r.last_error,
});

/** The actor a subscriber's review is rendered as. */
export const subscriberActor = (orgId: string, r: Pick<SubscriptionRow, 'user_id' | 'role' | 'employee_id'>): Actor => ({
  orgId,
  kind: 'user',
  id: r.user_id,
  role: r.role,
  employeeId: r.employee_id,
});

const listRows = (tx: Queryable, orgId: string) => tx.query<SubscriptionRow>(`${SUBSCRIPTION_SELECT} WHERE s.org_id = $1 ORDER BY lower(u.email), s.id`, [orgId]);

export async function listReportSubscriptions(ctx: AppContext, actor: Actor): Promise<ReportSubscriptionList> {
  authorize(actor, 'reportSubscription.manage');
  const rows = await ctx.db.tenant(actor.orgId, (tx) => listRows(tx, actor.orgId));
  return { items: rows.map(toSubscription), mailEnabled: !!ctx.config.LODESTAR_SMTP_URL };
}

/** The route a subscription request's Idempotency-Key belongs to (keys are per actor and route). */
export const SUBSCRIBE_ROUTE = 'POST /api/v1/reports/monthly/subscriptions';

/**
 * Subscribes each address (a second time only changes the language); 400 for an address that may not receive the
 * review. With an Idempotency-Key a retry changes nothing and answers the subscriptions of the first (those still there).
 */
export async function createReportSubscriptions(ctx: AppContext, actor: Actor, input: CreateReportSubscriptions, idempotencyKey?: string): Promise<ReportSubscriptionList> {
  authorize(actor, 'reportSubscription.manage');
  const emails = [...new Set(input.emails.map((e) => e.toLowerCase()))];
  const once: CreateKey = { route: SUBSCRIBE_ROUTE, key: idempotencyKey, request: input };
  const outcome = await ctx.db.tenant(actor.orgId, (tx) => createOnce(tx, ctx.clock, actor, once, async () => {
    const users = await tx.query<{ id: string; email: string; role: Role; employee_id: string | null }>(
      `SELECT id, lower(email) AS email, role, employee_id FROM users WHERE org_id = $1 AND lower(email) = ANY ($2::text[]) AND disabled_at IS NULL`,
      [actor.orgId, emails],
    );
    const found = new Map(users.map((u) => [u.email, u]));
    const unknown = emails.filter((e) => !found.has(e));
    if (unknown.length) {
      throw new AppError(400, 'unknown_subscriber', `not the login of an active user of this organisation: ${unknown.join(', ')}; the review is rendered with the subscriber’s own data scope, so each address must be a user`, {
        field: 'emails',
        emails: unknown,
      });
    }
    const barred = users.filter((u) => !can(subscriberActor(actor.orgId, { user_id: u.id, role: u.role, employee_id: u.employee_id }), 'report.read'));
    if (barred.length) {
      throw new AppError(400, 'subscriber_cannot_read_report', `these users’ role may not read the monthly review (admins and managers only): ${barred.map((u) => u.email).join(', ')}`, {
        field: 'emails',
        emails: barred.map((u) => u.email),
      });
    }
    const now = ctx.clock.now();
    const ids: string[] = [];
    for (const u of users) {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO report_subscriptions (org_id, user_id, lang, created_by, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (org_id, user_id) DO UPDATE SET lang = EXCLUDED.lang RETURNING id`,
        [actor.orgId, u.id, input.lang, actor.kind === 'user' ? actor.id : null, now],
      );
      ids.push(row!.id);
    }
    await recordAudit(tx, ctx.clock, actor, { action: 'report_subscription.created', entityType: 'report_subscription', entityId: null, after: { emails, lang: input.lang } });
    return { ids, value: await rowsOf(tx, actor.orgId, ids) };
  }));
  const rows = outcome.replayed ? await ctx.db.tenant(actor.orgId, (tx) => rowsOf(tx, actor.orgId, outcome.ids)) : outcome.value;
  return { items: rows.map(toSubscription), mailEnabled: !!ctx.config.LODESTAR_SMTP_URL };
}

const rowsOf = (tx: Queryable, orgId: string, ids: string[]) =>
  tx.query<SubscriptionRow>(`${SUBSCRIPTION_SELECT} WHERE s.org_id = $1 AND s.id = ANY ($2::uuid[]) ORDER BY lower(u.email), s.id`, [orgId, ids]);

export function deleteReportSubscription(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'reportSubscription.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [before] = await tx.query<SubscriptionRow>(`${SUBSCRIPTION_SELECT} WHERE s.org_id = $1 AND s.id = $2`, [actor.orgId, id]);
    if (!before) throw notFound('subscription');
    await tx.query(`DELETE FROM report_subscriptions WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
    await recordAudit(tx, ctx.clock, actor, { action: 'report_subscription.deleted', entityType: 'report_subscription', entityId: id, before: toSubscription(before) });
  });
}
