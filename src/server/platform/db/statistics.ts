/**
 * PGlite runs no autovacuum, so nothing would ever refresh the planner's
 * statistics: a table that grew from a handful of rows to a million would
 * still be planned as a handful (a foreign-key check or a metric query picking
 * a sequential scan). An hourly ANALYZE does for PGlite what autovacuum does
 * for a PostgreSQL server, where nothing is scheduled.
 */
import { HOUR } from '../clock.ts';
import type { AppContext } from '../context.ts';

export const REFRESH_STATISTICS = 'db.refresh-statistics';

export function registerStatisticsJob(ctx: Pick<AppContext, 'db' | 'jobs'>): void {
  if (ctx.db.kind !== 'pglite') return;
  ctx.jobs.register(REFRESH_STATISTICS, () => ctx.db.system(async (tx) => void (await tx.query('ANALYZE'))));
}

export async function scheduleStatisticsJob(ctx: Pick<AppContext, 'db' | 'jobs'>): Promise<void> {
  if (ctx.db.kind === 'pglite') await ctx.jobs.every(REFRESH_STATISTICS, HOUR);
}
