import type { z } from 'zod';
import type { PutSsoPolicySchema, SsoPolicy } from '../../../contracts/identity.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, conflict, invalid } from '../../platform/errors.ts';
import type { PasswordLoginGuard } from '../access/index.ts';
import { readEmailDomains, writeEmailDomains } from './sso-connections.ts';

// The organisation's SSO policy: when single sign-on is required, password login is refused to everyone but
// the named break-glass admins (who keep a way in when the identity provider is down or misconfigured).

export async function readPolicy(tx: Tx): Promise<SsoPolicy> {
  const [policy] = await tx.query<{ require_sso: boolean }>(`SELECT require_sso FROM sso_policies WHERE org_id = $1`, [tx.orgId]);
  const breakGlass = await tx.query<{ user_id: string }>(`SELECT user_id FROM sso_break_glass_users WHERE org_id = $1 ORDER BY user_id`, [tx.orgId]);
  return { requireSso: policy?.require_sso ?? false, breakGlassUserIds: breakGlass.map((b) => b.user_id), emailDomains: await readEmailDomains(tx) };
}

/** Where the login page should send this organisation's people: OIDC when enabled, else SAML; null without SSO. */
export async function ssoStartPath(tx: Tx): Promise<string | null> {
  const [row] = await tx.query<{ slug: string; protocol: string }>(
    `SELECT o.slug, c.protocol FROM organisations o JOIN sso_connections c ON c.org_id = o.id
     WHERE o.id = $1 AND c.enabled ORDER BY c.protocol = 'oidc' DESC LIMIT 1`,
    [tx.orgId],
  );
  return row ? `/auth/${row.protocol}/${encodeURIComponent(row.slug)}/start` : null;
}

/** Plugged into the access module's password login (runs in the session's transaction, after the password matched). */
export const passwordLoginGuard: PasswordLoginGuard = async (tx, user) => {
  const [row] = await tx.query<{ require_sso: boolean; break_glass: boolean }>(
    `SELECT p.require_sso, EXISTS (SELECT 1 FROM sso_break_glass_users b WHERE b.org_id = p.org_id AND b.user_id = $2) AS break_glass
     FROM sso_policies p WHERE p.org_id = $1`,
    [user.orgId, user.id],
  );
  if (!row?.require_sso || row.break_glass) return;
  throw new AppError(403, 'sso_required', 'your organisation signs in with single sign-on: use "Sign in with SSO" instead of a password', {
    startUrl: await ssoStartPath(tx),
  });
};

/**
 * Admin only (authorised by the caller, who also checks the e-mail domains are free: that look-up is a
 * system transaction and must not nest inside this one). Requiring SSO needs an enabled connection and at least one
 * break-glass admin, so the organisation cannot lock itself out; break-glass users must be active admins.
 */
export async function writePolicy(ctx: AppContext, tx: Tx, actor: Actor, input: z.infer<typeof PutSsoPolicySchema>): Promise<SsoPolicy> {
  const before = await readPolicy(tx);
  const ids = [...new Set(input.breakGlassUserIds)];
  if (ids.length) {
    const admins = await tx.query<{ id: string }>(
      `SELECT id FROM users WHERE org_id = $1 AND id = ANY($2::uuid[]) AND role = 'admin' AND disabled_at IS NULL`,
      [tx.orgId, ids],
    );
    const missing = ids.filter((id) => !admins.some((a) => a.id === id));
    if (missing.length) throw invalid('break-glass users must be active admins of this organisation', { field: 'breakGlassUserIds', userIds: missing });
  }
  if (input.requireSso) {
    if (!ids.length) throw invalid('name at least one break-glass admin who may still sign in with a password', { field: 'breakGlassUserIds' });
    if (!(await ssoStartPath(tx))) throw conflict('sso_not_configured', 'set up and enable an OIDC or SAML connection before requiring single sign-on');
  }
  await tx.query(
    `INSERT INTO sso_policies (org_id, require_sso, updated_at, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id) DO UPDATE SET require_sso = $2, updated_at = $3, updated_by = $4`,
    [tx.orgId, input.requireSso, ctx.clock.now(), actor.kind === 'user' ? actor.id : null],
  );
  await tx.query(`DELETE FROM sso_break_glass_users WHERE org_id = $1`, [tx.orgId]);
  if (ids.length) await tx.query(`INSERT INTO sso_break_glass_users (org_id, user_id) SELECT $1, unnest($2::uuid[])`, [tx.orgId, ids]);
  await writeEmailDomains(tx, input.emailDomains);
  const after = await readPolicy(tx);
  await recordAudit(tx, ctx.clock, actor, { action: 'sso.policy.updated', entityType: 'sso_policy', entityId: null, before, after });
  return after;
}

/** A domain already claimed by another organisation is refused (409) rather than silently shared. */
export async function checkDomainsFree(ctx: AppContext, orgId: string, domains: readonly string[]): Promise<void> {
  if (!domains.length) return;
  // A system read: row-level security would hide the other organisation's claim.
  const taken = await ctx.db.system((tx) =>
    tx.query<{ domain: string }>(`SELECT domain FROM sso_domains WHERE domain = ANY($1::text[]) AND org_id <> $2`, [[...domains], orgId]),
  );
  if (taken.length) {
    throw new AppError(409, 'sso_domain_taken', `another organisation already signs in ${taken[0]!.domain} by single sign-on`, {
      field: 'emailDomains',
      domains: taken.map((t) => t.domain),
    });
  }
}

/** Removing a connection must leave one to sign in with while SSO is required. */
export async function checkConnectionRemovable(tx: Tx, protocol: 'oidc' | 'saml'): Promise<void> {
  const policy = await readPolicy(tx);
  if (!policy.requireSso) return;
  const [other] = await tx.query(`SELECT 1 FROM sso_connections WHERE org_id = $1 AND protocol <> $2 AND enabled`, [tx.orgId, protocol]);
  if (!other) throw conflict('sso_required_by_policy', 'single sign-on is required: turn the requirement off or enable the other connection first');
}
