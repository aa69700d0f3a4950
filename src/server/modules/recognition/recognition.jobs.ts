/** The recognition rituals' recurring jobs: each morning's praise highlight, each month's Golden Ear, each year's team awards. */
import { HOUR } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { chooseDailyHighlights } from './praise.service.ts';
import { grantGoldenEar } from './rituals.service.ts';
import { grantDueTeamAwards } from './team-awards.service.ts';

const CHOOSE_HIGHLIGHTS = 'recognition.choose-highlights';
const GRANT_AWARDS = 'recognition.grant-awards';

export function registerRecognitionJobs(ctx: AppContext): void {
  ctx.jobs.register(CHOOSE_HIGHLIGHTS, async () => {
    await chooseDailyHighlights(ctx);
  });
  ctx.jobs.register(GRANT_AWARDS, async () => {
    await grantMonthlyAwards(ctx);
  });
}

/** Last month's Golden Ear and, in January, last year's team awards, for every organisation that has not had them; returns how many were granted. */
export async function grantMonthlyAwards(ctx: AppContext): Promise<number> {
  const orgs = await ctx.db.system((tx) => tx.query<{ id: string }>(`SELECT id FROM organisations ORDER BY id`));
  let granted = 0;
  for (const { id } of orgs) {
    if (await ctx.db.tenant(id, (tx) => grantGoldenEar(ctx, tx, null))) granted += 1;
    granted += await grantDueTeamAwards(ctx, id);
  }
  return granted;
}

/** Both run hourly; each chooses at most once per day or month and organisation, so early or repeated runs change nothing. */
export async function scheduleRecognitionJobs(ctx: AppContext): Promise<void> {
  await ctx.jobs.every(CHOOSE_HIGHLIGHTS, HOUR);
  await ctx.jobs.every(GRANT_AWARDS, HOUR);
}
