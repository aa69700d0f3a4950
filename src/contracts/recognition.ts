import { z } from 'zod';
import { IdSchema, nonEmptyText, text } from './common.ts';

// Recognition and rituals (C7) and the idea board (C8): points, praise, rewards, ideas, awards.

const points = (max = 100_000) => z.number().int().min(0).max(max);

/** The organisation's points rules; a missing field keeps its default. */
export const PointsRulesSchema = z.object({
  praise: points().meta({ description: 'customer praise, to the serving employee' }),
  ideaAccepted: points().meta({ description: 'an improvement idea accepted, to its author' }),
  majorCaseResolved: points().meta({ description: 'a high or urgent case closed, to its owner' }),
  insightCaptured: points().meta({ description: 'a case an employee captured for a customer they met, to that employee' }),
  manualMonthlyCap: points(1_000_000).meta({ description: 'points one person may award by hand per calendar month' }),
  goldenEarRule: z
    .enum(['customer_ideas', 'praise', 'points'])
    .meta({ description: 'Golden Ear: most accepted ideas sourced from customer feedback (default), most praise, or most points earned' }),
});
export type PointsRules = z.infer<typeof PointsRulesSchema>;
export const UpdatePointsRulesSchema = PointsRulesSchema.partial();

export const SourceTypeSchema = z.enum(['praise', 'idea_accepted', 'case_resolved', 'manual', 'reversal', 'redemption', 'redemption_refund', 'insight_captured']);
export type SourceType = z.infer<typeof SourceTypeSchema>;

