import { z } from 'zod';
import { IdSchema, nonEmptyText, pageOf, text } from './common.ts';
import { LocalizedTextSchema } from './surveys.ts';

// Experience audit and mystery shopping (C10, CULTURE.md §6): scored checklists (0–4 per item with guidance
// per score), evidence and attachments, owners and due dates for gaps, re-audits compared with their baseline,
// and mystery-shopping visits whose score is the `audit_score` metric.

export const AUDIT_TEMPLATE_KEYS = ['experience-audit', 'mystery-store', 'mystery-phone', 'mystery-delivery'] as const;
export const AuditTemplateKeySchema = z.enum(AUDIT_TEMPLATE_KEYS);
export type AuditTemplateKey = z.infer<typeof AuditTemplateKeySchema>;

export const AuditKindSchema = z.enum(['audit', 'mystery']);
export type AuditKind = z.infer<typeof AuditKindSchema>;
export const AuditStatusSchema = z.enum(['open', 'completed']);
export type AuditStatus = z.infer<typeof AuditStatusSchema>;
export const ConductedBySchema = z.enum(['leader', 'shopper']);

/** The scale, the gap threshold and the attachment rules, shared by the server and the web form. */
export const AUDIT_LIMITS = {
  maxScore: 4,
  /** A score at or below this is a gap: it needs an owner and a due date, and may become an improvement project. */
  gapMaxScore: 2,
  maxAttachmentBytes: 5 * 1024 * 1024,
  attachmentsPerItem: 10,
  attachmentTypes: ['image/png', 'image/jpeg', 'image/webp', 'application/pdf'],
  maxEvidence: 4000,
  maxLinks: 10,
  /** A shopper link lives this many days unless asked otherwise (at most maxLinkDays). */
  defaultLinkDays: 14,
  maxLinkDays: 60,
} as const;

/** Maturity of an area from its average score: below 1, 2, 3, 3.5, and up to 4. */
export const MATURITY_LEVELS = ['absent', 'ad_hoc', 'defined', 'managed', 'optimised'] as const;
export const MaturityLevelSchema = z.enum(MATURITY_LEVELS);
export type MaturityLevel = z.infer<typeof MaturityLevelSchema>;

export const AuditItemKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter');
const date = () => z.iso.date().meta({ description: 'YYYY-MM-DD' });

// ---- Templates ----
export const AuditAreaSchema = z.object({ key: AuditItemKeySchema, title: LocalizedTextSchema });
export type AuditArea = z.infer<typeof AuditAreaSchema>;

