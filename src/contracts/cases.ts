import { z } from 'zod';
import { IdSchema, nonEmptyText, text } from './common.ts';
import { CompensationTypeSchema } from './org.ts';
import { SentimentLabelSchema } from './text.ts';

// Closed loop (C6): alert rules, cases and their actions, approvals, exemptions, root causes, SLA settings.

export const PrioritySchema = z.enum(['low', 'medium', 'high', 'urgent']);
export type Priority = z.infer<typeof PrioritySchema>;
export const CaseStatusSchema = z.enum(['new', 'acknowledged', 'in_progress', 'resolved', 'closed']);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

const scoreRange = (min: number, max: number) =>
  z
    .object({ lte: z.number().int().min(min).max(max).optional(), gte: z.number().int().min(min).max(max).optional() })
    .refine((r) => r.lte !== undefined || r.gte !== undefined, 'give lte, gte or both');

const terms = (max: number) => z.array(nonEmptyText(max)).min(1).max(50);

/** A rule's conditions; `match` says whether all of them or any one must hold. */
export const AlertWhenSchema = z
  .object({
    match: z.enum(['all', 'any']).default('all'),
    nps: scoreRange(0, 10).optional(),
    csat: scoreRange(1, 5).optional(),
    ces: scoreRange(1, 7).optional(),
    sentiment: z.array(SentimentLabelSchema).min(1).max(3).optional().meta({ description: 'the comment’s sentiment label, from text analytics' }),
    keywords: terms(60).optional().meta({ description: 'any of these words in the comment (case-insensitive)' }),
    customerSegments: terms(60).optional(),
    customerValueGte: z.number().min(0).max(1e12).optional(),
    touchpoints: terms(120).optional(),
    repeatComplaint: z
      .object({ withinDays: z.number().int().min(1).max(365) })
      .optional()
      .meta({ description: 'the customer’s second complaint (NPS ≤ 6 or CSAT ≤ 2) within N days' }),
  })
  .refine((w) => Object.keys(w).some((k) => k !== 'match'), 'give at least one condition');
export type AlertWhen = z.infer<typeof AlertWhenSchema>;

export const AlertThenSchema = z
  .object({
    createCase: z.object({ priority: PrioritySchema }).optional(),
    notify: z
      .object({
        servingEmployee: z.boolean().default(true),
        unitManager: z.boolean().default(false),
        employeeIds: z.array(IdSchema).max(20).default([]),
      })
      .optional(),
    webhook: z
      .object({ url: text(500) })
      .optional()
      .meta({ description: 'the URL of one of the organisation’s enabled webhook endpoints (else 422 webhook_not_registered); each firing sends it a signed alert.triggered' }),
  })
  .refine((t) => t.createCase || t.notify || t.webhook, 'give createCase, notify or both');
export type AlertThen = z.infer<typeof AlertThenSchema>;

/** How old an answer (by `submittedAt`, against when it arrived) may be for a rule to act on it. */
export const MaxAgeHoursSchema = z
  .number()
  .int()
  .min(1)
  .max(8760)
  .meta({ description: 'answers submitted more than this many hours before they arrived (history, late batches) never open cases or notify; default 72' });
export const DEFAULT_MAX_AGE_HOURS = 72;

export const CreateAlertRuleSchema = z.object({
  name: nonEmptyText(120),
  enabled: z.boolean().default(true),
  maxAgeHours: MaxAgeHoursSchema.default(DEFAULT_MAX_AGE_HOURS),
  when: AlertWhenSchema,
  then: AlertThenSchema,
});
export const UpdateAlertRuleSchema = z.object({
  name: nonEmptyText(120).optional(),
  enabled: z.boolean().optional(),
  maxAgeHours: MaxAgeHoursSchema.optional(),
  when: AlertWhenSchema.optional(),
  then: AlertThenSchema.optional(),
});