export const LedgerEntrySchema = z.object({
  id: z.string(),
  employeeId: IdSchema,
  employeeName: z.string(),
  delta: z.number().int(),
  reason: z.string(),
  sourceType: SourceTypeSchema,
  sourceId: z.string(),
  awardedBy: z.string().nullable(),
  at: z.string(),
  isReversed: z.boolean(),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

export const LedgerQuerySchema = z.object({
  employeeId: IdSchema.optional(),
  sourceType: SourceTypeSchema.optional(),
});

export const BalanceSchema = z.object({ employeeId: IdSchema, balance: z.number().int(), earned: z.number().int() });
export type Balance = z.infer<typeof BalanceSchema>;

export const ManualAwardSchema = z.object({
  employeeId: IdSchema,
  points: z.number().int().min(1).max(10_000),
  reason: nonEmptyText(500),
});
export type ManualAward = z.infer<typeof ManualAwardSchema>;

export const ReversalSchema = z.object({ reason: nonEmptyText(500) });

export const PraiseSchema = z.object({
  responseId: IdSchema,
  employeeId: IdSchema.nullable(),
  employeeName: z.string().nullable(),
  unitId: IdSchema.nullable(),
  unitName: z.string().nullable(),
  touchpoint: z.string().nullable(),
  text: z.string(),
  nps: z.number().int().nullable(),
  csat: z.number().int().nullable(),
  sentimentScore: z.number(),
  likes: z.number().int(),
  isLikedByMe: z.boolean(),
  submittedAt: z.string(),
});
export type Praise = z.infer<typeof PraiseSchema>;

export const PraiseHighlightSchema = z.object({ day: z.string().nullable(), praise: PraiseSchema.nullable() });
export type PraiseHighlight = z.infer<typeof PraiseHighlightSchema>;

/** `praise.received`, live to everyone in the organisation. */
export interface PraiseReceived {
  responseId: string;
  employeeId: string | null;
  employeeName: string | null;
  unitId: string | null;
  unitName: string | null;
  touchpoint: string | null;
  text: string;
  nps: number | null;
  csat: number | null;
  sentimentScore: number;
  submittedAt: string;
  points: number;
}

/** `points.awarded`, live to the employee, their managers and admins. */
export interface PointsAwarded {
  entryId: string;
  employeeId: string;
  unitId: string | null;
  delta: number;
  balance: number;
  sourceType: SourceType;
  sourceId: string;
  reason: string;
}

export const RewardKindSchema = z.enum(['leave', 'training', 'innovation_fund', 'gift', 'other']);
export const RewardSchema = z.object({
  id: IdSchema,
  name: z.string(),
  nameEn: z.string(),
  description: z.string(),
  descriptionEn: z.string(),
  kind: RewardKindSchema,
  cost: z.number().int(),
  active: z.boolean(),
  learningItemId: IdSchema.nullable().meta({ description: 'a training place: approving a redemption enrols the person on this learning item' }),
});
export type Reward = z.infer<typeof RewardSchema>;
const rewardFields = {
  name: nonEmptyText(120),
  nameEn: nonEmptyText(120),
  description: text(1000),
  descriptionEn: text(1000),
  kind: RewardKindSchema,
  cost: z.number().int().min(1).max(1_000_000),
  active: z.boolean(),
  learningItemId: IdSchema.nullable().meta({ description: 'a learning item this reward is a place on (null: none)' }),
};
export const CreateRewardSchema = z.object({
  ...rewardFields,
  description: rewardFields.description.default(''),
  descriptionEn: rewardFields.descriptionEn.default(''),
  active: rewardFields.active.default(true),
  learningItemId: rewardFields.learningItemId.default(null),
});
/** Only the fields sent change: no defaults here, or disabling a reward would blank its descriptions and any edit would enable it again. */
export const UpdateRewardSchema = z.object(rewardFields).partial();

export const RedemptionStatusSchema = z.enum(['pending', 'approved', 'rejected']);
export const RedemptionSchema = z.object({
  id: IdSchema,
  rewardId: IdSchema,
  rewardName: z.string(),
  rewardNameEn: z.string(),
  employeeId: IdSchema,
  employeeName: z.string(),
  cost: z.number().int(),
  status: RedemptionStatusSchema,
  note: z.string().nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export type Redemption = z.infer<typeof RedemptionSchema>;
export const CreateRedemptionSchema = z.object({ rewardId: IdSchema, note: text(500).optional() });
export const RedemptionQuerySchema = z.object({ status: RedemptionStatusSchema.optional(), employeeId: IdSchema.optional() });
export const RedemptionDecisionSchema = z.object({ decision: z.enum(['approve', 'reject']), note: text(500).optional() });

export const IdeaStatusSchema = z.enum(['open', 'under_review', 'accepted', 'in_progress', 'implemented', 'declined', 'duplicate']);
export type IdeaStatus = z.infer<typeof IdeaStatusSchema>;

export const IdeaSchema = z.object({
  id: IdSchema,
  title: z.string(),
  body: z.string(),
  status: IdeaStatusSchema,
  authorKind: z.enum(['employee', 'partner']),
  authorEmployeeId: IdSchema.nullable(),
  authorName: z.string().nullable(),
  challengeId: IdSchema.nullable(),
  responseId: IdSchema.nullable(),
  caseId: IdSchema.nullable(),
  duplicateOf: IdSchema.nullable(),
  votes: z.number().int(),
  comments: z.number().int(),
  hasMyVote: z.boolean(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  implementedAt: z.string().nullable(),
});
export type Idea = z.infer<typeof IdeaSchema>;

export const IdeaCommentSchema = z.object({ id: IdSchema, authorName: z.string().nullable(), body: z.string(), createdAt: z.string() });
export type IdeaComment = z.infer<typeof IdeaCommentSchema>;
/** One step of an idea's review: the status it moved to, when, by whom (when known) and the reviewer's note. */
export const IdeaStatusEventSchema = z.object({ status: IdeaStatusSchema, at: z.string(), byName: z.string().nullable(), note: z.string().nullable() });
export type IdeaStatusEvent = z.infer<typeof IdeaStatusEventSchema>;
export const IdeaDetailSchema = IdeaSchema.extend({ commentList: z.array(IdeaCommentSchema), history: z.array(IdeaStatusEventSchema) });
export type IdeaDetail = z.infer<typeof IdeaDetailSchema>;

export const CreateIdeaSchema = z.object({
  title: nonEmptyText(200),
  body: text(5000).default(''),
  challengeId: IdSchema.optional(),
  responseId: IdSchema.optional(),
  caseId: IdSchema.optional(),
});
export const IdeaQuerySchema = z.object({
  status: IdeaStatusSchema.optional(),
  challengeId: IdSchema.optional(),
  sort: z.enum(['new', 'top']).default('new'),
});
export const IdeaStatusChangeSchema = z.object({
  status: IdeaStatusSchema,
  duplicateOf: IdSchema.optional(),
  note: text(1000).optional(),
});
export const CreateIdeaCommentSchema = z.object({ body: nonEmptyText(2000) });

export const ChallengeSchema = z.object({
  id: IdSchema,
  theme: z.string(),
  description: z.string(),
  deadline: z.string(),
  isOpen: z.boolean(),
  ideas: z.number().int(),
});
export type Challenge = z.infer<typeof ChallengeSchema>;
export const CreateChallengeSchema = z.object({ theme: nonEmptyText(200), description: text(2000).default(''), deadline: z.iso.datetime({ offset: true }) });

export const LeaderboardQuerySchema = z.object({
  kind: z.enum(['points', 'praise']).default('points'),
  period: z.enum(['month', 'quarter', 'year', 'all']).default('month'),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});
export const LeaderboardSchema = z.object({
  kind: z.enum(['points', 'praise']),
  period: z.enum(['month', 'quarter', 'year', 'all']),
  from: z.string().nullable(),
  rows: z.array(z.object({ rank: z.number().int(), employeeId: IdSchema, employeeName: z.string(), unitName: z.string().nullable(), value: z.number() })),
});
export type Leaderboard = z.infer<typeof LeaderboardSchema>;

export const AwardSchema = z.object({
  id: IdSchema,
  kind: z.enum(['golden_ear', 'team']),
  period: z.string(),
  employeeId: IdSchema.nullable(),
  employeeName: z.string().nullable(),
  unitId: IdSchema.nullable(),
  unitName: z.string().nullable(),
  reason: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type Award = z.infer<typeof AwardSchema>;

export const FanCustomerSchema = z.object({
  customerId: IdSchema,
  name: z.string().nullable(),
  promoterAnswers: z.number().int(),
  praise: z.number().int(),
  lastAt: z.string(),
  cardSentAt: z.string().nullable(),
});
export type FanCustomer = z.infer<typeof FanCustomerSchema>;
export const ThankYouCardSchema = z.object({ note: text(500).optional() });

export const PromotionCriteriaSchema = z.object({
  positionId: IdSchema,
  positionName: z.string(),
  minImplementedIdeas: z.number().int().min(0).max(1000),
  minNps: z.number().min(-100).max(100).nullable(),
  minResponses: z.number().int().min(0).max(100_000),
  minPraise: z.number().int().min(0).max(100_000),
  minInsights: z.number().int().min(0).max(100_000).default(0).meta({ description: 'customer insights captured (cases opened by the employee) in 12 months' }),
});
export type PromotionCriteria = z.infer<typeof PromotionCriteriaSchema>;
export const PutPromotionCriteriaSchema = PromotionCriteriaSchema.omit({ positionName: true, positionId: true });

export const ReadinessSchema = z.object({
  positionId: IdSchema,
  positionName: z.string(),
  candidates: z.array(
    z.object({
      employeeId: IdSchema,
      employeeName: z.string(),
      unitName: z.string().nullable(),
      unitNameEn: z.string().nullable(),
      implementedIdeas: z.number().int(),
      nps: z.number().nullable(),
      responses: z.number().int(),
      praise: z.number().int(),
      insights: z.number().int().default(0),
      isReady: z.boolean(),
      missing: z.array(z.object({ criterion: z.enum(['implementedIdeas', 'nps', 'responses', 'praise', 'insights']), have: z.number().nullable(), need: z.number() })),
    }),
  ),
});
export type Readiness = z.infer<typeof ReadinessSchema>;
