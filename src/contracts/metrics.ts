import { z } from 'zod';
import { IdSchema, text } from './common.ts';

export const MetricNameSchema = z.enum([
  'nps',
  'csat',
  'ces',
  'fcr',
  'resolution_time',
  'churn_rate',
  'conversion_rate',
  'response_rate',
  'sentiment',
  'praise',
  'audit_score',
]);
export type MetricName = z.infer<typeof MetricNameSchema>;

export const MetricGroupBySchema = z.enum(['day', 'week', 'month', 'unit', 'employee', 'touchpoint', 'channel']);
export type MetricGroupBy = z.infer<typeof MetricGroupBySchema>;

/** An instant (ISO 8601 with Z or an offset) or a calendar date, which means that day's midnight in the organisation's time zone. */
const instantOrDate = () =>
  z.union([
    z.iso.datetime({ offset: true }),
    z.iso.date(),
  ], { error: 'must be a date (YYYY-MM-DD, midnight in the organisation’s time zone) or an ISO 8601 time with Z or an offset' });

export const MetricParamsSchema = z.object({ metric: MetricNameSchema });

/** `GET /api/v1/metrics/:metric` query. */
export const MetricQuerySchema = z.object({
  from: instantOrDate().optional().meta({ description: 'start, inclusive (default: the first record)' }),
  to: instantOrDate().optional().meta({ description: 'end, exclusive (default: now, including every record so far)' }),
  unitId: IdSchema.optional().meta({ description: 'this unit and its whole subtree' }),
  surveyId: IdSchema.optional().meta({ description: 'survey-answer metrics only (nps, csat, ces, response_rate, sentiment, praise)' }),
  touchpoint: text(100).optional(),
  channel: text(100).optional(),
  employeeId: IdSchema.optional().meta({ description: 'the serving employee (forced to themselves for an employee)' }),
  groupBy: MetricGroupBySchema.optional().meta({
    description: 'day, week (key: its Monday) or month in the organisation’s time zone, unit, employee, touchpoint or channel; none: one row, key "all"',
  }),
});
export type MetricQuery = z.infer<typeof MetricQuerySchema>;

export const MetricRowSchema = z.object({
  key: z.string().meta({ description: 'YYYY-MM-DD (day, week), YYYY-MM (month), a unit or employee id, a touchpoint or channel ("none" when missing), or "all"' }),
  value: z.number().nullable().meta({ description: 'null when n is 0' }),
  n: z.number().int().meta({ description: 'observations behind the value (answers, interactions, links sent, analysed comments)' }),
  ci95: z.tuple([z.number(), z.number()]).optional().meta({ description: '95 % confidence interval of value' }),
  top2Box: z.number().optional().meta({ description: 'csat: % of answers 4 or 5' }),
  easyPct: z.number().optional().meta({ description: 'ces: % of answers 5 to 7 (easy)' }),
  promoters: z.number().int().optional(),
  passives: z.number().int().optional(),
  detractors: z.number().int().optional(),
});
export type MetricRow = z.infer<typeof MetricRowSchema>;

export const MetricComparisonSchema = z.object({
  from: z.string(),
  to: z.string(),
  current: MetricRowSchema,
  previous: MetricRowSchema,
  change: z.number().nullable().meta({ description: 'current value − previous value' }),
  test: z.enum(['nps_z', 'two_proportion_z', 'welch_t', 'poisson_z']).meta({
    description:
      'nps_z: z on the NPS difference with variance (p₊ + p₋ − (p₊ − p₋)²)/n per period; two_proportion_z: pooled two-proportion z; welch_t: Welch’s unequal-variance t on the means; poisson_z: (c₁ − c₀)/√(c₁ + c₀) on counts over equal lengths',
  }),
  statistic: z.number().nullable(),
  pValue: z.number().nullable().meta({ description: 'two-sided' }),
  significant: z.boolean().meta({ description: 'pValue < 0.05' }),
});
export type MetricComparison = z.infer<typeof MetricComparisonSchema>;

export const MetricResultSchema = z.object({
  metric: MetricNameSchema,
  groupBy: MetricGroupBySchema.nullable(),
  rows: z.array(MetricRowSchema),
  comparison: MetricComparisonSchema.nullable().meta({
    description: 'the whole period against the previous period of equal length; null without `from`',
  }),
});
export type MetricResult = z.infer<typeof MetricResultSchema>;

/** `GET /api/v1/insights/xo` and `/insights/drivers`: the metric filters without grouping. */
export const InsightQuerySchema = MetricQuerySchema.omit({ groupBy: true });
export type InsightQuery = z.infer<typeof InsightQuerySchema>;

export const XoResultSchema = z.object({
  rows: z.array(
    z.object({
      group: z.enum(['promoter', 'passive', 'detractor']),
      n: z.number().int().meta({ description: 'NPS answers about an interaction' }),
      churnRate: z.number().nullable().meta({ description: '% of those interactions marked churned' }),
      conversionRate: z.number().nullable(),
      meanSpend: z.number().nullable().meta({ description: 'mean interaction amount' }),
    }),
  ),
  detractorVsPromoterChurn: z.object({
    change: z.number().nullable().meta({ description: 'detractor churn rate − promoter churn rate, percentage points' }),
    test: z.string().meta({ description: 'two_proportion_z (pooled)' }),
    pValue: z.number().nullable(),
    significant: z.boolean(),
  }),
});
export type XoResult = z.infer<typeof XoResultSchema>;

export const DriversResultSchema = z.object({
  n: z.number().int().meta({ description: 'NPS answers analysed (the latest 50,000 at most)' }),
  r2: z.number().nullable().meta({ description: 'share of the NPS answers’ variance the drivers explain' }),
  drivers: z.array(
    z.object({
      driver: z.string().meta({ description: 'question:<key>, touchpoint:<name> or channel:<name> (against the most frequent), odata:resolvedFirstContact|resolutionMinutes|amount' }),
      kind: z.enum(['question', 'touchpoint', 'channel', 'odata']),
      coefficient: z.number().meta({ description: 'NPS points (0–10 answer) per unit of the driver, others held equal (OLS)' }),
      standardError: z.number(),
      t: z.number(),
      pValue: z.number().meta({ description: 'two-sided t test, n − k degrees of freedom' }),
      significant: z.boolean(),
      importance: z.number().meta({ description: '|standardised coefficient|: the quadrant chart’s vertical axis' }),
      performance: z.number().meta({ description: 'mean of the driver (score, or share for 0/1 drivers): the horizontal axis' }),
      coverage: z.number().meta({ description: 'share of rows with a value (missing values take the mean)' }),
    }),
  ),
});
export type DriversResult = z.infer<typeof DriversResultSchema>;
