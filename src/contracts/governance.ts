import { z } from 'zod';
import { IdSchema, nonEmptyText, text } from './common.ts';

// Governance (C10): the experience committee and executive listening.

export const CommitteeRoleSchema = z.enum(['chair', 'cxo', 'member']);
export type CommitteeRole = z.infer<typeof CommitteeRoleSchema>;

const DATE = z.iso.date();
const INSTANT = z.iso.datetime({ offset: true });

export const AddCommitteeMemberSchema = z.object({
  employeeId: IdSchema,
  role: CommitteeRoleSchema.meta({ description: 'one chair per organisation (a second is 409 chair_taken)' }),
});
export const UpdateCommitteeMemberSchema = z.object({ role: CommitteeRoleSchema });
export const EmployeeParamsSchema = z.object({ employeeId: IdSchema });

export const CommitteeMemberSchema = z.object({
  employeeId: IdSchema,
  name: z.string(),
  unitId: IdSchema,
  unitName: z.string(),
  unitNameEn: z.string().nullable(),
  role: CommitteeRoleSchema,
  joinedAt: z.string(),
});
export type CommitteeMember = z.infer<typeof CommitteeMemberSchema>;

export const AgendaSourceSchema = z.enum(['manual', 'nps_mover', 'root_cause', 'exemption', 'improvement', 'verbatim']);
export const AgendaItemSchema = z.object({
  title: nonEmptyText(300),
  note: text(2000).default(''),
  source: AgendaSourceSchema.default('manual').meta({ description: 'which customer-voice suggestion the item came from' }),
  ref: text(100).nullable().default(null).meta({ description: 'the id or code of what the suggestion is about' }),
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export const DecisionStatusSchema = z.enum(['open', 'done', 'dropped']);
export type DecisionStatus = z.infer<typeof DecisionStatusSchema>;

export const CreateDecisionSchema = z.object({
  title: nonEmptyText(300),
  ownerId: IdSchema.nullable().default(null),
  dueOn: DATE,
  status: DecisionStatusSchema.default('open'),
});
export const UpdateDecisionSchema = z.object({
  title: nonEmptyText(300).optional(),
  ownerId: IdSchema.nullable().optional(),
  dueOn: DATE.optional(),
  status: DecisionStatusSchema.optional(),
});

export const CreateMeetingSchema = z.object({
  title: text(200).default(''),
  at: INSTANT,
  agenda: z.array(AgendaItemSchema).max(50).default([]),
  minutes: text(20000).default(''),
  decisions: z.array(CreateDecisionSchema).max(50).default([]),
});
export const UpdateMeetingSchema = z.object({
  title: text(200).optional(),
  at: INSTANT.optional(),
  agenda: z.array(AgendaItemSchema).max(50).optional().meta({ description: 'replaces the whole agenda' }),
  minutes: text(20000).optional(),
});

export const DecisionSchema = z.object({
  id: IdSchema,
  meetingId: IdSchema,
  meetingTitle: z.string(),
  meetingAt: z.string(),
  title: z.string(),
  ownerId: IdSchema.nullable(),
  ownerName: z.string().nullable(),
  dueOn: z.string(),
  status: DecisionStatusSchema,
  overdue: z.boolean().meta({ description: 'open and due before today (organisation time zone)' }),
  closedAt: z.string().nullable(),
});
export type Decision = z.infer<typeof DecisionSchema>;

export const MeetingSummarySchema = z.object({
  id: IdSchema,
  title: z.string(),
  at: z.string(),
  agendaCount: z.number().int(),
  decisionCount: z.number().int(),
  openDecisionCount: z.number().int(),
});
export type MeetingSummary = z.infer<typeof MeetingSummarySchema>;

export const MeetingSchema = MeetingSummarySchema.extend({
  agenda: z.array(AgendaItemSchema),
  minutes: z.string(),
  decisions: z.array(DecisionSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Meeting = z.infer<typeof MeetingSchema>;

export const DecisionListQuerySchema = z.object({ status: DecisionStatusSchema.optional() });

/** What the committee should hear before a meeting, computed from the data of the period before it. */
export const CustomerVoiceSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  previousPeriod: z.object({ from: z.string(), to: z.string() }),
  npsMovers: z.array(
    z.object({ unitId: IdSchema, unitName: z.string(), unitNameEn: z.string().nullable(), current: z.number(), previous: z.number(), change: z.number(), n: z.number().int(), previousN: z.number().int() }),
  ),
  rootCauses: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), cases: z.number().int() })),
  overdueExemptions: z.array(z.object({ id: IdSchema, caseId: IdSchema, employeeName: z.string(), rule: z.string(), reportDueAt: z.string() })),
  openImprovements: z.array(z.object({ id: IdSchema, title: z.string(), status: z.string(), ownerName: z.string().nullable(), caseCount: z.number().int() })),
  verbatims: z.array(
    z.object({
      responseId: IdSchema,
      text: z.string().meta({ description: 'PII-redacted' }),
      topic: z.string(),
      topicSize: z.number().int().meta({ description: 'comments of the period under this topic' }),
      score: z.number(),
      topicMedianScore: z.number(),
      sentiment: z.enum(['positive', 'neutral', 'negative']),
      submittedAt: z.string(),
    }),
  ),
});
export type CustomerVoice = z.infer<typeof CustomerVoiceSchema>;

