import { z } from 'zod';
import { IdSchema, nonEmptyText, text } from './common.ts';

// Care after hard cases: hard-case flags, support requests private to the two people involved, and the
// aggregates managers may see (suppressed unit counts, case load weighted by difficulty).

/** Groups smaller than this show no count anywhere: the one place the support summary's threshold lives. */
export const SUPPORT_MIN_GROUP = 5;
/** The summary counts requests of this many days. */
export const SUPPORT_WINDOW_DAYS = 90;

export const HardFlagReasonSchema = z.enum(['abusive_customer', 'long_escalation', 'distressing']);
export type HardFlagReason = z.infer<typeof HardFlagReasonSchema>;

export const CreateHardFlagSchema = z.object({ caseId: IdSchema, reason: HardFlagReasonSchema });
export const HardFlagSchema = z.object({ caseId: IdSchema, caseTitle: z.string(), reason: HardFlagReasonSchema, createdAt: z.string() });
export type HardFlag = z.infer<typeof HardFlagSchema>;
export const HardFlagParamsSchema = z.object({ caseId: IdSchema });

export const SupportKindSchema = z.enum(['talk', 'break', 'counselling']);
export type SupportKind = z.infer<typeof SupportKindSchema>;
export const SupportStatusSchema = z.enum(['open', 'accepted', 'completed']);

export const CreateSupportRequestSchema = z.object({
  caseId: IdSchema.optional().meta({ description: 'the case that weighs on you (one you can see)' }),
  kind: SupportKindSchema,
  note: text(2000).optional(),
  supporterId: IdSchema.optional().meta({ description: 'the colleague or manager you ask; without one the request is a private note to yourself' }),
});
export type CreateSupportRequest = z.infer<typeof CreateSupportRequestSchema>;

export const UpdateSupportRequestSchema = z.object({
  status: z.enum(['accepted', 'completed']).meta({ description: 'accepted: the supporter takes it on; completed: either of the two closes it' }),
});

const PersonSchema = z.object({ id: IdSchema, name: z.string() });
export const SupportRequestSchema = z.object({
  id: IdSchema,
  kind: SupportKindSchema,
  note: z.string().nullable(),
  status: SupportStatusSchema,
  myRole: z.enum(['requester', 'supporter']),
  requester: PersonSchema,
  supporter: PersonSchema.nullable(),
  caseId: IdSchema.nullable(),
  caseTitle: z.string().nullable(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export type SupportRequest = z.infer<typeof SupportRequestSchema>;

export const UnitSupportCountSchema = z.object({
  unitId: IdSchema,
  unitName: z.string(),
  unitNameEn: z.string().nullable(),
  suppressed: z.boolean(),
  count: z.number().int().nullable().meta({ description: `null when suppressed (fewer than ${SUPPORT_MIN_GROUP}, including none)` }),
});

/** One person's open cases weighted by difficulty, never with reasons or notes. */
export const CaseLoadRowSchema = z.object({
  employeeId: IdSchema,
  name: z.string(),
  unitName: z.string().nullable(),
  unitNameEn: z.string().nullable(),
  openCases: z.number().int(),
  urgentOrHigh: z.number().int(),
  escalated: z.number().int(),
  hardCases: z.number().int().meta({ description: 'open cases someone flagged as hard (who and why are never shown)' }),
  oldestOpenDays: z.number(),
  load: z.number().meta({ description: 'the sum of the open cases’ difficulty (see `weights`)' }),
});
export type CaseLoadRow = z.infer<typeof CaseLoadRowSchema>;

export const SupportSummarySchema = z.object({
  minGroupSize: z.number().int(),
  windowDays: z.number().int(),
  units: z.array(UnitSupportCountSchema),
  caseLoad: z.array(CaseLoadRowSchema),
  weights: z.object({ priority: z.record(z.string(), z.number()), perEscalation: z.number(), hardCase: z.number(), perOpenWeek: z.number(), maxAgeWeight: z.number() }),
});
export type SupportSummary = z.infer<typeof SupportSummarySchema>;

/** A colleague one may hand a case to or ask for support. */
export const ColleagueSchema = z.object({
  id: IdSchema,
  name: z.string(),
  unitId: IdSchema,
  unitName: z.string(),
  unitNameEn: z.string().nullable(),
  relation: z.enum(['manager', 'same_unit', 'other']),
});
export type Colleague = z.infer<typeof ColleagueSchema>;
export const ColleagueQuerySchema = z.object({ q: nonEmptyText(60).optional() });
