// contracts complete
import { z } from 'zod';
import { IdSchema, nonEmptyText, text } from './common.ts';
import { LocalizedTextSchema } from './surveys.ts';

// Culture and vision assessment (C9): anonymous employee assessments from versioned templates, one-time
// invitations, results that always pass the anonymity engine, and action plans. Rules: CULTURE.md.

// ---- Vocabulary (exact keys) ----
export const LEVELS = ['c_suite', 'executive', 'manager', 'non_manager', 'support'] as const;
export const LevelSchema = z.enum(LEVELS);
export type CultureLevel = z.infer<typeof LevelSchema>;

export const TENURE_BANDS = ['lt1', 'y1_3', 'y3_5', 'y5_plus'] as const;
export const TenureBandSchema = z.enum(TENURE_BANDS);
export type TenureBand = z.infer<typeof TenureBandSchema>;

export const VISION_STATES = ['outdated', 'not_understood', 'understood', 'core_dna'] as const;
export const VisionStateSchema = z.enum(VISION_STATES);
export type VisionState = z.infer<typeof VisionStateSchema>;

export const PILLARS = ['empathy', 'data_driven', 'all_hands', 'executive_support', 'empowerment', 'kpis', 'rituals'] as const;
export const PillarSchema = z.enum(PILLARS);
export type Pillar = z.infer<typeof PillarSchema>;

export const MATURITIES = ['investigate', 'initiate', 'mobilise', 'scale', 'embed'] as const;
export const MaturitySchema = z.enum(MATURITIES);
export type Maturity = z.infer<typeof MaturitySchema>;

export const ASSESSMENT_STATUSES = ['draft', 'open', 'closed'] as const;
export const AssessmentStatusSchema = z.enum(ASSESSMENT_STATUSES);
export type AssessmentStatus = z.infer<typeof AssessmentStatusSchema>;

/** Limits shared by the server and the web form. */
export const ASSESSMENT_LIMITS = { minGroupFloor: 3, defaultMinGroup: 5, defaultMinCommentGroup: 10, maxComment: 2000 } as const;

// ---- Templates ----
export const TemplateKeySchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'lower-case letters, digits and -, 2 to 40');
export const ItemKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter');
export const ItemTypeSchema = z.enum(['likert', 'single', 'text']);
export type ItemType = z.infer<typeof ItemTypeSchema>;

export const ItemOptionSchema = z.object({ value: ItemKeySchema, label: LocalizedTextSchema });

export const AssessmentItemSchema = z
  .object({
    key: ItemKeySchema,
    type: ItemTypeSchema,
    pillar: PillarSchema.optional().meta({ description: 'pillar items only' }),
    text: LocalizedTextSchema,
    options: z.array(ItemOptionSchema).min(2).max(12).optional().meta({ description: 'single items only' }),
  })
  .refine((i) => (i.type === 'single') === (i.options !== undefined), { message: 'single items need options; others have none', path: ['options'] });
export type AssessmentItem = z.infer<typeof AssessmentItemSchema>;

export const AssessmentSectionSchema = z.object({
  key: ItemKeySchema,
  title: LocalizedTextSchema,
  intro: LocalizedTextSchema.optional(),
  items: z.array(AssessmentItemSchema).min(1).max(60),
});
export type AssessmentSection = z.infer<typeof AssessmentSectionSchema>;

export const AssessmentTemplateSchema = z.object({
  key: TemplateKeySchema,
  version: z.number().int().min(1),
  name: LocalizedTextSchema,
  builtIn: z.boolean(),
  basedOn: z.string().nullable().meta({ description: 'the key it was copied from' }),
  sections: z.array(AssessmentSectionSchema),
  createdAt: z.string().nullable(),
});
export type AssessmentTemplate = z.infer<typeof AssessmentTemplateSchema>;

export const AssessmentTemplateListSchema = z.object({ items: z.array(AssessmentTemplateSchema).meta({ description: 'the latest version of each template' }) });
export const TemplateKeyParamsSchema = z.object({ key: TemplateKeySchema });

