/** The recognition rituals' recurring jobs: each morning's praise highlight and each month's Golden Ear. */
import { HOUR } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { chooseDailyHighlights } from './praise.service.ts';
import { grantMonthlyAwards } from './rituals.service.ts';

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

/** Both run hourly; each chooses at most once per day or month and organisation, so early or repeated runs change nothing. */
export async function scheduleRecognitionJobs(ctx: AppContext): Promise<void> {
  await ctx.jobs.every(CHOOSE_HIGHLIGHTS, HOUR);
  await ctx.jobs.every(GRANT_AWARDS, HOUR);
}
