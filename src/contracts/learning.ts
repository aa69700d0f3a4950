import { z } from 'zod';
import { IdSchema, ListQuerySchema, nonEmptyText, pageOf, text } from './common.ts';

// Capability building (frontline, issue 15): a layered catalogue of learning items, assignments by position or
// unit that reach everyone in scope (joiners included), completion records and coverage per unit.

export const LEARNING_LAYERS = ['all_staff', 'specialist', 'manager'] as const;
export const LearningLayerSchema = z.enum(LEARNING_LAYERS).meta({ description: 'all staff; specialists (e.g. service designers); managers' });
export type LearningLayer = z.infer<typeof LearningLayerSchema>;

export const LEARNING_FORMATS = ['course', 'workshop', 'role_play', 'reading', 'coaching', 'e_learning'] as const;
export const LearningFormatSchema = z.enum(LEARNING_FORMATS);
export type LearningFormat = z.infer<typeof LearningFormatSchema>;

export const BilingualNameSchema = z.object({ 'zh-CN': nonEmptyText(160), en: nonEmptyText(160) });
export const BilingualTextSchema = z.object({ 'zh-CN': text(2000), en: text(2000) });
export type BilingualText = z.infer<typeof BilingualTextSchema>;

const itemFields = {
  layer: LearningLayerSchema,
  format: LearningFormatSchema,
  name: BilingualNameSchema,
  description: BilingualTextSchema,
  durationMinutes: z.number().int().min(5).max(14_400).meta({ description: 'how long it takes, 5 minutes to 240 hours' }),
  ownerId: IdSchema.meta({ description: 'the trainer: the employee who runs the item and may confirm completions' }),
  active: z.boolean().meta({ description: 'retired items leave the catalogue, My learning and coverage; their records stay' }),
};

export const CreateLearningItemSchema = z.object({
  ...itemFields,
  description: itemFields.description.default({ 'zh-CN': '', en: '' }),
  active: itemFields.active.default(true),
});
export type CreateLearningItem = z.infer<typeof CreateLearningItemSchema>;
/** Only the fields sent change. */
export const UpdateLearningItemSchema = z.object(itemFields).partial();