export const ChecklistItemSchema = z.object({
  key: AuditItemKeySchema,
  area: AuditItemKeySchema,
  title: LocalizedTextSchema,
  guidance: z.array(LocalizedTextSchema).length(5).meta({ description: 'what each score 0..4 means for this item (0 not in place … 4 always in place and measured)' }),
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

export const AuditTemplateSchema = z.object({
  key: AuditTemplateKeySchema,
  kind: AuditKindSchema,
  name: LocalizedTextSchema,
  description: LocalizedTextSchema,
  touchpoint: z.string().nullable().meta({ description: 'the touchpoint a mystery checklist is meant for (suggested when planning a visit)' }),
  areas: z.array(AuditAreaSchema),
  items: z.array(ChecklistItemSchema),
});
export type AuditTemplate = z.infer<typeof AuditTemplateSchema>;
export const AuditTemplateListSchema = z.object({ items: z.array(AuditTemplateSchema) });

// ---- Audits ----
export const CreateAuditSchema = z.object({
  templateKey: AuditTemplateKeySchema,
  title: nonEmptyText(200).optional().meta({ description: 'default: the template’s name' }),
  unitId: IdSchema.optional().meta({ description: 'the unit audited (required for a mystery visit); a manager may only name a unit of their subtree' }),
  touchpoint: nonEmptyText(100).optional().meta({ description: 'required for a mystery visit (default: the template’s touchpoint)' }),
  baselineAuditId: IdSchema.optional().meta({ description: 'a completed audit this one re-audits: its checklist is copied' }),
  ownerId: IdSchema.optional().meta({ description: 'the leader who does it' }),
  dueAt: date().optional().meta({ description: 'the planned day' }),
});
export type CreateAudit = z.infer<typeof CreateAuditSchema>;

const url = z.url({ protocol: /^https?$/ }).max(1000);
export const EvidenceSchema = z.object({
  text: text(AUDIT_LIMITS.maxEvidence).default(''),
  links: z.array(url).max(AUDIT_LIMITS.maxLinks).default([]).meta({ description: 'http(s) addresses of documents, pages or screenshots' }),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const UpdateAuditItemSchema = z.object({
  score: z.number().int().min(0).max(AUDIT_LIMITS.maxScore).nullable().optional(),
  evidence: EvidenceSchema.optional(),
  ownerId: IdSchema.nullable().optional().meta({ description: 'who closes the gap' }),
  dueAt: date().nullable().optional().meta({ description: 'by when the gap is closed' }),
});
export type UpdateAuditItem = z.infer<typeof UpdateAuditItemSchema>;

export const AttachmentSchema = z.object({
  id: IdSchema,
  fileName: z.string(),
  contentType: z.enum(AUDIT_LIMITS.attachmentTypes),
  size: z.number().int(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const AuditItemSchema = ChecklistItemSchema.extend({
  score: z.number().int().nullable(),
  isGap: z.boolean().meta({ description: `scored ${AUDIT_LIMITS.gapMaxScore} or lower` }),
  evidence: z.object({ text: z.string(), links: z.array(z.string()) }),
  ownerId: IdSchema.nullable(),
  ownerName: z.string().nullable(),
  dueAt: z.string().nullable(),
  improvementId: IdSchema.nullable().meta({ description: 'the improvement project made from this gap' }),
  attachments: z.array(AttachmentSchema),
});
export type AuditItem = z.infer<typeof AuditItemSchema>;

const auditFields = {
  id: IdSchema,
  kind: AuditKindSchema,
  templateKey: AuditTemplateKeySchema,
  templateName: LocalizedTextSchema,
  title: z.string().nullable().meta({ description: 'null: show the template’s name' }),
  unitId: IdSchema.nullable(),
  unitName: z.string().nullable(),
  unitNameEn: z.string().nullable(),
  touchpoint: z.string().nullable(),
  baselineAuditId: IdSchema.nullable(),
  ownerId: IdSchema.nullable(),
  ownerName: z.string().nullable(),
  dueAt: z.string().nullable(),
  status: AuditStatusSchema,
  conductedBy: ConductedBySchema.nullable(),
  scorePct: z.number().nullable().meta({ description: 'once completed: 100 × the sum of the scores / (4 × items)' }),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  shopperLink: z.object({ issuedAt: z.string(), expiresAt: z.string() }).nullable().meta({ description: 'an outstanding one-time link for an external shopper' }),
};

export const AuditSummarySchema = z.object({
  ...auditFields,
  itemCount: z.number().int(),
  scored: z.number().int(),
  gaps: z.number().int(),
});
export type AuditSummary = z.infer<typeof AuditSummarySchema>;
export const AuditListSchema = pageOf(AuditSummarySchema);
export const AuditListQuerySchema = z.object({ kind: AuditKindSchema.optional(), status: AuditStatusSchema.optional(), unitId: IdSchema.optional() });

export const AuditSchema = z.object({
  ...auditFields,
  notes: z.string(),
  areas: z.array(AuditAreaSchema),
  items: z.array(AuditItemSchema),
});
export type Audit = z.infer<typeof AuditSchema>;

/** The body may be left out entirely. */
export const CompleteAuditSchema = z.object({ notes: text(AUDIT_LIMITS.maxEvidence).optional() }).nullish();
export const AuditParamsSchema = z.object({ id: IdSchema });
export const AuditItemParamsSchema = z.object({ id: IdSchema, key: AuditItemKeySchema });
export const AttachmentParamsSchema = z.object({ id: IdSchema, attachmentId: IdSchema });
export const AttachmentQuerySchema = z.object({ fileName: nonEmptyText(200).optional() });

/** The body may be left out entirely (the default validity). */
export const ShopperLinkRequestSchema = z.object({ expiresInDays: z.number().int().min(1).max(AUDIT_LIMITS.maxLinkDays).default(AUDIT_LIMITS.defaultLinkDays) }).nullish();
export const ShopperLinkSchema = z.object({
  url: z.string().meta({ description: 'shown once: only its hash is kept; a fresh link replaces the earlier one' }),
  expiresAt: z.string(),
});
export type ShopperLink = z.infer<typeof ShopperLinkSchema>;

// ---- Comparison with the baseline ----
const AreaFigureSchema = z.object({ average: z.number(), level: MaturityLevelSchema });
export const AuditComparisonSchema = z.object({
  auditId: IdSchema,
  baselineAuditId: IdSchema.nullable(),
  rows: z.array(
    z.object({
      key: AuditItemKeySchema,
      area: AuditItemKeySchema,
      title: LocalizedTextSchema,
      baseline: z.number().int().nullable(),
      current: z.number().int().nullable(),
      change: z.number().int().nullable().meta({ description: 'current − baseline' }),
    }),
  ),
  areas: z.array(
    z.object({
      key: AuditItemKeySchema,
      title: LocalizedTextSchema,
      baseline: AreaFigureSchema.nullable(),
      current: AreaFigureSchema.nullable(),
      change: z.number().nullable(),
    }),
  ),
});
export type AuditComparison = z.infer<typeof AuditComparisonSchema>;

// ---- Mystery shopping results ----
export const MysteryResultsQuerySchema = z.object({ from: date().optional(), to: date().optional().meta({ description: 'exclusive' }) });
export const MysteryResultsSchema = z.object({
  rows: z.array(
    z.object({
      unitId: IdSchema,
      unitName: z.string(),
      unitNameEn: z.string().nullable(),
      touchpoint: z.string(),
      visits: z.number().int(),
      averageScore: z.number(),
      lowestScore: z.number(),
      lastVisitAt: z.string(),
    }),
  ),
});
export type MysteryResults = z.infer<typeof MysteryResultsSchema>;