export const AlertRuleSchema = z.object({
  id: IdSchema,
  name: z.string(),
  enabled: z.boolean(),
  maxAgeHours: z.number().int(),
  when: z.record(z.string(), z.unknown()),
  then: z.record(z.string(), z.unknown()),
  casesOpened: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AlertRule = z.infer<typeof AlertRuleSchema>;

export const TimelineEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  type: z.string(),
  actorType: z.string(),
  actorEmployeeId: IdSchema.nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const CaseSchema = z.object({
  id: IdSchema,
  status: CaseStatusSchema,
  priority: PrioritySchema,
  source: z.enum(['alert_rule', 'employee']),
  title: z.string(),
  ruleId: IdSchema.nullable(),
  responseId: IdSchema.nullable(),
  customerId: IdSchema.nullable(),
  interactionId: IdSchema.nullable(),
  employeeId: IdSchema.nullable().meta({ description: 'the serving employee' }),
  ownerId: IdSchema.nullable(),
  unitId: IdSchema.nullable(),
  dueAt: z.string().nullable().meta({ description: 'the next SLA deadline: first response while new, else resolution; null once resolved' }),
  firstResponseDueAt: z.string(),
  resolutionDueAt: z.string(),
  escalationLevel: z.number().int(),
  rootCause: z.string().nullable(),
  reopenCount: z.number().int(),
  description: z.string().nullable().default(null).meta({ description: 'what the employee who captured the case wrote' }),
  touchpoint: z.string().nullable().default(null),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type Case = z.infer<typeof CaseSchema>;

export const CaseDetailSchema = CaseSchema.extend({
  hasPhoto: z.boolean().default(false).meta({ description: 'GET /api/v1/cases/:id/photo returns it' }),
  customer: z
    .object({ name: z.string().nullable(), phone: z.string().nullable() })
    .nullable()
    .default(null)
    .meta({ description: 'who to contact to put it right: whoever may see the case may reach its customer' }),
  timeline: z.array(TimelineEntrySchema),
});
export type CaseDetail = z.infer<typeof CaseDetailSchema>;

export const CaseListQuerySchema = z.object({
  status: CaseStatusSchema.optional(),
  ownerId: IdSchema.optional(),
  unitId: IdSchema.optional().meta({ description: 'the unit and its subtree' }),
  unowned: z.enum(['true', 'false']).optional().meta({ description: 'true: open cases nobody owns (or whose owner left), to claim' }),
});

const note = text(2000).optional();
const amount = z.number().positive().max(10_000_000).multipleOf(0.01);

/** `POST /cases/:id/actions`: one action per request, by `type`. */
export const CaseActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('acknowledge'), note }),
  z.object({ type: z.literal('note'), text: nonEmptyText(2000), contact: z.boolean().default(false).meta({ description: 'a contact with the customer (call, visit, message)' }) }),
  z.object({ type: z.literal('compensate'), amount, currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY'), kind: CompensationTypeSchema, note }),
  z.object({ type: z.literal('exempt'), rule: nonEmptyText(500), reason: nonEmptyText(2000) }),
  z.object({ type: z.literal('exemption_report'), exemptionId: IdSchema, report: nonEmptyText(5000) }),
  z.object({ type: z.literal('resolve'), note, rootCause: text(60).optional() }),
  z.object({ type: z.literal('close'), rootCause: text(60).optional(), note }),
  z.object({ type: z.literal('reopen'), reason: note }),
  z.object({ type: z.literal('escalate'), reason: note }),
  z.object({ type: z.literal('claim') }),
  z
    .object({ type: z.literal('hand_over'), ownerId: IdSchema.optional(), unitId: IdSchema.optional(), note: nonEmptyText(2000) })
    .refine((a) => (a.ownerId === undefined) !== (a.unitId === undefined), { message: 'give ownerId (a colleague) or unitId (that unit’s queue)', path: ['ownerId'] }),
  z.object({ type: z.literal('approve'), approvalId: IdSchema, note }),
  z.object({ type: z.literal('reject'), approvalId: IdSchema, note }),
]);
export type CaseAction = z.infer<typeof CaseActionSchema>;

export const CaseActionResultSchema = z.object({
  status: z.string().meta({ description: '"pending" (approval requested), "executed" (compensation granted), else the case’s new status' }),
  approvalId: IdSchema.optional(),
  compensationId: IdSchema.optional(),
  exemptionId: IdSchema.optional(),
  reportDueAt: z.string().optional(),
  case: CaseDetailSchema,
});
export type CaseActionResult = z.infer<typeof CaseActionResultSchema>;

export const ApprovalSchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  requestedBy: IdSchema,
  approverId: IdSchema,
  amount: z.number(),
  currency: z.string(),
  kind: CompensationTypeSchema,
  note: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'rejected']),
  decidedBy: IdSchema.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
});
export type Approval = z.infer<typeof ApprovalSchema>;
export const ApprovalListQuerySchema = z.object({ status: z.enum(['pending', 'approved', 'rejected']).optional() });
export const ApprovalDecisionSchema = z.object({ decision: z.enum(['approve', 'reject']), note });

export const CompensationSchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  employeeId: IdSchema,
  unitId: IdSchema.nullable(),
  amount: z.number(),
  currency: z.string(),
  kind: CompensationTypeSchema,
  approvalId: IdSchema.nullable(),
  approvedBy: IdSchema.nullable(),
  createdAt: z.string(),
});
export const CompensationListQuerySchema = z.object({ caseId: IdSchema.optional(), employeeId: IdSchema.optional(), unitId: IdSchema.optional() });

