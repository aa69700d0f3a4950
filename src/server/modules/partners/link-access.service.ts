/**
 * Opening a share link: the token finds the link (unknown or revoked: 404; expired: 410), the passcode
 * unlocks it for 30 minutes, and the unlocked session works for that one link only.
 *
 * The throttle lives in the database, so it holds across processes and restarts: an attempt is written as
 * 'failed' (under a lock on the link) before the passcode is checked, and becomes 'unlocked' only when it was
 * right. With 10 failures in the last 15 minutes every attempt is refused with 429 before any check, however
 * many arrive at once, so at most 10 passcodes are ever tried per link in any 15 minutes.
 */
import { PARTNER_LIMITS, type PartnerReport } from '../../../contracts/partners.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { MINUTE } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { randomToken, sha256, verifyPassword } from '../../platform/secrets.ts';
import { buildPartnerReport } from './report.service.ts';

/** A link that can be unlocked: known, not revoked, not expired. */
export interface OpenLink {
  orgId: string;
  id: string;
  partnerId: string;
  passcodeHash: string;
  expiresAt: Date;
}

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
const WINDOW_MS = PARTNER_LIMITS.failureWindowMinutes * MINUTE;

export const linkUnknown = () => new AppError(404, 'not_found', 'no report has this link');
export const linkExpired = () => new AppError(410, 'link_expired', 'this report link has expired');
export const linkLocked = () => new AppError(401, 'locked', 'unlock this report with its passcode first');
export const wrongPasscode = (attemptsLeft: number) => new AppError(401, 'wrong_passcode', 'the passcode is wrong', { attemptsLeft });
export const tooManyAttempts = (retryAfterSeconds: number) =>
  new AppError(429, 'too_many_attempts', `too many wrong passcodes for this link; try again in ${Math.ceil(retryAfterSeconds / 60)} min`, { retryAfterSeconds });

/** The link a token names; 404 when unknown or revoked (a revoked link looks like none), 410 when expired. */
export async function findLink(ctx: AppContext, token: string): Promise<OpenLink> {
  if (!TOKEN.test(token)) throw linkUnknown();
  const [row] = await ctx.db.system((tx) =>
    tx.query<{ org_id: string; id: string; partner_id: string; passcode_hash: string; expires_at: Date; revoked_at: Date | null }>(
      `SELECT org_id, id, partner_id, passcode_hash, expires_at, revoked_at FROM partner_share_links WHERE token_hash = $1`,
      [sha256(token)],
    ),
  );
  if (!row || row.revoked_at) throw linkUnknown();
  if (row.expires_at <= ctx.clock.now()) throw linkExpired();
  return { orgId: row.org_id, id: row.id, partnerId: row.partner_id, passcodeHash: row.passcode_hash, expiresAt: row.expires_at };
}

/**
 * Records an attempt as failed before the passcode is checked, or refuses it (429) when the link already has
 * the maximum of failures in the window. The 10th failure is written to the audit log for the owner to see.
 */