/** POST /assessment-templates/:key/copy (admin) → 201 template (version 1, basedOn = :key). */
export const CopyTemplateSchema = z.object({ key: TemplateKeySchema, name: LocalizedTextSchema });
/** POST /assessment-templates/:key/items (admin, own copies only) → 201 template with version + 1. */
export const AddTemplateItemSchema = z.object({ section: ItemKeySchema, item: AssessmentItemSchema });

// ---- Assessments ----
export const AudienceSchema = z.object({ unitIds: z.array(IdSchema).max(500).optional().meta({ description: 'these units’ subtrees; absent: the whole organisation' }) });
export type Audience = z.infer<typeof AudienceSchema>;

const groupSize = z.number().int().min(ASSESSMENT_LIMITS.minGroupFloor).max(1000);
const thresholdsRefine = (a: { minGroupSize?: number; minCommentGroupSize?: number }) =>
  a.minGroupSize === undefined || a.minCommentGroupSize === undefined || a.minCommentGroupSize >= a.minGroupSize;

export const CreateAssessmentSchema = z
  .object({
    templateKey: TemplateKeySchema,
    templateVersion: z.number().int().min(1).optional().meta({ description: 'default: the latest' }),
    name: nonEmptyText(200),
    minGroupSize: groupSize.optional().meta({ description: 'default 5' }),
    minCommentGroupSize: groupSize.optional().meta({ description: 'default 10, at least minGroupSize' }),
    closesAt: z.iso.datetime({ offset: true }),
    audience: AudienceSchema.optional(),
    baselineAssessmentId: IdSchema.optional().meta({ description: 'a pulse re-measuring an earlier assessment' }),
  })
  .refine(thresholdsRefine, { message: 'minCommentGroupSize must be at least minGroupSize', path: ['minCommentGroupSize'] });
export type CreateAssessment = z.infer<typeof CreateAssessmentSchema>;

/** PATCH /assessments/:id (admin). Thresholds and audience only while draft (409 thresholds_fixed after open). */
export const UpdateAssessmentSchema = z
  .object({
    name: nonEmptyText(200).optional(),
    minGroupSize: groupSize.optional(),
    minCommentGroupSize: groupSize.optional(),
    closesAt: z.iso.datetime({ offset: true }).optional(),
    audience: AudienceSchema.optional(),
  })
  .refine(thresholdsRefine, { message: 'minCommentGroupSize must be at least minGroupSize', path: ['minCommentGroupSize'] });
export type UpdateAssessment = z.infer<typeof UpdateAssessmentSchema>;

export const AssessmentSchema = z.object({
  id: IdSchema,
  templateKey: z.string(),
  templateVersion: z.number().int(),
  name: z.string(),
  status: AssessmentStatusSchema,
  minGroupSize: z.number().int(),
  minCommentGroupSize: z.number().int(),
  audience: AudienceSchema,
  closesAt: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  baselineAssessmentId: IdSchema.nullable(),
  invited: z.number().int().meta({ description: 'invitations issued' }),
  delivery: z.enum(['email', 'download']).meta({ description: 'email: invitations and reminders are e-mailed (SMTP configured); download: links come from …/invitations.csv and …/invitations/:employeeId/link' }),
  sections: z.array(AssessmentSectionSchema).meta({ description: 'the template snapshot taken at creation' }),
});
export type Assessment = z.infer<typeof AssessmentSchema>;
export const AssessmentListSchema = z.object({ items: z.array(AssessmentSchema.omit({ sections: true })) });

export const AssessmentParamsSchema = z.object({ id: IdSchema });
export const InvitationParamsSchema = z.object({ id: IdSchema, employeeId: IdSchema });

export const OpenAssessmentResultSchema = z.object({
  invited: z.number().int(),
  delivery: z.enum(['email', 'download']).meta({ description: 'email: queued in the outbox (SMTP configured); download: GET …/invitations.csv' }),
  emailed: z.number().int().meta({ description: 'invitations queued as e-mail (employees with an address)' }),
});
export const InvitationLinkSchema = z.object({ token: z.string(), url: z.string() });
export const RemindResultSchema = z.object({ reminded: z.number().int() });