export const ExemptionSchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  employeeId: IdSchema,
  rule: z.string(),
  reason: z.string(),
  reportDueAt: z.string(),
  report: z.string().nullable(),
  reportedAt: z.string().nullable(),
  isOverdue: z.boolean(),
  escalatedTo: IdSchema.nullable(),
  createdAt: z.string(),
});
export type Exemption = z.infer<typeof ExemptionSchema>;
export const ExemptionListQuerySchema = z.object({
  overdue: z.enum(['true', 'false']).optional().meta({ description: 'true: reports past due and not submitted' }),
});

const codeSchema = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,59}$/, 'lower-case letters, digits, _ . -');
export const RootCauseSchema = z.object({
  code: codeSchema,
  name: z.object({ 'zh-CN': nonEmptyText(120), en: nonEmptyText(120) }),
  parentCode: codeSchema.nullish(),
});
export type RootCause = z.infer<typeof RootCauseSchema>;
export const RootCauseListSchema = z.object({ items: z.array(RootCauseSchema).max(300) });

const slaSchema = z
  .object({ firstResponseMinutes: z.number().int().min(1).max(43_200), resolutionMinutes: z.number().int().min(1).max(525_600) })
  .refine((s) => s.resolutionMinutes >= s.firstResponseMinutes, 'resolution cannot be due before the first response');
export const CaseSettingsSchema = z.object({
  sla: z.object({ urgent: slaSchema, high: slaSchema, medium: slaSchema, low: slaSchema }),
  followUpSurveyId: IdSchema.nullable().meta({ description: 'null: the survey the customer answered' }),
  followUpChannel: z.enum(['email', 'sms']),
});
export type CaseSettings = z.infer<typeof CaseSettingsSchema>;

export const NotificationSchema = z.object({
  id: IdSchema,
  kind: z.string(),
  caseId: IdSchema.nullable(),
  title: z.object({ 'zh-CN': z.string(), en: z.string() }),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

/** The largest photo a captured case may carry (decoded bytes): a phone photo scaled down by the web client fits easily. */
export const MAX_CASE_PHOTO_BYTES = 512 * 1024;

/** A customer met for the first time, created with the case (no externalId: an integrator's key is not typed at a counter). */
export const NewCustomerSchema = z
  .object({ name: text(200).optional(), phone: text(40).optional(), email: z.email().max(254).optional() })
  .refine((c) => c.name?.trim() || c.phone?.trim() || c.email, { message: 'give the customer’s name, phone or e-mail', path: ['name'] });

/** `POST /cases`: any employee opens a case for a customer they met. */
export const CaptureCaseSchema = z
  .object({
    customerId: IdSchema.optional(),
    customer: NewCustomerSchema.optional().meta({ description: 'a new customer, instead of customerId' }),
    description: nonEmptyText(4000).meta({ description: 'what happened, in the employee’s words' }),
    priority: PrioritySchema.default('medium'),
    touchpoint: nonEmptyText(120).optional(),
    ownerId: IdSchema.optional().meta({ description: 'hand it to this colleague (default: the one who captures it owns it)' }),
    unitId: IdSchema.optional().meta({ description: 'put it in this unit’s queue, unowned, for anyone there to claim' }),
    photo: z
      .string()
      .max(Math.ceil(MAX_CASE_PHOTO_BYTES / 3) * 4 + 4)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64')
      .optional()
      .meta({ description: `base64 of a JPEG, PNG or WebP image of at most ${MAX_CASE_PHOTO_BYTES} bytes` }),
  })
  .refine((c) => (c.customerId === undefined) !== (c.customer === undefined), { message: 'give customerId or customer (a new one), not both', path: ['customerId'] })
  .refine((c) => c.ownerId === undefined || c.unitId === undefined, { message: 'hand it to a colleague or to a unit, not both', path: ['ownerId'] });
export type CaptureCase = z.infer<typeof CaptureCaseSchema>;

/** A customer as the capture page's search shows them: enough to pick the right one, the phone masked. */
export const CustomerMatchSchema = z.object({
  id: IdSchema,
  name: z.string().nullable(),
  phone: z.string().nullable().meta({ description: 'masked (138****5678) except for admins' }),
  externalId: z.string().nullable(),
});
export type CustomerMatch = z.infer<typeof CustomerMatchSchema>;
export const CustomerSearchQuerySchema = z.object({ q: nonEmptyText(100) });
