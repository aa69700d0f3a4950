import { z } from 'zod';
import { IdSchema, nonEmptyText, text } from './common.ts';

// Improvement projects (the outer loop, C6): cases sharing a root cause, fixed once for everyone, with the measured effect.

export const ImprovementStatusSchema = z.enum(['proposed', 'in_progress', 'done', 'cancelled']);
export type ImprovementStatus = z.infer<typeof ImprovementStatusSchema>;
export const ImprovementMetricSchema = z.enum(['nps', 'csat', 'ces']);
export type ImprovementMetric = z.infer<typeof ImprovementMetricSchema>;

/** Days in each of the equal windows before the start and after the completion. */
export const EFFECT_WINDOW_DAYS = 30;

export const CreateImprovementProjectSchema = z.object({
  title: nonEmptyText(200),
  description: text(4000).default(''),
  rootCause: nonEmptyText(80).optional().meta({ description: 'a root-cause code of the taxonomy' }),
  unitId: IdSchema.optional().meta({ description: 'the unit (and subtree) whose metric measures the effect; default the whole organisation' }),
  ownerId: IdSchema.optional().meta({ description: 'the employee who leads it' }),
  metric: ImprovementMetricSchema.default('nps'),
  caseIds: z.array(IdSchema).max(500).default([]),
});

export const UpdateImprovementProjectSchema = z.object({
  title: nonEmptyText(200).optional(),
  description: text(4000).optional(),
  ownerId: IdSchema.nullable().optional(),
  metric: ImprovementMetricSchema.optional(),
  status: ImprovementStatusSchema.optional().meta({ description: 'proposed → in_progress → done; proposed or in_progress → cancelled (else 409 invalid_transition)' }),
});

export const LinkCasesSchema = z.object({ caseIds: z.array(IdSchema).max(500).meta({ description: 'cases to add; already linked ones are kept' }) });

export const ImprovementProjectSchema = z.object({
  id: IdSchema,
  title: z.string(),
  description: z.string(),
  rootCause: z.string().nullable(),
  unitId: IdSchema.nullable(),
  ownerId: IdSchema.nullable(),
  metric: ImprovementMetricSchema,
  status: ImprovementStatusSchema,
  caseCount: z.number().int(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ImprovementProject = z.infer<typeof ImprovementProjectSchema>;

const WindowSchema = z.object({ from: z.string(), to: z.string(), value: z.number().nullable(), n: z.number().int() });

export const ImprovementEffectSchema = z.object({
  metric: ImprovementMetricSchema,
  windowDays: z.number().int(),
  before: WindowSchema.nullable().meta({ description: 'the window before the start (null until started)' }),
  after: WindowSchema.nullable().meta({ description: 'the window after completion (null until done; still filling while it is not over)' }),
  isAfterComplete: z.boolean(),
  change: z.number().nullable().meta({ description: 'after − before' }),
});
export type ImprovementEffect = z.infer<typeof ImprovementEffectSchema>;

export const ImprovementCaseSchema = z.object({
  id: IdSchema,
  title: z.string(),
  status: z.string(),
  rootCause: z.string().nullable(),
  unitId: IdSchema.nullable(),
  closedAt: z.string().nullable(),
});

export const ImprovementProjectDetailSchema = ImprovementProjectSchema.extend({
  cases: z.array(ImprovementCaseSchema),
  effect: ImprovementEffectSchema,
});
export type ImprovementProjectDetail = z.infer<typeof ImprovementProjectDetailSchema>;

export const ImprovementSuggestionSchema = z.object({
  rootCause: z.string(),
  caseCount: z.number().int(),
  caseIds: z.array(IdSchema),
  lastClosedAt: z.string(),
});
export type ImprovementSuggestion = z.infer<typeof ImprovementSuggestionSchema>;

export const ImprovementListQuerySchema = z.object({ status: ImprovementStatusSchema.optional() });