// ---- Public answering (no session; the token is the credential) ----
export const TokenParamsSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
export const AnswerValueSchema = z.union([z.number(), text(ASSESSMENT_LIMITS.maxComment)]);
export const SubmitAnswersSchema = z.object({
  answers: z.record(ItemKeySchema, AnswerValueSchema).meta({ description: 'likert: integer 1–5; single: an option value; text: ≤ 2000 characters' }),
});
export type SubmitAnswers = z.infer<typeof SubmitAnswersSchema>;
export const SubmitAnswersResultSchema = z.object({ received: z.literal(true) });

/** GET /api/v1/public/assessments/:token → what the page shows (for clients other than the HTML page). */
export const PublicAssessmentSchema = z.object({
  name: z.string(),
  minGroupSize: z.number().int(),
  minCommentGroupSize: z.number().int(),
  closesAt: z.string(),
  sections: z.array(AssessmentSectionSchema),
});

// ---- Results (engineer C) ----
export const UnitQuerySchema = z.object({ unitId: IdSchema.optional() });
export const ResultsQuerySchema = z.object({ groupBy: z.enum(['unit', 'level']).default('unit'), unitId: IdSchema.optional() });

export const ScoreSummarySchema = z.object({ n: z.number().int(), index: z.number(), favourable: z.number(), ci95: z.tuple([z.number(), z.number()]) });
export type ScoreSummaryDto = z.infer<typeof ScoreSummarySchema>;
export const PillarScoreSchema = z.object({ index: z.number(), favourable: z.number(), ci95: z.tuple([z.number(), z.number()]) });

export const ResponseRatesSchema = z.object({
  minGroupSize: z.number().int(),
  total: z.object({ invited: z.number().int(), answered: z.number().int().optional(), rate: z.number().optional() }).optional(),
  rows: z.array(
    z.object({ unitId: IdSchema, parentId: IdSchema.nullable(), suppressed: z.boolean(), invited: z.number().int().optional(), answered: z.number().int().optional(), rate: z.number().optional() }),
  ),
});

export const ResultRowSchema = z.object({
  key: z.string().meta({ description: 'a unit id or a level' }),
  parentKey: z.string().nullable().optional(),
  suppressed: z.boolean(),
  n: z.number().int().optional(),
  pillars: z.partialRecord(PillarSchema, PillarScoreSchema).optional(),
  visionState: z.partialRecord(VisionStateSchema, z.number()).optional().meta({ description: 'percent per state' }),
  maturity: MaturitySchema.optional(),
});
export const ResultsSchema = z.object({ minGroupSize: z.number().int(), rows: z.array(ResultRowSchema) });

const keyedScore = z.object({ key: ItemKeySchema, index: z.number(), favourable: z.number(), n: z.number().int().optional() });
export const OverviewSchema = z.object({
  suppressed: z.boolean(),
  minGroupSize: z.number().int().optional(),
  n: z.number().int().optional(),
  pillars: z.partialRecord(PillarSchema, PillarScoreSchema).optional(),
  items: z.record(z.string(), ScoreSummarySchema).optional(),
  visionState: z.partialRecord(VisionStateSchema, z.number()).optional(),
  maturity: z.object({ overall: MaturitySchema.nullable(), pillars: z.partialRecord(PillarSchema, MaturitySchema) }).optional(),
  guidanceByLevel: z.array(z.object({ level: LevelSchema, index: z.number(), favourable: z.number(), n: z.number().int().optional() })).optional(),
  strategies: z.array(keyedScore).optional(),
  embedding: z.array(keyedScore).optional(),
  ecosystem: z.array(keyedScore).optional(),
  drivers: z
    .object({
      coreDna: z.array(z.object({ pillar: PillarSchema, r: z.number(), n: z.number().int() })),
      customerNps: z.array(z.object({ pillar: PillarSchema, r: z.number(), units: z.number().int() })),
    })
    .optional(),
});
export type Overview = z.infer<typeof OverviewSchema>;