// Executive listening.

export const ListeningKindSchema = z.enum(['customer_call', 'frontline_shift', 'store_visit', 'customer_meeting']);
export type ListeningKind = z.infer<typeof ListeningKindSchema>;
export const LISTENING_KINDS = ListeningKindSchema.options;

export const CreateRotationSchema = z.object({
  employeeId: IdSchema,
  kind: ListeningKindSchema,
  everyWeeks: z.number().int().min(1).max(52).meta({ description: 'cadence: one session of this kind every N weeks' }),
  note: text(500).default(''),
});
export const UpdateRotationSchema = z.object({ everyWeeks: z.number().int().min(1).max(52).optional(), note: text(500).optional() });

export const RotationSchema = z.object({
  id: IdSchema,
  employeeId: IdSchema,
  employeeName: z.string(),
  kind: ListeningKindSchema,
  everyWeeks: z.number().int(),
  note: z.string(),
  lastAt: z.string().nullable().meta({ description: 'the last logged session of this kind' }),
  dueAt: z.string().meta({ description: 'last session (or the plan’s start) + cadence' }),
  overdue: z.boolean(),
});
export type Rotation = z.infer<typeof RotationSchema>;

export const CreateSessionSchema = z.object({
  employeeId: IdSchema,
  kind: ListeningKindSchema,
  unitId: IdSchema.optional(),
  scheduledAt: INSTANT,
});
export const UpdateSessionSchema = z.object({
  kind: ListeningKindSchema.optional(),
  unitId: IdSchema.nullable().optional(),
  scheduledAt: INSTANT.optional(),
  status: z.literal('cancelled').optional().meta({ description: 'cancel a planned session' }),
});
export const LogSessionSchema = z.object({
  learnings: nonEmptyText(4000),
  heldAt: INSTANT.optional().meta({ description: 'when it took place; default now, never in the future' }),
  ideaIds: z.array(IdSchema).max(20).default([]),
  improvementIds: z.array(IdSchema).max(20).default([]),
  caseIds: z.array(IdSchema).max(20).default([]),
});

export const SessionStatusSchema = z.enum(['planned', 'done', 'cancelled']);
const LinkSchema = z.object({ id: IdSchema, title: z.string() });

export const SessionSchema = z.object({
  id: IdSchema,
  employeeId: IdSchema,
  employeeName: z.string(),
  kind: ListeningKindSchema,
  unitId: IdSchema.nullable(),
  unitName: z.string().nullable(),
  unitNameEn: z.string().nullable(),
  scheduledAt: z.string(),
  status: SessionStatusSchema,
  overdue: z.boolean().meta({ description: 'planned and its time has passed without a log' }),
  heldAt: z.string().nullable(),
  learnings: z.string().nullable().meta({ description: 'PII-redacted unless the reader held the session' }),
  ideas: z.array(LinkSchema),
  improvements: z.array(LinkSchema),
  cases: z.array(LinkSchema),
});
export type Session = z.infer<typeof SessionSchema>;

export const SessionListQuerySchema = z.object({
  from: INSTANT.optional(),
  to: INSTANT.optional(),
  employeeId: IdSchema.optional(),
  status: z.enum(['planned', 'done', 'cancelled', 'overdue']).optional(),
});

export const CoverageQuerySchema = z.object({ from: DATE.or(INSTANT), to: DATE.or(INSTANT) });
export const CoverageSchema = z.object({
  from: z.string(),
  to: z.string(),
  quarters: z.array(z.string()).meta({ description: 'the calendar quarters the range touches, e.g. 2025-Q3' }),
  rows: z.array(
    z.object({
      employeeId: IdSchema,
      name: z.string(),
      committeeRole: CommitteeRoleSchema.nullable(),
      isManager: z.boolean(),
      sessions: z.number().int().meta({ description: 'sessions held (logged) in the range' }),
      lastAt: z.string().nullable().meta({ description: 'the last session held, at any time up to the range end' }),
      planned: z.number().int().meta({ description: 'sessions still planned in the range' }),
      byQuarter: z.record(z.string(), z.number().int()),
      cadenceWeeks: z.number().int().nullable().meta({ description: 'the shortest cadence of their rotation plan' }),
      overdue: z.boolean().meta({ description: 'a rotation entry past due, or a planned session past its time' }),
    }),
  ),
});
export type Coverage = z.infer<typeof CoverageSchema>;

export const MyListeningDueSchema = z.object({
  sessions: z.array(SessionSchema).meta({ description: 'my planned sessions whose time has passed' }),
  rotations: z.array(RotationSchema).meta({ description: 'my rotation entries past due' }),
});
export type MyListeningDue = z.infer<typeof MyListeningDueSchema>;
