/**
 * Share links: a partner's report behind a 256-bit URL token and a passcode, with a required expiry of at
 * most a year. Only the token's sha256 and the passcode's argon2id hash are stored; the token is shown once.
 * Revoking a link makes it unknown (404) at once, unlocked sessions included.
 */
import type { z } from 'zod';
import { PARTNER_LIMITS, type CreateShareLinkSchema, type ShareLink } from '../../../contracts/partners.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import { DAY, MINUTE } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { hashPassword, randomToken, sha256 } from '../../platform/secrets.ts';

/** `${LODESTAR_PUBLIC_URL or the request's origin}/partner/${token}`: the page a partner opens. */
export const reportUrl = (ctx: AppContext, origin: string, token: string): string =>
  `${(ctx.config.LODESTAR_PUBLIC_URL ?? origin).replace(/\/+$/, '')}/partner/${token}`;

async function requirePartner(tx: Tx, partnerId: string): Promise<void> {
  const [partner] = await tx.query(`SELECT 1 FROM partners WHERE org_id = $1 AND id = $2`, [tx.orgId, partnerId]);
  if (!partner) throw notFound('partner');
}

/** Refuses a passcode or an expiry the rules do not allow, each with its own code. */
export function checkLinkTerms(input: { expiresAt: string; passcode: string }, now: Date): Date {
  if ([...input.passcode].length < PARTNER_LIMITS.minPasscode) {
    throw new AppError(400, 'passcode_too_short', `the passcode needs at least ${PARTNER_LIMITS.minPasscode} characters`, { field: 'passcode' });
  }
  const expiresAt = new Date(input.expiresAt);
  if (expiresAt.getTime() <= now.getTime()) throw new AppError(400, 'expiry_in_past', 'expiresAt must be in the future', { field: 'expiresAt' });
  if (expiresAt.getTime() > now.getTime() + PARTNER_LIMITS.maxLinkDays * DAY) {
    throw new AppError(400, 'expiry_too_far', `a link may live at most ${PARTNER_LIMITS.maxLinkDays} days`, { field: 'expiresAt' });
  }
  return expiresAt;
}

export async function createShareLink(
  ctx: AppContext,
  actor: Actor,
  partnerId: string,
  input: z.infer<typeof CreateShareLinkSchema>,
  origin: string,
): Promise<{ id: string; token: string; url: string; expiresAt: string }> {
  authorize(actor, 'partner.manage');
  // The partner first: another organisation's id is 404 whatever the body says.
  await ctx.db.tenant(actor.orgId, (tx) => requirePartner(tx, partnerId));
  const expiresAt = checkLinkTerms(input, ctx.clock.now());
  // Hashed before the transaction: argon2 takes a while and must not hold a database connection.
  const passcodeHash = await hashPassword(input.passcode);
  const token = randomToken(32);
  const id = await ctx.db.tenant(actor.orgId, (tx) => insertShareLink(ctx, tx, actor, { partnerId, tokenHash: sha256(token), passcodeHash, expiresAt }));
  return { id, token, url: reportUrl(ctx, origin, token), expiresAt: expiresAt.toISOString() };
}

/** Also used by the demo seed, which chooses its own token so the README can print the address. */
export async function insertShareLink(
  ctx: AppContext,
  tx: Tx,
  actor: Actor | null,
  link: { partnerId: string; tokenHash: string; passcodeHash: string; expiresAt: Date; createdAt?: Date },
): Promise<string> {
  await requirePartner(tx, link.partnerId);
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO partner_share_links (org_id, partner_id, token_hash, passcode_hash, expires_at, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [tx.orgId, link.partnerId, link.tokenHash, link.passcodeHash, link.expiresAt, link.createdAt ?? ctx.clock.now(), actor?.id ?? null],
  );
  const after = { partnerId: link.partnerId, expiresAt: link.expiresAt.toISOString() };
  await recordAudit(tx, ctx.clock, actor, { action: 'partner_link.created', entityType: 'partner_share_link', entityId: row!.id, after });
  return row!.id;
}

interface LinkRow {
  id: string;
  expires_at: Date;
  created_at: Date;
  revoked_at: Date | null;
  views: number;
  last_viewed_at: Date | null;
  recent_failures: number;
}

/** A partner's links, newest first, with their use; never a token or a passcode. */
export function listShareLinks(ctx: AppContext, actor: Actor, partnerId: string): Promise<ShareLink[]> {
  authorize(actor, 'partner.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await requirePartner(tx, partnerId);
    const now = ctx.clock.now();
    const rows = await tx.query<LinkRow>(
      `SELECT l.id, l.expires_at, l.created_at, l.revoked_at,
         (SELECT count(*)::int FROM partner_link_log g WHERE g.org_id = l.org_id AND g.link_id = l.id AND g.kind <> 'failed') AS views,
         (SELECT max(g.at) FROM partner_link_log g WHERE g.org_id = l.org_id AND g.link_id = l.id AND g.kind <> 'failed') AS last_viewed_at,
         (SELECT count(*)::int FROM partner_link_log g WHERE g.org_id = l.org_id AND g.link_id = l.id AND g.kind = 'failed' AND g.at > $3) AS recent_failures
       FROM partner_share_links l WHERE l.org_id = $1 AND l.partner_id = $2 ORDER BY l.created_at DESC, l.id`,
      [actor.orgId, partnerId, new Date(now.getTime() - PARTNER_LIMITS.failureWindowMinutes * MINUTE)],
    );
    return rows.map((r) => ({
      id: r.id,
      status: r.revoked_at ? 'revoked' : r.expires_at <= now ? 'expired' : 'active',
      expiresAt: r.expires_at.toISOString(),
      createdAt: r.created_at.toISOString(),
      revokedAt: r.revoked_at?.toISOString() ?? null,
      views: r.views,
      lastViewedAt: r.last_viewed_at ? new Date(r.last_viewed_at).toISOString() : null,
      recentFailures: r.recent_failures,
    }));
  });
}

/** Revokes a link of this partner: from now on its token is unknown (404). Revoking twice is 404 too. */
export function revokeShareLink(ctx: AppContext, actor: Actor, partnerId: string, linkId: string): Promise<void> {
  authorize(actor, 'partner.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const rows = await tx.query(
      `UPDATE partner_share_links SET revoked_at = $4 WHERE org_id = $1 AND partner_id = $2 AND id = $3 AND revoked_at IS NULL RETURNING id`,
      [actor.orgId, partnerId, linkId, ctx.clock.now()],
    );
    if (!rows.length) throw notFound('share link');
    await recordAudit(tx, ctx.clock, actor, { action: 'partner_link.revoked', entityType: 'partner_share_link', entityId: linkId });
  });
}