async function reserveAttempt(ctx: AppContext, link: OpenLink, ip: string): Promise<{ attemptId: string; attemptsLeft: number }> {
  return ctx.db.tenant(link.orgId, async (tx) => {
    const now = ctx.clock.now();
    // Serialises the attempts on one link across connections and processes (links are rows, so this is per link).
    await tx.query(`SELECT 1 FROM partner_share_links WHERE org_id = $1 AND id = $2 FOR UPDATE`, [link.orgId, link.id]);
    const failures = await tx.query<{ at: Date }>(
      `SELECT at FROM partner_link_log WHERE org_id = $1 AND link_id = $2 AND kind = 'failed' AND at > $3 ORDER BY at DESC LIMIT $4`,
      [link.orgId, link.id, new Date(now.getTime() - WINDOW_MS), PARTNER_LIMITS.maxFailures],
    );
    if (failures.length >= PARTNER_LIMITS.maxFailures) {
      // Open again once the oldest of the last ten leaves the window.
      const reopensAt = new Date(failures[PARTNER_LIMITS.maxFailures - 1]!.at).getTime() + WINDOW_MS;
      throw tooManyAttempts(Math.max(1, Math.ceil((reopensAt - now.getTime()) / 1000)));
    }
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO partner_link_log (org_id, link_id, kind, at, ip) VALUES ($1, $2, 'failed', $3, $4) RETURNING id::text`,
      [link.orgId, link.id, now, ip],
    );
    if (failures.length + 1 === PARTNER_LIMITS.maxFailures) {
      await recordAudit(tx, ctx.clock, null, { action: 'partner_link.locked', entityType: 'partner_share_link', entityId: link.id, after: { ip } });
    }
    return { attemptId: row!.id, attemptsLeft: PARTNER_LIMITS.maxFailures - failures.length - 1 };
  });
}

/** Checks the passcode (throttled per link) and opens a session for this link; its token goes in a cookie or a header. */
export async function unlockLink(ctx: AppContext, token: string, passcode: string, ip: string): Promise<{ link: OpenLink; accessToken: string; expiresAt: Date }> {
  const link = await findLink(ctx, token);
  const { attemptId, attemptsLeft } = await reserveAttempt(ctx, link, ip);
  // Outside any transaction: argon2 takes about 20 ms and must not hold a connection.
  if (!(await verifyPassword(link.passcodeHash, passcode))) throw wrongPasscode(attemptsLeft);
  const accessToken = randomToken(32);
  const now = ctx.clock.now();
  const expiresAt = new Date(Math.min(now.getTime() + PARTNER_LIMITS.sessionMinutes * MINUTE, link.expiresAt.getTime()));
  await ctx.db.tenant(link.orgId, async (tx) => {
    await tx.query(`UPDATE partner_link_log SET kind = 'unlocked' WHERE org_id = $1 AND id = $2`, [link.orgId, attemptId]);
    await tx.query(`INSERT INTO partner_link_sessions (org_id, link_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
      link.orgId,
      link.id,
      sha256(accessToken),
      now,
      expiresAt,
    ]);
  });
  return { link, accessToken, expiresAt };
}

/** The link, when `accessToken` unlocked this very link and has not expired; 401 `locked` otherwise. */
export async function openUnlockedLink(ctx: AppContext, token: string, accessToken: string | undefined): Promise<OpenLink> {
  const link = await findLink(ctx, token);
  if (!accessToken || accessToken.length > 100) throw linkLocked();
  const [session] = await ctx.db.tenant(link.orgId, (tx) =>
    tx.query(`SELECT 1 FROM partner_link_sessions WHERE org_id = $1 AND link_id = $2 AND token_hash = $3 AND expires_at > $4`, [
      link.orgId,
      link.id,
      sha256(accessToken),
      ctx.clock.now(),
    ]),
  );
  if (!session) throw linkLocked();
  return link;
}

/** The report behind an unlocked link; each read goes into the link's view log with the address. */
export async function readLinkReport(ctx: AppContext, token: string, accessToken: string | undefined, days: number, ip: string): Promise<PartnerReport> {
  const link = await openUnlockedLink(ctx, token, accessToken);
  return ctx.db.tenant(link.orgId, async (tx) => {
    const now = ctx.clock.now();
    await tx.query(`INSERT INTO partner_link_log (org_id, link_id, kind, at, ip) VALUES ($1, $2, 'viewed', $3, $4)`, [link.orgId, link.id, now, ip]);
    return buildPartnerReport(tx, link.partnerId, days, now);
  });
}

/** Who files an idea through a link: the link's partner, with no account behind it. */
export const linkActor = (link: OpenLink): Actor => ({ orgId: link.orgId, kind: 'share_link', id: link.id, role: 'partner', employeeId: null, partnerId: link.partnerId });
