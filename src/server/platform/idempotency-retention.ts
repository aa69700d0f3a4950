import { DAY } from './clock.ts';
import type { AppContext } from './context.ts';

const PRUNE_KEYS = 'platform.prune-idempotency-keys';
/**
 * How long an Idempotency-Key is remembered: a retry comes within seconds or, from a phone that was offline,
 * within hours; after a week the key is only weight.
 */
export const KEEP_IDEMPOTENCY_KEYS_MS = 7 * DAY;

/**
 * The keys of case actions and of the other creates are pruned by one daily job, across organisations, one
 * statement each: what a key points at stays, only the memory of the retry goes. Response keys stay for
 * good: a CSV of history imported again months later must still count its rows as duplicates.
 */
export function registerIdempotencyJobs(ctx: AppContext): void {
  ctx.jobs.register(PRUNE_KEYS, async () => {
    const cutoff = new Date(ctx.clock.now().getTime() - KEEP_IDEMPOTENCY_KEYS_MS);
    await ctx.db.system(async (tx) => {
      for (const table of ['case_action_keys', 'create_keys']) await tx.query(`DELETE FROM ${table} WHERE created_at < $1`, [cutoff]);
    });
  });
}

export function scheduleIdempotencyJobs(ctx: AppContext): Promise<void> {
  return ctx.jobs.every(PRUNE_KEYS, DAY);
}
