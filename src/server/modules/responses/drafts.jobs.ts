import { DAY } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';

const PRUNE_DRAFTS = 'responses.prune-drafts';
/** A partial answer nobody touched for this long is abandoned: it goes, with the comment it may hold. */
export const KEEP_ABANDONED_DRAFTS_MS = 30 * DAY;

/** Abandoned drafts (anonymous links especially, which nobody resumes after a visit) are deleted by a daily job. */
export function registerDraftJobs(ctx: AppContext): void {
  ctx.jobs.register(PRUNE_DRAFTS, async () => {
    const cutoff = new Date(ctx.clock.now().getTime() - KEEP_ABANDONED_DRAFTS_MS);
    await ctx.db.system((tx) => tx.query(`DELETE FROM response_drafts WHERE updated_at < $1`, [cutoff]));
  });
}

export function scheduleDraftJobs(ctx: AppContext): Promise<void> {
  return ctx.jobs.every(PRUNE_DRAFTS, DAY);
}
