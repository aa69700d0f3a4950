import { z } from 'zod';
import { IdSchema, nonEmptyText, text } from './common.ts';
import { isoTime } from './odata.ts';

// Partners (C11): suppliers, franchisees, logistics companies and vendors, their scoped report, and the
// expiring passcode links that share it.

export const PARTNER_KINDS = ['supplier', 'franchisee', 'logistics', 'vendor'] as const;
export const PartnerKindSchema = z.enum(PARTNER_KINDS);
export type PartnerKind = z.infer<typeof PartnerKindSchema>;

/** Every threshold of the partner report and its links, in one place for the server, the pages and the tests. */
export const PARTNER_LIMITS = {
  /** Verbatims are shown only when the partner has at least this many comments in the period. */
  minComments: 10,
  /** NPS and CSAT are shown only over at least this many answers (as public boards do). */
  minAnswers: 5,
  /** A theme is shown only when at least this many comments mention it: one comment's topic is close to a verbatim. */
  minThemeMentions: 2,
  minPasscode: 8,
  maxPasscode: 200,
  maxLinkDays: 365,
  /** An unlock lasts this long. */
  sessionMinutes: 30,
  /** Wrong passcodes per link within the window before the link refuses every attempt (429). */
  maxFailures: 10,
  failureWindowMinutes: 15,
  /** The periods a report can cover, in days (the query's `days`). */
  periods: [30, 90, 365] as const,
} as const;

/** `?days=90` (the default), 30 or 365: the report covers the last that many days. */
export const ReportQuerySchema = z.object({
  days: z.enum(['90', '30', '365']).default('90').meta({ description: 'the report covers the last 30, 90 or 365 days' }),
});

export const CreatePartnerSchema = z.object({
  name: nonEmptyText(200),
  kind: PartnerKindSchema,
  externalId: nonEmptyText(100).optional().meta({ description: 'your own key for the partner; CSV imports may use it as partnerExternalId' }),
  contactName: text(200).optional(),
  contactEmail: z.email().max(254).optional(),
});
export const UpdatePartnerSchema = z.object({
  name: nonEmptyText(200).optional(),
  kind: PartnerKindSchema.optional(),
  externalId: nonEmptyText(100).nullable().optional(),
  contactName: text(200).nullable().optional(),
  contactEmail: z.email().max(254).nullable().optional(),
});

export const PartnerSchema = z.object({
  id: IdSchema,
  name: z.string(),
  kind: PartnerKindSchema,
  externalId: z.string().nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  responses90d: z.number().int().meta({ description: 'responses attributed to the partner in the last 90 days' }),
  activeLinks: z.number().int(),
  fitScore: z.number().int().nullable().meta({ description: 'the latest CX-fit review, 0–100; null before the first' }),
  createdAt: z.string(),
});
export type Partner = z.infer<typeof PartnerSchema>;
export const PartnerListSchema = z.object({ items: z.array(PartnerSchema) });

export const CreateShareLinkSchema = z.object({
  expiresAt: isoTime().meta({ description: 'required; in the future and at most a year away' }),
  passcode: text(PARTNER_LIMITS.maxPasscode).meta({ description: `at least ${PARTNER_LIMITS.minPasscode} characters; stored as an argon2id hash` }),
});
export const CreatedShareLinkSchema = z.object({
  id: IdSchema,
  token: z.string().meta({ description: 'shown once; only its sha256 is stored' }),
  url: z.string(),
  expiresAt: z.string(),
});
export const ShareLinkSchema = z.object({
  id: IdSchema,
  status: z.enum(['active', 'expired', 'revoked']),
  expiresAt: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  views: z.number().int().meta({ description: 'unlocks and report reads' }),
  lastViewedAt: z.string().nullable(),
  recentFailures: z.number().int().meta({ description: `wrong passcodes in the last ${PARTNER_LIMITS.failureWindowMinutes} minutes` }),
});
export type ShareLink = z.infer<typeof ShareLinkSchema>;
export const ShareLinkListSchema = z.object({ items: z.array(ShareLinkSchema) });
export const ShareLinkParamsSchema = z.object({ id: IdSchema, linkId: IdSchema });

export const PartnerTokenParamsSchema = z.object({ token: text(200) });
export const UnlockSchema = z.object({ passcode: text(PARTNER_LIMITS.maxPasscode) });
export const UnlockedSchema = z.object({
  accessToken: z.string().meta({ description: 'also set as an HttpOnly cookie for this link only; send it as `Authorization: Bearer <accessToken>`' }),
  expiresAt: z.string(),
});

