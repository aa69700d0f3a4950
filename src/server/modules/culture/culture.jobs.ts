import { HOUR } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { closeDueAssessments } from './assessments.service.ts';
import { sendDueAssessmentReminders } from './invitations.service.ts';

const HOURLY = 'culture.hourly';

/** Closes assessments whose closing time has passed, then reminds (once, after three days) unanswered invitees of open ones. */
export function registerCultureJobs(ctx: AppContext): void {
  ctx.jobs.register(HOURLY, async () => {
    await closeDueAssessments(ctx);
    await sendDueAssessmentReminders(ctx);
  });
}

/** Keeps the hourly job recurring (safe at every boot). */
export async function scheduleCultureJobs(ctx: AppContext): Promise<void> {
  await ctx.jobs.every(HOURLY, HOUR);
}
