import { z } from 'zod';
import { IdSchema, nonEmptyText, text } from './common.ts';
import { MetricNameSchema, type MetricName } from './metrics.ts';

// The metric tree (KPIs), strategic goals, team scorecards and public boards (C4).

export const KpiLevelSchema = z.enum(['company', 'department', 'position']);
export type KpiLevel = z.infer<typeof KpiLevelSchema>;

/** A metric of `GET /metrics/:metric`, or `manual` for values recorded by hand (script compliance, audits). */
export const KpiMetricSchema = z.union([MetricNameSchema, z.literal('manual')]);
export type KpiMetric = z.infer<typeof KpiMetricSchema>;

export const KpiFiltersSchema = z
  .object({
    surveyId: IdSchema.optional(),
    touchpoint: text(100).optional(),
    channel: text(100).optional(),
  })
  .strict();

const date = () => z.iso.date().meta({ description: 'YYYY-MM-DD' });
const finite = (min: number, max: number) => z.number().min(min).max(max);

const kpiFields = {
  parentId: IdSchema.nullable().optional().meta({ description: 'the KPI one level up this one contributes to (metric tree)' }),
  level: KpiLevelSchema,
  name: nonEmptyText(200),
  nameEn: nonEmptyText(200).nullable().optional(),
  unitId: IdSchema.nullable().optional().meta({ description: 'the unit measured (its subtree); required for department and position KPIs; company KPIs default to the whole organisation' }),
  positionId: IdSchema.nullable().optional().meta({ description: 'required for position KPIs' }),
  ownerId: IdSchema.nullable().optional().meta({ description: 'the accountable employee' }),
  metric: KpiMetricSchema,
  filters: KpiFiltersSchema.optional(),
  direction: z.enum(['higher', 'lower']).optional().meta({ description: 'whether a higher value is better (default: lower for resolution_time and churn_rate, else higher)' }),
  target: finite(-1e9, 1e9),
  baseline: finite(-1e9, 1e9).nullable().optional().meta({ description: 'the starting value: attainment runs from baseline (0 %) to target (100 %)' }),
  weight: finite(0, 100).meta({ description: 'share of the unit’s scorecard' }),
  periodDays: z.number().int().min(1).max(3660).optional().meta({ description: 'the value is measured over the last N days (default 90)' }),
  deadline: date().nullable().optional(),
  note: text(2000).nullable().optional().meta({ description: 'context such as the industry rank' }),
};

export const CreateKpiSchema = z.object(kpiFields);
export type CreateKpi = z.infer<typeof CreateKpiSchema>;
export const UpdateKpiSchema = z.object(kpiFields).partial();
export type UpdateKpi = z.infer<typeof UpdateKpiSchema>;