const SentimentSchema = z.enum(['positive', 'neutral', 'negative']);
const MetricSchema = z.object({
  value: z.number().nullable().meta({ description: `null over fewer than ${PARTNER_LIMITS.minAnswers} answers` }),
  answers: z.number().int(),
  previous: z.number().nullable().meta({ description: 'the same figure over the period of equal length before' }),
});
export const PartnerReportSchema = z.object({
  organisation: z.object({ name: z.string(), nameEn: z.string().nullable() }),
  partner: z.object({ name: z.string(), kind: PartnerKindSchema }),
  period: z.object({ days: z.number().int(), from: z.string(), to: z.string() }),
  metrics: z.object({
    nps: MetricSchema.meta({ description: '−100..100' }),
    csat: MetricSchema.meta({ description: 'mean 1–5' }),
  }),
  comments: z.number().int().meta({ description: 'comments in the period' }),
  minComments: z.number().int(),
  themes: z.array(z.object({ topic: z.string(), mentions: z.number().int(), positive: z.number().int(), negative: z.number().int() })),
  verbatimsShown: z.boolean(),
  verbatims: z.array(z.object({ text: z.string(), sentiment: SentimentSchema.nullable() })).meta({
    description: `personal data removed; empty unless the partner has at least ${PARTNER_LIMITS.minComments} comments in the period`,
  }),
});
export type PartnerReport = z.infer<typeof PartnerReportSchema>;

export const PartnerIdeaInputSchema = z.object({ title: nonEmptyText(200), body: text(5000).default('') });
export const PartnerIdeaSchema = z.object({ id: IdSchema, title: z.string(), body: z.string(), status: z.string(), createdAt: z.string() });
export const PartnerIdeaListSchema = z.object({ items: z.array(PartnerIdeaSchema) });

// Attribution rules: "touchpoint X (at unit Y) belongs to partner Z".
export const PartnerRuleInputSchema = z
  .object({
    touchpoint: nonEmptyText(100).optional().meta({ description: 'the touchpoint as interactions name it; leave out for anything at the unit' }),
    unitId: IdSchema.optional().meta({ description: 'only at this unit; leave out for the touchpoint anywhere' }),
    applyToPast: z.boolean().default(false).meta({ description: 'also attribute stored interactions and responses that match and name no partner' }),
  })
  .meta({ description: 'a touchpoint, a unit or both (400 invalid with neither)' });
export const PartnerRuleSchema = z.object({
  id: IdSchema,
  partnerId: IdSchema,
  touchpoint: z.string().nullable(),
  unitId: IdSchema.nullable(),
  unitName: z.string().nullable(),
  createdAt: z.string(),
});
export type PartnerRule = z.infer<typeof PartnerRuleSchema>;
export const CreatedPartnerRuleSchema = PartnerRuleSchema.extend({
  attributed: z.object({ interactions: z.number().int(), responses: z.number().int() }).meta({ description: 'stored records attributed by applyToPast' }),
});
export const PartnerRuleListSchema = z.object({ items: z.array(PartnerRuleSchema) });
export const PartnerRuleParamsSchema = z.object({ id: IdSchema, ruleId: IdSchema });

// The partner's reply to a report period: what it will change.
export const PartnerReplyInputSchema = z.object({
  body: nonEmptyText(2000),
  days: z.union([z.literal(30), z.literal(90), z.literal(365)]).default(90).meta({ description: 'the report period the reply answers' }),
});
export const PartnerReplySchema = z.object({
  id: IdSchema,
  body: z.string(),
  period: z.object({ days: z.number().int(), from: z.string(), to: z.string() }),
  via: z.enum(['link', 'key', 'user']).meta({ description: 'a share link, a partner API key, or a partner login' }),
  createdAt: z.string(),
});
export type PartnerReply = z.infer<typeof PartnerReplySchema>;
export const PartnerReplyListSchema = z.object({ items: z.array(PartnerReplySchema) });

// CX fit: five statements the organisation scores 1 (not at all) to 5 (fully) for a partner.
export const PARTNER_FIT_ITEMS = ['vision', 'feedback', 'speed', 'frontline', 'measurement'] as const;
export type PartnerFitItem = (typeof PARTNER_FIT_ITEMS)[number];
const fitScore = z.number().int().min(1).max(5);
export const PartnerFitInputSchema = z.object({
  answers: z.object(Object.fromEntries(PARTNER_FIT_ITEMS.map((k) => [k, fitScore])) as Record<PartnerFitItem, typeof fitScore>),
  note: text(2000).optional(),
});
export const PartnerFitSchema = z.object({
  id: IdSchema,
  answers: z.record(z.enum(PARTNER_FIT_ITEMS), z.number().int()),
  score: z.number().int().meta({ description: 'the mean answer on 0–100: 1 → 0, 5 → 100' }),
  band: z.enum(['strong', 'fair', 'weak']),
  note: z.string().nullable(),
  reviewedBy: z.string().nullable().meta({ description: 'the reviewer’s name, or their e-mail without an employee record' }),
  createdAt: z.string(),
});
export type PartnerFit = z.infer<typeof PartnerFitSchema>;
export const PartnerFitListSchema = z.object({ items: z.array(PartnerFitSchema).meta({ description: 'newest first' }) });

/** 1–5 answers to a 0–100 score. */
export const fitScoreOf = (answers: Record<PartnerFitItem, number>) =>
  Math.round((100 * PARTNER_FIT_ITEMS.reduce((sum, k) => sum + answers[k] - 1, 0)) / (4 * PARTNER_FIT_ITEMS.length));
/** Strong from 75 (every item at 4 "mostly" or better on average), weak under 50 (below the scale's midpoint). */
export const fitBandOf = (score: number): PartnerFit['band'] => (score >= 75 ? 'strong' : score >= 50 ? 'fair' : 'weak');
