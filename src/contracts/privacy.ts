import { z } from 'zod';

// Privacy (issue 18): what is held about a customer, their erasure, and how long each kind of data is kept.

/** Retention limits are whole months in this range; null (or absent) keeps that kind of data for ever. */
export const RETENTION_MONTHS = { min: 1, max: 120 } as const;

export const RETENTION_KINDS = ['responsesMonths', 'commentsMonths', 'casesMonths', 'messagesMonths', 'sessionsMonths'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

// The range is checked by the service, which answers 400 `retention_out_of_range` naming the field; the schema
// only keeps the value a safe integer so nothing odd reaches it.
const months = z
  .number()
  .int()
  .min(-1_000_000)
  .max(1_000_000)
  .nullable()
  .optional()
  .meta({ description: `whole months, ${RETENTION_MONTHS.min}–${RETENTION_MONTHS.max}; null keeps for ever` });

/** `PUT /api/v1/privacy/retention`: the limits given replace the stored ones; absent ones are kept. */
export const RetentionInputSchema = z.strictObject({
  responsesMonths: months.meta({ description: 'responses older than this lose their customer, interaction, link and free text; scores stay' }),
  commentsMonths: months.meta({ description: 'comment text (and free-text answers, their analysis and praise text) older than this is removed' }),
  casesMonths: months.meta({ description: 'cases closed longer ago than this lose their customer, description, notes and photos; timings stay' }),
  messagesMonths: months.meta({ description: 'survey invitations and reminders (address and text) older than this are deleted' }),
  sessionsMonths: months.meta({ description: 'login sessions and partner-link access records (addresses, browsers) older than this are deleted' }),
});
export type RetentionInput = z.infer<typeof RetentionInputSchema>;

export const RetentionRunSchema = z.object({
  at: z.string(),
  responses: z.number().int(),
  comments: z.number().int(),
  cases: z.number().int(),
  messages: z.number().int(),
  sessions: z.number().int(),
});
export type RetentionRun = z.infer<typeof RetentionRunSchema>;

export const RetentionSchema = z.object({
  responsesMonths: z.number().int().nullable(),
  commentsMonths: z.number().int().nullable(),
  casesMonths: z.number().int().nullable(),
  messagesMonths: z.number().int().nullable(),
  sessionsMonths: z.number().int().nullable(),
  updatedAt: z.string().nullable(),
  lastRun: RetentionRunSchema.nullable().meta({ description: 'what the daily job did the last time it ran for this organisation' }),
});
export type Retention = z.infer<typeof RetentionSchema>;

/** How many rows of each kind name or describe the customer: the page's preview before export or erasure. */
export const HeldCountsSchema = z.object({
  interactions: z.number().int(),
  behaviourEvents: z.number().int(),
  responses: z.number().int(),
  comments: z.number().int(),
  textAnalyses: z.number().int(),
  cases: z.number().int(),
  caseNotes: z.number().int(),
  surveyLinks: z.number().int(),
  messages: z.number().int(),
  drafts: z.number().int(),
  praise: z.number().int(),
  thankYouCards: z.number().int(),
  compensations: z.number().int(),
  auditEntries: z.number().int(),
});
export type HeldCounts = z.infer<typeof HeldCountsSchema>;

export const PreviewSchema = z.object({
  customer: z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), externalId: z.string().nullable() }),
  counts: HeldCountsSchema,
});
export type Preview = z.infer<typeof PreviewSchema>;

const rows = z.array(z.record(z.string(), z.unknown()));

/** `GET /api/v1/privacy/customers/:id/export`: every row held about the customer, by kind, as stored. */
export const CustomerExportSchema = z.object({
  format: z.literal('lodestar.customer-export.v1'),
  exportedAt: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  customer: z.record(z.string(), z.unknown()),
  interactions: rows,
  behaviourEvents: rows,
  responses: rows.meta({ description: 'each with its answers, comment and the comment’s analysis' }),
  drafts: rows,
  cases: rows.meta({ description: 'each with its timeline (notes included), compensations and approvals' }),
  surveyLinks: rows,
  messages: rows,
  praise: rows,
  thankYouCards: rows,
  auditEntries: rows,
});
export type CustomerExport = z.infer<typeof CustomerExportSchema>;

export const ErasureResultSchema = z.object({
  customerId: z.string(),
  status: z.literal('erased'),
  erasedAt: z.string(),
  repeated: z.boolean().meta({ description: 'true when this id was erased before: the first erasure’s time and counts, nothing done again' }),
  counts: z.record(z.string(), z.number().int()).meta({ description: 'rows deleted or anonymised, by kind' }),
});
export type ErasureResult = z.infer<typeof ErasureResultSchema>;

export const PrivacyHistoryItemSchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.enum(['customer_exported', 'customer_erased', 'retention_updated']),
  customerRef: z.string().nullable().meta({ description: 'Lodestar’s id of the customer (maps to nobody once erased)' }),
  actor: z.string().nullable().meta({ description: 'the acting user’s e-mail, or the API key’s name' }),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type PrivacyHistoryItem = z.infer<typeof PrivacyHistoryItemSchema>;
export const PrivacyHistorySchema = z.object({ items: z.array(PrivacyHistoryItemSchema) });
