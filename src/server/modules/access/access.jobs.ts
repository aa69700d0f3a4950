import { DAY } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';

const PRUNE_SESSIONS = 'access.prune-sessions';
const KEEP_ENDED_SESSIONS_MS = 30 * DAY;

/** Ended sessions are kept 30 days (for "where was I logged in") and then deleted by a daily job. */
export function registerAccessJobs(ctx: AppContext): void {
  ctx.jobs.register(PRUNE_SESSIONS, async () => {
    const cutoff = new Date(ctx.clock.now().getTime() - KEEP_ENDED_SESSIONS_MS);
    await ctx.db.system((tx) =>
      tx.query(`DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1`, [cutoff]),
    );
  });
}

export function scheduleAccessJobs(ctx: AppContext): Promise<void> {
  return ctx.jobs.every(PRUNE_SESSIONS, DAY);
}
