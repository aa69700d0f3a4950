import { z } from 'zod';
import { IdSchema, nonEmptyText, text } from './common.ts';
import { MetricQuerySchema } from './metrics.ts';
import { PrioritySchema } from './cases.ts';

// Customer journeys (C3): stages of touchpoints, each a moment that matters (to be memorable: NPS, sentiment,
// praise) or routine (to be frictionless: CES, resolution time, repeat contacts), measured against targets.

export const TouchpointKindSchema = z.enum(['moment', 'routine']);
export type TouchpointKind = z.infer<typeof TouchpointKindSchema>;

export const LocalisedNameSchema = z.object({ 'zh-CN': nonEmptyText(120), en: nonEmptyText(120) });
export type LocalisedName = z.infer<typeof LocalisedNameSchema>;

export const JourneyTouchpointSchema = z.object({
  touchpoint: nonEmptyText(100).meta({ description: 'as interactions and responses name it, e.g. home_delivery' }),
  kind: TouchpointKindSchema,
  label: z.object({ 'zh-CN': text(120), en: text(120) }).optional().meta({ description: 'how the map names it (default: the touchpoint itself)' }),
});
export type JourneyTouchpoint = z.infer<typeof JourneyTouchpointSchema>;

export const JourneyStageSchema = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, - and _ (at most 40)'),
  name: LocalisedNameSchema,
  touchpoints: z.array(JourneyTouchpointSchema).max(20),
});
export type JourneyStage = z.infer<typeof JourneyStageSchema>;

/** What each class is measured against; a card is green when met, amber when near, red when missed. */
export const JourneyTargetsSchema = z.object({
  moment: z.object({
    nps: z.number().min(-100).max(100).meta({ description: 'at least' }),
    sentiment: z.number().min(-1).max(1).meta({ description: 'mean comment sentiment, at least' }),
  }),
  routine: z.object({
    ces: z.number().min(1).max(7).meta({ description: 'mean customer effort score, at least (7 = very easy)' }),
    resolutionMinutes: z.number().min(0).max(100_000).meta({ description: 'mean resolution time, at most' }),
    repeatContactRate: z.number().min(0).max(100).meta({ description: '% of interactions followed by a repeat contact, at most' }),
  }),
});
export type JourneyTargets = z.infer<typeof JourneyTargetsSchema>;

export const DEFAULT_JOURNEY_TARGETS: JourneyTargets = {
  moment: { nps: 40, sentiment: 0.2 },
  routine: { ces: 5, resolutionMinutes: 60, repeatContactRate: 10 },
};

const stages = z.array(JourneyStageSchema).min(1).max(12);

export const CreateJourneySchema = z.object({
  name: LocalisedNameSchema,
  stages,
  targets: JourneyTargetsSchema.optional().meta({ description: 'default: moments NPS ≥ 40, sentiment ≥ 0.2; routine CES ≥ 5, resolution ≤ 60 min, repeat contacts ≤ 10 %' }),
});
export const UpdateJourneySchema = z.object({ name: LocalisedNameSchema.optional(), stages: stages.optional(), targets: JourneyTargetsSchema.optional() });

export const JourneySchema = z.object({
  id: IdSchema,
  name: LocalisedNameSchema,
  stages: z.array(JourneyStageSchema),
  targets: JourneyTargetsSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Journey = z.infer<typeof JourneySchema>;

export const JourneyPeriodQuerySchema = MetricQuerySchema.pick({ from: true, to: true });
export type JourneyPeriodQuery = z.infer<typeof JourneyPeriodQuerySchema>;

/** Figures over fewer observations than this are withheld (value null), as on public boards. */
export const JOURNEY_MIN_N = 5;
/** A repeat contact: the same customer at the same touchpoint again within this many days. */
export const REPEAT_CONTACT_DAYS = 7;

export const MeasureStatusSchema = z.enum(['met', 'near', 'missed', 'insufficient', 'untargeted']);
export type MeasureStatus = z.infer<typeof MeasureStatusSchema>;

export const MeasureSchema = z.object({
  value: z.number().nullable().meta({ description: `null when n < ${JOURNEY_MIN_N} (withheld) or 0` }),
  n: z.number().int(),
  target: z.number().nullable().optional(),
  status: MeasureStatusSchema,
});
export type Measure = z.infer<typeof MeasureSchema>;

export const MomentMeasuresSchema = z.object({ nps: MeasureSchema, sentiment: MeasureSchema, praise: MeasureSchema });
export const RoutineMeasuresSchema = z.object({ ces: MeasureSchema, resolution_time: MeasureSchema, repeat_contact_rate: MeasureSchema });

export const TouchpointMetricsSchema = z.object({
  touchpoint: z.string(),
  kind: TouchpointKindSchema,
  status: MeasureStatusSchema.meta({ description: 'the headline measure’s (moment: nps, routine: ces): the card’s colour' }),
  measures: z.union([MomentMeasuresSchema, RoutineMeasuresSchema]),
});
export type TouchpointMetrics = z.infer<typeof TouchpointMetricsSchema>;

export const JourneyMetricsSchema = z.object({
  journeyId: IdSchema,
  from: z.string(),
  to: z.string(),
  minN: z.number().int(),
  repeatContactDays: z.number().int(),
  targets: JourneyTargetsSchema,
  stages: z.array(
    z.object({
      key: z.string(),
      emotion: z.object({ nps: MeasureSchema, sentiment: MeasureSchema }).meta({ description: 'every answer at the stage’s touchpoints pooled: the emotion curve' }),
      touchpoints: z.array(TouchpointMetricsSchema),
    }),
  ),
});
export type JourneyMetrics = z.infer<typeof JourneyMetricsSchema>;

export const JourneyPathsSchema = z.object({
  journeyId: IdSchema,
  from: z.string(),
  to: z.string(),
  customers: z.number().int().meta({ description: 'customers with an interaction at one of the journey’s touchpoints in the period' }),
  stages: z.array(
    z.object({
      key: z.string(),
      reached: z.number().int().meta({ description: 'customers who reached the stage' }),
      enteredHere: z.number().int().meta({ description: 'customers whose first stage in the period was this one' }),
      droppedAfter: z.number().int().meta({ description: 'customers who reached no later stage (after the last stage: completed)' }),
    }),
  ),
  transitions: z.array(z.object({ from: z.string(), to: z.string(), customers: z.number().int() })),
});
export type JourneyPaths = z.infer<typeof JourneyPathsSchema>;

export const JourneyAlertTemplateSchema = z.object({
  kind: TouchpointKindSchema.meta({ description: 'moment: NPS ≤ 6 at the journey’s moments opens a high-priority case; routine: CES ≤ 3 at its routine touchpoints opens a medium one' }),
  priority: PrioritySchema.optional(),
});

export const KnownTouchpointsSchema = z.object({
  items: z.array(z.object({ touchpoint: z.string(), interactions: z.number().int(), answers: z.number().int() })),
});