export const KpiSchema = z.object({
  id: IdSchema,
  parentId: IdSchema.nullable(),
  level: KpiLevelSchema,
  name: z.string(),
  nameEn: z.string().nullable(),
  unitId: IdSchema.nullable(),
  positionId: IdSchema.nullable(),
  ownerId: IdSchema.nullable(),
  ownerName: z.string().nullable(),
  metric: KpiMetricSchema,
  filters: KpiFiltersSchema,
  direction: z.enum(['higher', 'lower']),
  target: z.number(),
  baseline: z.number().nullable(),
  weight: z.number(),
  periodDays: z.number().int(),
  deadline: z.string().nullable(),
  note: z.string().nullable(),
  current: z.object({
    value: z.number().nullable().meta({ description: 'the metric over the last periodDays days, or the latest recorded value (manual)' }),
    n: z.number().int().nullable().meta({ description: 'observations behind a metric value' }),
    asOf: z.string().nullable().meta({ description: 'the day a manual value was recorded' }),
    attainment: z.number().nullable().meta({ description: '0–1: (value − baseline)/(target − baseline), or value/target without a baseline (target/value when lower is better), capped to 0..1' }),
    met: z.boolean().nullable(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Kpi = z.infer<typeof KpiSchema>;

export const KpiListQuerySchema = z.object({
  level: KpiLevelSchema.optional(),
  unitId: IdSchema.optional().meta({ description: 'KPIs of exactly this unit' }),
});
export const KpiListSchema = z.object({ items: z.array(KpiSchema) });

export const RecordKpiValueSchema = z.object({
  value: finite(-1e9, 1e9),
  recordedOn: date().optional().meta({ description: 'default: today' }),
  note: text(2000).nullable().optional(),
});
export const KpiValueSchema = z.object({ id: IdSchema, kpiId: IdSchema, value: z.number(), recordedOn: z.string(), note: z.string().nullable(), createdAt: z.string() });
export const KpiValueListSchema = z.object({ items: z.array(KpiValueSchema) });

const goalFields = {
  title: nonEmptyText(300),
  titleEn: nonEmptyText(300).nullable().optional(),
  description: text(4000).nullable().optional(),
  ownerId: IdSchema.nullable().optional(),
  startDate: date().optional().meta({ description: 'default: today' }),
  deadline: date(),
  progress: finite(0, 100).nullable().optional().meta({ description: 'set by hand; null: the mean attainment of the linked KPIs' }),
  kpiIds: z.array(IdSchema).max(50).optional(),
};
export const CreateGoalSchema = z.object(goalFields);
export type CreateGoal = z.infer<typeof CreateGoalSchema>;
export const UpdateGoalSchema = z.object(goalFields).partial();
export type UpdateGoal = z.infer<typeof UpdateGoalSchema>;

export const GoalStatusSchema = z.enum(['on_track', 'at_risk', 'off_track', 'achieved', 'overdue']);
export const GoalSchema = z.object({
  id: IdSchema,
  title: z.string(),
  titleEn: z.string().nullable(),
  description: z.string().nullable(),
  ownerId: IdSchema.nullable(),
  ownerName: z.string().nullable(),
  startDate: z.string(),
  deadline: z.string(),
  progress: z.number().nullable().meta({ description: 'as set by hand' }),
  kpiIds: z.array(IdSchema),
  computedProgress: z.number().nullable().meta({ description: '0–100: the set progress, else the linked KPIs’ mean attainment' }),
  expectedProgress: z.number().meta({ description: '0–100: the share of the time from start to deadline already gone' }),
  status: GoalStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Goal = z.infer<typeof GoalSchema>;
export const GoalListSchema = z.object({ items: z.array(GoalSchema) });

export const ScorecardSchema = z.object({
  unitId: IdSchema,
  score: z.number().nullable().meta({ description: '0–100: Σ weight × attainment / Σ weight over the KPIs with a value' }),
  weightCovered: z.number().meta({ description: 'Σ weight of the KPIs with a value' }),
  weightTotal: z.number(),
  items: z.array(
    KpiSchema.pick({ id: true, level: true, name: true, nameEn: true, metric: true, direction: true, target: true, baseline: true, weight: true, ownerName: true, current: true }).extend({
      contribution: z.number().nullable().meta({ description: 'points of the score this KPI earns: weight × attainment / Σ weight × 100' }),
    }),
  ),
});
export type Scorecard = z.infer<typeof ScorecardSchema>;
export const ScorecardParamsSchema = z.object({ unitId: IdSchema });

/** What a board shows unless told otherwise: the three survey scores it has always shown. */
export const BOARD_DEFAULT_METRICS = ['nps', 'csat', 'ces'] as const satisfies readonly MetricName[];
/** More figures than this per team no longer read across a room. */
export const BOARD_MAX_METRICS = 5;
/** The decimals a board rounds each metric to: scores as their scale is read, percentages (audit_score: 0–100 % of the checklist) to one. */
export const BOARD_DIGITS: Record<MetricName, number> = {
  nps: 0,
  csat: 2,
  ces: 2,
  fcr: 1,
  resolution_time: 0,
  churn_rate: 1,
  conversion_rate: 1,
  response_rate: 1,
  sentiment: 2,
  praise: 0,
  audit_score: 1,
};

const boardFields = {
  name: nonEmptyText(120),
  unitId: IdSchema.optional().meta({ description: 'the part of the organisation shown (default: the whole organisation)' }),
  unitIds: z.array(IdSchema).max(30).optional().meta({ description: 'the teams shown, each over its subtree (default: the children of unitId)' }),
  periodDays: z.number().int().min(1).max(366).optional().meta({ description: 'figures over the last N days (default 30)' }),
  metrics: z
    .array(MetricNameSchema)
    .min(1)
    .max(BOARD_MAX_METRICS)
    .optional()
    .meta({ description: 'metrics of GET /metrics/:metric shown, in this order, the first one largest (default nps, csat, ces); e.g. audit_score for the mystery-shopping score' }),
};
export const CreateBoardSchema = z.object(boardFields);
export const UpdateBoardSchema = z.object(boardFields).partial().meta({ description: 'only the fields given change; unitIds [] means the children of unitId' });
export const BoardSchema = z.object({
  id: IdSchema,
  name: z.string(),
  unitId: IdSchema,
  unitIds: z.array(IdSchema),
  periodDays: z.number().int(),
  metrics: z.array(MetricNameSchema),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastViewedAt: z.string().nullable(),
});
export type Board = z.infer<typeof BoardSchema>;
export const CreatedBoardSchema = BoardSchema.extend({
  token: z.string().meta({ description: 'shown once: the board’s address is /board/<token>' }),
  path: z.string(),
});
export type CreatedBoard = z.infer<typeof CreatedBoardSchema>;
export const BoardListSchema = z.object({ items: z.array(BoardSchema) });

export const BoardTokenParamsSchema = z.object({ token: text(100) });

const boardFigure = z.object({
  value: z.number().nullable().meta({ description: 'null when fewer than the anonymity threshold of answers' }),
  n: z.number().int(),
});
/** One figure per metric the board shows (keyed by metric name, like `overall.nps`); the others are absent. */
const boardFigures = z.object(
  Object.fromEntries(MetricNameSchema.options.map((m) => [m, boardFigure.optional()])) as { [K in MetricName]: z.ZodOptional<typeof boardFigure> },
);
/** What a public board shows: aggregates only, no person, customer or comment. */
export const PublicBoardSchema = z.object({
  name: z.string(),
  organisation: z.object({ name: z.string(), nameEn: z.string().nullable() }),
  periodDays: z.number().int(),
  generatedAt: z.string(),
  refreshSeconds: z.number().int(),
  minAnswers: z.number().int().meta({ description: 'a figure over fewer answers (or visits, interactions…: its n) is withheld (anonymity threshold)' }),
  metrics: z.array(MetricNameSchema).meta({ description: 'the metrics shown, in order; overall and each team have a figure for each' }),
  overall: boardFigures,
  teams: z.array(boardFigures.extend({ name: z.string(), nameEn: z.string().nullable() })),
});
export type PublicBoard = z.infer<typeof PublicBoardSchema>;