export const LearningItemSchema = z.object({
  id: IdSchema,
  layer: LearningLayerSchema,
  format: LearningFormatSchema,
  name: z.object({ 'zh-CN': z.string(), en: z.string() }),
  description: z.object({ 'zh-CN': z.string(), en: z.string() }),
  durationMinutes: z.number().int(),
  ownerId: IdSchema,
  ownerName: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LearningItem = z.infer<typeof LearningItemSchema>;

export const LearningItemQuerySchema = z.object({
  layer: LearningLayerSchema.optional(),
  format: LearningFormatSchema.optional(),
  ownerId: IdSchema.optional(),
  includeInactive: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .meta({ description: 'admins only: retired items too' }),
});

export const CreateAssignmentSchema = z
  .object({
    itemId: IdSchema,
    positionId: IdSchema.optional().meta({ description: 'everyone holding this position (within unitId when both are given)' }),
    unitId: IdSchema.optional().meta({ description: 'everyone in this unit and every unit below it' }),
    employeeId: IdSchema.optional().meta({ description: 'one person (alone; not with positionId or unitId)' }),
    dueAt: z.iso.date().optional().meta({ description: 'the day it should be done by' }),
  })
  .meta({ description: 'Expanded when read, so people who join the position or unit later are assigned too. A manager assigns within their unit subtree (unitId or employeeId required).' });
export type CreateAssignment = z.infer<typeof CreateAssignmentSchema>;

export const AssignmentSourceSchema = z.enum(['manual', 'reward']).meta({ description: 'reward: a training place redeemed from the reward catalogue' });

export const AssignmentSchema = z.object({
  id: IdSchema,
  itemId: IdSchema,
  itemName: z.object({ 'zh-CN': z.string(), en: z.string() }),
  layer: LearningLayerSchema,
  positionId: IdSchema.nullable(),
  positionName: z.object({ 'zh-CN': z.string(), en: z.string() }).nullable(),
  unitId: IdSchema.nullable(),
  unitName: z.object({ 'zh-CN': z.string(), en: z.string() }).nullable(),
  employeeId: IdSchema.nullable(),
  employeeName: z.string().nullable(),
  dueAt: z.string().nullable().meta({ description: 'YYYY-MM-DD' }),
  source: AssignmentSourceSchema,
  createdAt: z.string(),
  people: z.number().int().meta({ description: 'employees it reaches today, within your data scope' }),
  completed: z.number().int().meta({ description: 'of them, with a completion (declared or confirmed)' }),
  confirmed: z.number().int(),
  canWithdraw: z.boolean().meta({ description: 'whether you may withdraw it (admins; managers for their subtree; a redeemed place only by admins)' }),
});
export type Assignment = z.infer<typeof AssignmentSchema>;
export const AssignmentQuerySchema = z.object({ itemId: IdSchema.optional() });

export const CompletionStatusSchema = z.enum(['declared', 'confirmed']).meta({ description: 'declared by the employee; confirmed by the trainer, a manager above them or an admin' });
export type CompletionStatus = z.infer<typeof CompletionStatusSchema>;

export const CreateCompletionSchema = z
  .object({
    itemId: IdSchema,
    employeeId: IdSchema.optional().meta({ description: 'default: yourself (a self-declaration)' }),
    evidence: text(1000).optional().meta({ description: 'what shows it was done: a certificate number, a note, a link' }),
    completedOn: z.iso.date().optional().meta({ description: 'the day it was done (default today; never in the future)' }),
  })
  .meta({ description: 'Your own completion is declared; one recorded for someone else by the item’s trainer, their manager or an admin is confirmed at once. One record per person and item (409 already_recorded).' });
export type CreateCompletion = z.infer<typeof CreateCompletionSchema>;

export const CompletionSchema = z.object({
  id: IdSchema,
  itemId: IdSchema,
  itemName: z.object({ 'zh-CN': z.string(), en: z.string() }),
  layer: LearningLayerSchema,
  employeeId: IdSchema,
  employeeName: z.string(),
  unitId: IdSchema,
  status: CompletionStatusSchema,
  selfDeclared: z.boolean(),
  evidence: z.string().nullable(),
  completedOn: z.string(),
  recordedAt: z.string(),
  confirmedAt: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  canConfirm: z.boolean().meta({ description: 'whether you may confirm it' }),
});
export type Completion = z.infer<typeof CompletionSchema>;
export const CompletionPageSchema = pageOf(CompletionSchema);
export const CompletionQuerySchema = ListQuerySchema.extend({
  status: CompletionStatusSchema.optional(),
  itemId: IdSchema.optional(),
  employeeId: IdSchema.optional(),
  confirmable: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .meta({ description: 'only declarations you may confirm' }),
});

export const MyLearningStatusSchema = z.enum(['to_do', 'overdue', 'declared', 'confirmed']);
export type MyLearningStatus = z.infer<typeof MyLearningStatusSchema>;
export const MyLearningEntrySchema = z.object({
  item: LearningItemSchema,
  assigned: z.boolean().meta({ description: 'false: completed on your own initiative, not assigned' }),
  dueAt: z.string().nullable(),
  status: MyLearningStatusSchema,
  completion: CompletionSchema.nullable(),
});
export type MyLearningEntry = z.infer<typeof MyLearningEntrySchema>;
export const MyLearningSchema = z.object({
  employeeId: IdSchema.nullable().meta({ description: 'null when the account acts as no employee (then no items)' }),
  items: z.array(MyLearningEntrySchema),
});
export type MyLearning = z.infer<typeof MyLearningSchema>;

const FiguresSchema = z.object({
  assigned: z.number().int().meta({ description: 'person × item pairs assigned' }),
  completed: z.number().int().meta({ description: 'of them, with a completion (declared or confirmed)' }),
  confirmed: z.number().int(),
  completedPercent: z.number().nullable().meta({ description: 'completed / assigned × 100 (null when nothing is assigned)' }),
  confirmedPercent: z.number().nullable(),
});
export type CoverageFigures = z.infer<typeof FiguresSchema>;
export const CoverageRowSchema = FiguresSchema.extend({
  unitId: IdSchema,
  parentId: IdSchema.nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  depth: z.number().int().meta({ description: '0 for the view’s top unit' }),
  employees: z.number().int().meta({ description: 'people in the unit and below' }),
  byLayer: z.record(LearningLayerSchema, FiguresSchema),
});
export type CoverageRow = z.infer<typeof CoverageRowSchema>;
export const CoverageSchema = z.object({
  rootUnitIds: z.array(IdSchema),
  total: CoverageRowSchema.omit({ unitId: true, parentId: true, name: true, nameEn: true, depth: true }),
  rows: z.array(CoverageRowSchema).meta({ description: 'every unit of the view, each counting its whole subtree, parents before children' }),
});
export type Coverage = z.infer<typeof CoverageSchema>;
export const CoverageQuerySchema = z.object({ unitId: IdSchema.optional().meta({ description: 'default: your scope’s top unit (admins: the whole organisation)' }) });

export const ConfirmCompletionSchema = z.object({ note: text(500).optional() });
