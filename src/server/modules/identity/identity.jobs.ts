import { HOUR } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';

const PRUNE = 'identity.prune';

/**
 * Logins abandoned at the identity provider leave their state behind, and used SAML assertion ids are only
 * needed until the assertions would have expired anyway: an hourly job deletes both once past their expiry.
 */
export function registerIdentityJobs(ctx: AppContext): void {
  ctx.jobs.register(PRUNE, () => pruneExpiredSsoState(ctx));
}

export async function scheduleIdentityJobs(ctx: AppContext): Promise<void> {
  await ctx.jobs.every(PRUNE, HOUR);
}

export async function pruneExpiredSsoState(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.system(async (tx) => {
    await tx.query(`DELETE FROM sso_login_states WHERE expires_at < $1`, [now]);
    await tx.query(`DELETE FROM sso_saml_assertions WHERE expires_at < $1`, [now]);
  });
}
