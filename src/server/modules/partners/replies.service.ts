/**
 * The partner's reply to a report period: after reading its report, the partner says what it will change. It
 * writes through its share link, its API key or a partner login (the reply names the link, key or login), and the
 * organisation reads the replies beside the report. The period is the one the partner was reading.
 */
import type { z } from 'zod';
import type { PartnerReply, PartnerReplyInputSchema } from '../../../contracts/partners.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import { DAY } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { openUnlockedLink } from './link-access.service.ts';
import { requirePartner } from './partners.service.ts';

type ReplyInput = z.infer<typeof PartnerReplyInputSchema>;
interface ReplyRow {
  id: string;
  body: string;
  period_days: number;
  period_from: Date;
  period_to: Date;
  via: PartnerReply['via'];
  created_at: Date;
}
/** Replies listed at most (newest first). */
const MAX_REPLIES = 100;

const toReply = (r: ReplyRow): PartnerReply => ({
  id: r.id,
  body: r.body,
  period: { days: r.period_days, from: new Date(r.period_from).toISOString(), to: new Date(r.period_to).toISOString() },
  via: r.via,
  createdAt: new Date(r.created_at).toISOString(),
});

async function repliesOf(tx: Tx, partnerId: string): Promise<PartnerReply[]> {
  const rows = await tx.query<ReplyRow>(
    `SELECT id, body, period_days, period_from, period_to, via, created_at FROM partner_replies
     WHERE org_id = $1 AND partner_id = $2 ORDER BY created_at DESC, id LIMIT ${MAX_REPLIES}`,
    [tx.orgId, partnerId],
  );
  return rows.map(toReply);
}

/** Also used by the demo seed. */
export async function insertPartnerReply(ctx: AppContext, tx: Tx, partnerId: string, via: { kind: PartnerReply['via']; id: string }, input: ReplyInput) {
  const now = ctx.clock.now();
  const [row] = await tx.query<ReplyRow>(
    `INSERT INTO partner_replies (org_id, partner_id, body, period_days, period_from, period_to, via, via_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $6) RETURNING id, body, period_days, period_from, period_to, via, created_at`,
    [tx.orgId, partnerId, input.body.trim(), input.days, new Date(now.getTime() - input.days * DAY), now, via.kind, via.id],
  );
  // The audit log says a reply exists, for the owner's overview; its text stays in its own table.
  await recordAudit(tx, ctx.clock, null, { action: 'partner_reply.created', entityType: 'partner', entityId: partnerId, after: { via: via.kind, days: input.days } });
  return toReply(row!);
}

/** `GET /api/v1/partners/:id/replies`: the organisation reads what its partner answered. */
export function listPartnerReplies(ctx: AppContext, actor: Actor, partnerId: string): Promise<PartnerReply[]> {
  authorize(actor, 'partner.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await requirePartner(tx, partnerId);
    return repliesOf(tx, partnerId);
  });
}

/** `POST /api/v1/partner-report/replies`: a partner key or a signed-in partner login answers its report. */
export function fileAccountReply(ctx: AppContext, actor: Actor, input: ReplyInput): Promise<PartnerReply> {
  authorize(actor, 'partner.report');
  const via = { kind: actor.kind === 'user' ? ('user' as const) : ('key' as const), id: actor.id };
  return ctx.db.tenant(actor.orgId, (tx) => insertPartnerReply(ctx, tx, actor.partnerId!, via, input));
}

export function listAccountReplies(ctx: AppContext, actor: Actor): Promise<PartnerReply[]> {
  authorize(actor, 'partner.report');
  return ctx.db.tenant(actor.orgId, (tx) => repliesOf(tx, actor.partnerId!));
}

/** `POST /api/v1/public/partner-reports/:token/replies`: whoever unlocked the link answers the report. */
export async function fileLinkReply(ctx: AppContext, token: string, accessToken: string | undefined, input: ReplyInput): Promise<PartnerReply> {
  const link = await openUnlockedLink(ctx, token, accessToken);
  return ctx.db.tenant(link.orgId, (tx) => insertPartnerReply(ctx, tx, link.partnerId, { kind: 'link', id: link.id }, input));
}

export async function listLinkReplies(ctx: AppContext, token: string, accessToken: string | undefined): Promise<PartnerReply[]> {
  const link = await openUnlockedLink(ctx, token, accessToken);
  return ctx.db.tenant(link.orgId, (tx) => repliesOf(tx, link.partnerId));
}
