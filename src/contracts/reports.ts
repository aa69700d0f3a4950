import { z } from 'zod';
import { IdSchema } from './common.ts';
import { LangSchema } from './surveys.ts';

// The monthly experience review (C10): one template rendered as HTML and as PDF, and its e-mail subscriptions.

/** `YYYY-MM`, a calendar month in the organisation's time zone. */
export const MonthSchema = z.string().regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM, e.g. 2026-01');

export const ReportFormatSchema = z.enum(['html', 'pdf']);
export type ReportFormat = z.infer<typeof ReportFormatSchema>;

/** `GET /api/v1/reports/monthly` query. */
export const MonthlyReportQuerySchema = z.object({
  month: MonthSchema.meta({ description: 'the month reviewed (organisation time zone); not a month that has not begun' }),
  lang: LangSchema.default('zh-CN'),
  format: ReportFormatSchema.default('html').meta({ description: 'html (text/html) or pdf (application/pdf, A4; 503 pdf_unavailable without Chromium)' }),
});
export type MonthlyReportQuery = z.infer<typeof MonthlyReportQuerySchema>;

/** An address: bounded, one `@`, no spaces (the users table holds the real list). */
const EmailSchema = z.string().trim().toLowerCase().max(254).regex(/^[^\s@]+@[^\s@]+$/, 'an e-mail address');

export const CreateReportSubscriptionsSchema = z.object({
  emails: z.array(EmailSchema).min(1).max(50).meta({ description: 'each must be the login of an admin or manager of the organisation (400 unknown_subscriber / subscriber_cannot_read_report)' }),
  lang: LangSchema.default('zh-CN'),
});
export type CreateReportSubscriptions = z.infer<typeof CreateReportSubscriptionsSchema>;

export const ReportSubscriptionSchema = z.object({
  id: IdSchema,
  email: z.string(),
  userId: IdSchema,
  role: z.string().meta({ description: 'the subscriber’s role: the report is rendered with their data scope' }),
  lang: LangSchema,
  createdAt: z.string(),
  lastSentMonth: z.string().nullable().meta({ description: 'the month of the last review e-mailed' }),
  lastSentAt: z.string().nullable(),
  lastError: z.string().nullable().meta({ description: 'why the last attempt failed (SMTP reply), if it did' }),
});
export type ReportSubscription = z.infer<typeof ReportSubscriptionSchema>;

export const ReportSubscriptionListSchema = z.object({
  items: z.array(ReportSubscriptionSchema),
  mailEnabled: z.boolean().meta({ description: 'false without LODESTAR_SMTP_URL: subscriptions are kept but nothing is sent' }),
});
export type ReportSubscriptionList = z.infer<typeof ReportSubscriptionListSchema>;
