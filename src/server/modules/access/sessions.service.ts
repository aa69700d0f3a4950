import type { z } from 'zod';
import type { LoginSchema, SessionInfo } from '../../../contracts/access.ts';
import type { Actor, Role } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { HOUR } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { hashPassword, randomToken, sha256, verifyPassword } from '../../platform/secrets.ts';
import { governanceMembershipsOf } from '../governance/index.ts';

interface LoginCandidate {
  id: string;
  org_id: string;
  password_hash: string;
  role: Role;
  employee_id: string | null;
}

// Verified when no user matches, so a wrong e-mail takes as long as a wrong password.
const decoyHash = hashPassword('decoy password that never matches');

const badCredentials = () => new AppError(401, 'invalid_credentials', 'e-mail or password is wrong');

/** Checks a password and opens a session; the token goes in a cookie, only its hash is stored. */
export async function login(
  ctx: AppContext,
  input: z.infer<typeof LoginSchema>,
  client: { ip: string; userAgent?: string },
): Promise<{ token: string; maxAgeSeconds: number; info: SessionInfo }> {
  const candidates = await ctx.db.system((tx) =>
    tx.query<LoginCandidate>(
      `SELECT u.id, u.org_id, u.password_hash, u.role, u.employee_id FROM users u JOIN organisations o ON o.id = u.org_id
       WHERE lower(u.email) = lower($1) AND u.disabled_at IS NULL AND ($2::text IS NULL OR o.slug = $2)`,
      [input.email, input.org ?? null],
    ),
  );
  // Check the password against every organisation's account with this e-mail, so one
  // organisation cannot lock another's user out by creating the same e-mail.
  const matches: LoginCandidate[] = [];
  for (const c of candidates) if (await verifyPassword(c.password_hash, input.password)) matches.push(c);
  if (candidates.length === 0) await verifyPassword(await decoyHash, input.password);
  if (matches.length > 1) {
    throw new AppError(400, 'organisation_required', 'this e-mail and password work in several organisations: give the organisation', {
      field: 'org',
    });
  }
  const user = matches[0];
  if (!user) throw badCredentials();
  return openSession(ctx, { orgId: user.org_id, id: user.id, role: user.role, employeeId: user.employee_id }, client, {
    method: 'password',
    // Checked after the password, so the policy's answer tells nothing to someone who does not know it.
    beforeOpen: (tx) => passwordLoginGuards.get(ctx)?.(tx, { orgId: user.org_id, id: user.id }) ?? Promise.resolve(),
  });
}

/** Refuses a password login the organisation does not allow (single sign-on required); throws an AppError. */
export type PasswordLoginGuard = (tx: Tx, user: { orgId: string; id: string }) => Promise<void>;
const passwordLoginGuards = new WeakMap<AppContext, PasswordLoginGuard>();

/** The identity module plugs its SSO policy in here (access cannot import it). */
export function setPasswordLoginGuard(ctx: AppContext, guard: PasswordLoginGuard): void {
  passwordLoginGuards.set(ctx, guard);
}

/**
 * Opens a session for a user who has proved who they are (a password here, single sign-on in the identity
 * module): the same token, cookie lifetime, idle and absolute timeouts whatever the method. `beforeOpen` and
 * `afterOpen` run in the session's transaction.
 */
export async function openSession(
  ctx: AppContext,
  user: { orgId: string; id: string; role: Role; employeeId: string | null },
  client: { ip: string; userAgent?: string },
  how: { method: 'password' | 'oidc' | 'saml'; beforeOpen?: (tx: Tx) => Promise<void>; afterOpen?: (tx: Tx, sessionId: string) => Promise<void> },
): Promise<{ token: string; maxAgeSeconds: number; info: SessionInfo }> {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const now = ctx.clock.now();
  const maxAgeMs = ctx.config.LODESTAR_SESSION_MAX_HOURS * HOUR;
  const actor: Actor = { orgId: user.orgId, kind: 'user', id: user.id, role: user.role, employeeId: user.employeeId };
  const sessionId = await ctx.db.tenant(user.orgId, async (tx) => {
    await how.beforeOpen?.(tx);
    const [s] = await tx.query<{ id: string }>(
      `INSERT INTO sessions (org_id, user_id, token_hash, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
       VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8) RETURNING id`,
      [user.orgId, user.id, sha256(token), csrfToken, now, new Date(now.getTime() + maxAgeMs), client.ip, client.userAgent?.slice(0, 300) ?? null],
    );
    await recordAudit(tx, ctx.clock, actor, { action: 'session.created', entityType: 'session', entityId: s!.id, after: { ip: client.ip, method: how.method } });
    await how.afterOpen?.(tx, s!.id);
    return s!.id;
  });
  const info = await sessionInfo(ctx, { ...actor, session: { id: sessionId, csrfToken } });
  return { token, maxAgeSeconds: Math.floor(maxAgeMs / 1000), info };
}

/** What the web app needs after login or reload: who I am, my organisation, the governance bodies I sit on, my CSRF token. */
export function sessionInfo(ctx: AppContext, actor: Actor): Promise<SessionInfo> {
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [row] = await tx.query<{
      email: string;
      role: Role;
      employee_id: string | null;
      employee_name: string | null;
      partner_id: string | null;
      org_id: string;
      slug: string;
      org_name: string;
      org_name_en: string | null;
    }>(
      `SELECT u.email, u.role, u.employee_id, e.name AS employee_name, u.partner_id, o.id AS org_id, o.slug, o.name AS org_name, o.name_en AS org_name_en
       FROM users u JOIN organisations o ON o.id = u.org_id
       LEFT JOIN employees e ON e.org_id = u.org_id AND e.id = u.employee_id
       WHERE u.org_id = $1 AND u.id = $2`,
      [actor.orgId, actor.id],
    );
    if (!row || !actor.session) throw notFound('user');
    return {
      user: { id: actor.id, email: row.email, role: row.role, employeeId: row.employee_id, name: row.employee_name, partnerId: row.partner_id },
      org: { id: row.org_id, slug: row.slug, name: row.org_name, nameEn: row.org_name_en },
      // By the governance module's own rule, so the menu opens the committee and listening exactly to whom the API serves them.
      memberships: await governanceMembershipsOf(tx, actor),
      csrfToken: actor.session.csrfToken,
    };
  });
}

/** Revokes a session at once (logout, or an admin cutting off a stolen one). */
export function revokeSession(ctx: AppContext, actor: Actor, sessionId: string): Promise<void> {
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const rows = await tx.query(
      `UPDATE sessions SET revoked_at = $4 WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL
         AND (user_id = $3 OR $5) RETURNING id`,
      [actor.orgId, sessionId, actor.id, ctx.clock.now(), actor.role === 'admin'],
    );
    if (!rows.length) throw notFound('session');
    await recordAudit(tx, ctx.clock, actor, { action: 'session.revoked', entityType: 'session', entityId: sessionId });
  });
}

/** The caller's own active sessions (devices), newest first. */
export function listMySessions(ctx: AppContext, actor: Actor) {
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const rows = await tx.query<{ id: string; created_at: Date; last_seen_at: Date; ip: string | null; user_agent: string | null }>(
      `SELECT id, created_at, last_seen_at, ip, user_agent FROM sessions
       WHERE org_id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > $3 ORDER BY created_at DESC`,
      [actor.orgId, actor.id, ctx.clock.now()],
    );
    return rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
      ip: r.ip,
      userAgent: r.user_agent,
      current: r.id === actor.session?.id,
    }));
  });
}
