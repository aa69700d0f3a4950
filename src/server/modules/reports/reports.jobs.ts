/**
 * The monthly review by e-mail. An hourly system job finds, from 06:00 on the
 * 1st in each organisation's time zone, the subscriptions that existed when
 * the month began and have not had last month's review, and enqueues one send
 * per subscription and month (a unique key, so twice is impossible; a server
 * that was down on the 1st catches up when it starts). Each send renders the
 * review as the subscriber, prints it to PDF (or attaches the HTML and says
 * so when Chromium is unavailable) and mails it; a failure is retried.
 */
import { HOUR } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueueJob } from '../../platform/jobs/index.ts';
import { smtpSenderOf, type MailSender } from '../../platform/mail/smtp.ts';
import { printReview, reviewFileName } from './review.document.ts';
import { renderReviewHtml } from './review.html.ts';
import { reviewMail } from './review.mail.ts';
import { buildMonthlyReview } from './review.service.ts';
import { SUBSCRIPTION_SELECT, subscriberActor, type SubscriptionRow } from './subscriptions.service.ts';

export const SCHEDULE_MONTHLY_REVIEWS = 'reports.schedule-monthly';
export const SEND_MONTHLY_REVIEW = 'reports.send-monthly';
/** Local hour of the 1st from which the reviews go out. */
const SEND_FROM_LOCAL_HOUR = 6;

interface SendPayload {
  subscriptionId: string;
  month: string;
}

/** Registers the jobs when SMTP is configured; without it subscriptions are kept and nothing is sent. */
export function registerReportJobs(ctx: AppContext): void {
  const sender = smtpSenderOf(ctx.config);
  if (!sender) return;
  ctx.jobs.register(SCHEDULE_MONTHLY_REVIEWS, async () => void (await scheduleMonthlyReviews(ctx)));
  ctx.jobs.register<SendPayload>(SEND_MONTHLY_REVIEW, async (job) => {
    if (!job.orgId) throw new Error(`${SEND_MONTHLY_REVIEW} needs an organisation`);
    await sendMonthlyReview(ctx, sender, job.orgId, job.payload);
  });
}

export async function scheduleReportJobs(ctx: AppContext): Promise<void> {
  if (ctx.config.LODESTAR_SMTP_URL) await ctx.jobs.every(SCHEDULE_MONTHLY_REVIEWS, HOUR);
}

/** Enqueues last month's review for every subscription due; returns how many sends are new. */
export function scheduleMonthlyReviews(ctx: AppContext): Promise<number> {
  return ctx.db.system(async (tx) => {
    const due = await tx.query<{ org_id: string; id: string; month: string }>(
      `WITH local AS (
         SELECT o.id AS org_id, o.time_zone, date_trunc('month', $1::timestamptz AT TIME ZONE o.time_zone) AS month_start,
                extract(hour FROM $1::timestamptz AT TIME ZONE o.time_zone) AS hour,
                extract(day FROM $1::timestamptz AT TIME ZONE o.time_zone) AS day
           FROM organisations o)
       SELECT s.org_id, s.id, to_char(l.month_start - interval '1 month', 'YYYY-MM') AS month
         FROM report_subscriptions s JOIN local l ON l.org_id = s.org_id
        WHERE (l.day > 1 OR l.hour >= $2)
          AND s.created_at < l.month_start AT TIME ZONE l.time_zone
          AND (s.last_sent_month IS NULL OR s.last_sent_month < to_char(l.month_start - interval '1 month', 'YYYY-MM'))
        ORDER BY s.org_id, s.id`,
      [ctx.clock.now(), SEND_FROM_LOCAL_HOUR],
    );
    let enqueued = 0;
    for (const s of due) {
      const id = await enqueueJob(tx, {
        name: SEND_MONTHLY_REVIEW,
        orgId: s.org_id,
        payload: { subscriptionId: s.id, month: s.month } satisfies SendPayload,
        uniqueKey: `${SEND_MONTHLY_REVIEW}:${s.org_id}:${s.id}:${s.month}`,
      });
      if (id !== null) enqueued++;
    }
    return enqueued;
  });
}

/** Renders one subscriber's review as them and mails it; a subscription deleted meanwhile is skipped. */
export async function sendMonthlyReview(ctx: AppContext, sender: MailSender, orgId: string, p: SendPayload): Promise<void> {
  const [sub] = await ctx.db.tenant(orgId, (tx) => tx.query<SubscriptionRow>(`${SUBSCRIPTION_SELECT} WHERE s.org_id = $1 AND s.id = $2`, [orgId, p.subscriptionId]));
  if (!sub) return;
  const record = (fields: { sent?: boolean; error?: string | null }) =>
    ctx.db.tenant(orgId, (tx) =>
      tx.query(
        `UPDATE report_subscriptions SET last_error = $3,
           last_sent_month = CASE WHEN $4::boolean THEN $5 ELSE last_sent_month END, last_sent_at = CASE WHEN $4::boolean THEN $6 ELSE last_sent_at END
         WHERE org_id = $1 AND id = $2`,
        [orgId, sub.id, fields.error ?? null, fields.sent === true, p.month, ctx.clock.now()],
      ),
    );
  if (sub.disabled_at) return void (await record({ error: 'the subscriber’s account is disabled' }));
  const actor = subscriberActor(orgId, sub);
  let review;
  try {
    review = await buildMonthlyReview(ctx, actor, p.month);
  } catch (err) {
    // The subscriber's role changed to one that may not read the review: nothing to send, nothing to retry.
    if (err instanceof AppError && err.status === 403) return void (await record({ error: err.message }));
    throw err;
  }
  const html = renderReviewHtml(review, sub.lang);
  let pdf: Buffer | null = null;
  try {
    pdf = await printReview(ctx, review, html, sub.lang);
  } catch (err) {
    if (!(err instanceof AppError && err.status === 503)) throw err;
  }
  const mail = reviewMail(review, sub.lang, pdf !== null);
  const attachment = pdf
    ? { filename: reviewFileName(p.month, sub.lang, 'pdf'), content: pdf, contentType: 'application/pdf' }
    : { filename: reviewFileName(p.month, sub.lang, 'html'), content: html, contentType: 'text/html; charset=utf-8' };
  try {
    await sender.send({ to: sub.email, subject: mail.subject, text: mail.text, attachments: [attachment] });
  } catch (err) {
    await record({ error: (err as Error).message.slice(0, 500) });
    throw err;
  }
  await record({ sent: true });
}