export const HeatmapSchema = z.object({
  pillars: z.array(PillarSchema),
  rows: z.array(z.object({ unitId: IdSchema, parentId: IdSchema.nullable(), suppressed: z.boolean(), n: z.number().int().optional(), values: z.partialRecord(PillarSchema, z.number()).optional() })),
  orgValues: z.partialRecord(PillarSchema, z.number()),
});

export const BenchmarksSchema = z.object({
  rows: z.array(
    z.object({
      item: z.string(),
      ours: z.number().nullable().meta({ description: '% favourable (or % choosing the state); null when suppressed' }),
      visionaries: z.number().optional(),
      others: z.number().optional(),
      all: z.number().optional(),
      approximate: z.boolean(),
      note: LocalizedTextSchema.optional(),
    }),
  ),
});

export const SegmentsSchema = z.object({
  method: z.enum(['rules', 'kmeans']),
  units: z.array(z.object({ unitId: IdSchema, segment: z.enum(['visionary', 'other']), cluster: z.number().int().optional() })),
  discriminatingItems: z.array(z.object({ item: z.string(), effect: z.number() })),
  k: z.number().int().optional(),
  silhouette: z.number().optional(),
});

export const CommentsSchema = z.object({ suppressed: z.boolean(), items: z.array(z.object({ text: z.string() })) });

// ---- Action plans (engineer C) ----
export const ActionPlanStatusSchema = z.enum(['open', 'in_progress', 'done']);
export const CreateActionPlanSchema = z.object({
  pillar: PillarSchema.optional(),
  itemKey: ItemKeySchema.optional(),
  title: nonEmptyText(200),
  ownerId: IdSchema.optional().meta({ description: 'an employee' }),
  dueAt: z.iso.date().optional(),
});
export const UpdateActionPlanSchema = z.object({
  status: ActionPlanStatusSchema.optional(),
  ownerId: IdSchema.nullable().optional(),
  dueAt: z.iso.date().nullable().optional(),
  title: nonEmptyText(200).optional(),
});
export const ActionPlanPulseSchema = z.object({ closesAt: z.iso.datetime({ offset: true }) });
export const ActionPlanSchema = z.object({
  id: IdSchema,
  assessmentId: IdSchema,
  pillar: PillarSchema.nullable(),
  itemKey: z.string().nullable(),
  title: z.string(),
  ownerId: IdSchema.nullable(),
  dueAt: z.string().nullable(),
  status: ActionPlanStatusSchema,
  baseline: z.object({ index: z.number() }).optional(),
  after: z.object({ index: z.number(), assessmentId: IdSchema }).optional(),
  improvementId: IdSchema.nullable().optional(),
  challengeId: IdSchema.nullable().optional(),
  pulseAssessmentId: IdSchema.nullable().optional(),
  createdAt: z.string(),
});
export type ActionPlan = z.infer<typeof ActionPlanSchema>;
export const ActionPlanListSchema = z.object({ items: z.array(ActionPlanSchema) });
export const ActionPlanParamsSchema = z.object({ id: IdSchema });

// ---- Appended by engineer C (results): chart-read ranges on benchmark rows ----
// Some of the report's figures are ranges read from charts (e.g. embedding: visionaries ≈ 80–96, others ≈ 49–72)
// rather than one number per row; `GET /assessments/:id/benchmarks` answers with this schema, BenchmarksSchema plus `range`.
const rangeOf = z.tuple([z.number(), z.number()]);
export const BenchmarkRowWithRangeSchema = BenchmarksSchema.shape.rows.element.extend({
  range: z.object({ visionaries: rangeOf.optional(), others: rangeOf.optional() }).optional().meta({ description: 'approximate ranges where the report gives no figure per row' }),
});
export const BenchmarksWithRangesSchema = z.object({ rows: z.array(BenchmarkRowWithRangeSchema) });
