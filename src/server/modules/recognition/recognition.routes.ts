import { z } from 'zod';
import {
  AwardSchema,
  BalanceSchema,
  ChallengeSchema,
  CreateChallengeSchema,
  CreateIdeaCommentSchema,
  CreateIdeaSchema,
  CreateRedemptionSchema,
  CreateRewardSchema,
  FanCustomerSchema,
  IdeaCommentSchema,
  IdeaDetailSchema,
  IdeaQuerySchema,
  IdeaSchema,
  IdeaStatusChangeSchema,
  LeaderboardQuerySchema,
  LeaderboardSchema,
  LedgerEntrySchema,
  LedgerQuerySchema,
  ManualAwardSchema,
  PointsRulesSchema,
  PraiseHighlightSchema,
  PraiseSchema,
  PromotionCriteriaSchema,
  PutPromotionCriteriaSchema,
  ReadinessSchema,
  RedemptionDecisionSchema,
  RedemptionQuerySchema,
  RedemptionSchema,
  ReversalSchema,
  RewardSchema,
  ThankYouCardSchema,
  UpdatePointsRulesSchema,
  UpdateRewardSchema,
} from '../../../contracts/recognition.ts';
import { ErrorSchema, IdParamsSchema, IdSchema, ListQuerySchema, pageOf } from '../../../contracts/common.ts';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { createChallenge, listChallenges } from './challenges.service.ts';
import { getPromotionReadiness, listFanCustomers, listPromotionCriteria, putPromotionCriteria, recordThankYouCard } from './fans-promotion.service.ts';
import { changeIdeaStatus, commentOnIdea, createIdea, getIdea, listIdeas, voteForIdea, withdrawVote } from './ideas.service.ts';
import { awardPoints, getBalance, listLedger, reverseEntry } from './points.service.ts';
import { getPointsRules, updatePointsRules } from './points-rules.service.ts';
import { getPraiseHighlight, likePraise, listPraise } from './praise.service.ts';
import { createReward, decideRedemption, listRedemptions, listRewards, requestRedemption, updateReward } from './rewards.service.ts';
import { getLeaderboard, listAwards, runGoldenEar } from './rituals.service.ts';
import { runTeamAwards } from './team-awards.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const writeErrors = { ...errors, 409: ErrorSchema, 422: ErrorSchema };
const IdempotencyHeadersSchema = z.looseObject({ 'idempotency-key': z.string().regex(/^[\x21-\x7e]{1,200}$/).optional() });
/** Ledger entries are numbered; anything else is an unknown entry (404), like another organisation's. */
const EntryParamsSchema = z.object({ id: z.string().min(1).max(40) });
const EmployeeParamsSchema = z.object({ employeeId: IdSchema });
const PraiseParamsSchema = z.object({ responseId: IdSchema });
const CustomerParamsSchema = z.object({ customerId: IdSchema });
const PositionParamsSchema = z.object({ positionId: IdSchema });

/** Points, praise, rewards and redemptions, ideas and challenges, leaderboards and awards, fan customers and promotion readiness. */
export function registerRecognitionRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['recognition'];
  app.get('/api/v1/points/rules', { schema: { tags, response: { 200: PointsRulesSchema, ...errors } } }, (req) => getPointsRules(ctx, actorOf(req)));
  app.put('/api/v1/points/rules', { schema: { tags, body: UpdatePointsRulesSchema, response: { 200: PointsRulesSchema, ...errors } } }, (req) =>
    updatePointsRules(ctx, actorOf(req), req.body),
  );
  app.get('/api/v1/points/balances/:employeeId', { schema: { tags, params: EmployeeParamsSchema, response: { 200: BalanceSchema, ...errors } } }, (req) =>
    getBalance(ctx, actorOf(req), req.params.employeeId),
  );
  app.get(
    '/api/v1/points/ledger',
    { schema: { tags, querystring: z.object({ ...ListQuerySchema.shape, ...LedgerQuerySchema.shape }), response: { 200: pageOf(LedgerEntrySchema), ...errors } } },
    (req) => listLedger(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/points/awards',
    {
      schema: {
        tags,
        description: 'a manual award with a reason, capped per giver per month (422 monthly_cap_exceeded); 200 with the first entry when the Idempotency-Key repeats',
        headers: IdempotencyHeadersSchema,
        body: ManualAwardSchema,
        response: { 200: LedgerEntrySchema, 201: LedgerEntrySchema, ...writeErrors },
      },
    },
    async (req, reply) => {
      const { entry, isNew } = await awardPoints(ctx, actorOf(req), req.body, req.headers['idempotency-key'] as string | undefined);
      return reply.status(isNew ? 201 : 200).send(entry);
    },
  );
  app.post(
    '/api/v1/points/ledger/:id/reversal',
    { schema: { tags, description: 'a reversing entry (admins); the ledger is append-only', params: EntryParamsSchema, body: ReversalSchema, response: { 201: LedgerEntrySchema, ...writeErrors } } },
    async (req, reply) => reply.status(201).send(await reverseEntry(ctx, actorOf(req), req.params.id, req.body.reason)),
  );

  app.get(
    '/api/v1/praise',
    { schema: { tags, querystring: z.object({ ...ListQuerySchema.shape, employeeId: IdSchema.optional() }), response: { 200: pageOf(PraiseSchema), ...errors } } },
    (req) => listPraise(ctx, actorOf(req), req.query),
  );
  app.get('/api/v1/praise/highlight', { schema: { tags, response: { 200: PraiseHighlightSchema, ...errors } } }, (req) => getPraiseHighlight(ctx, actorOf(req)));
  app.post('/api/v1/praise/:responseId/likes', { schema: { tags, params: PraiseParamsSchema, response: { 200: PraiseSchema, ...writeErrors } } }, (req) =>
    likePraise(ctx, actorOf(req), req.params.responseId),
  );

  app.get('/api/v1/rewards', { schema: { tags, response: { 200: z.object({ items: z.array(RewardSchema) }), ...errors } } }, (req) => listRewards(ctx, actorOf(req)));
  app.post('/api/v1/rewards', { schema: { tags, body: CreateRewardSchema, response: { 201: RewardSchema, ...writeErrors } } }, async (req, reply) =>
    reply.status(201).send(await createReward(ctx, actorOf(req), req.body)),
  );
  app.patch('/api/v1/rewards/:id', { schema: { tags, params: IdParamsSchema, body: UpdateRewardSchema, response: { 200: RewardSchema, ...writeErrors } } }, (req) =>
    updateReward(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/redemptions',
    { schema: { tags, querystring: z.object({ ...ListQuerySchema.shape, ...RedemptionQuerySchema.shape }), response: { 200: pageOf(RedemptionSchema), ...errors } } },
    (req) => listRedemptions(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/redemptions',
    { schema: { tags, description: 'debits the cost at once (422 insufficient_points); a manager approves or rejects (refund)', body: CreateRedemptionSchema, response: { 201: RedemptionSchema, ...writeErrors } } },
    async (req, reply) => reply.status(201).send(await requestRedemption(ctx, actorOf(req), req.body)),
  );
  app.post(
    '/api/v1/redemptions/:id/decision',
    { schema: { tags, params: IdParamsSchema, body: RedemptionDecisionSchema, response: { 200: RedemptionSchema, ...writeErrors } } },
    (req) => decideRedemption(ctx, actorOf(req), req.params.id, req.body.decision, req.body.note),
  );

  app.get(
    '/api/v1/ideas',
    { schema: { tags, querystring: z.object({ ...ListQuerySchema.shape, ...IdeaQuerySchema.shape }), response: { 200: pageOf(IdeaSchema), ...errors } } },
    (req) => listIdeas(ctx, actorOf(req), req.query),
  );
  app.post('/api/v1/ideas', { schema: { tags, body: CreateIdeaSchema, response: { 201: IdeaSchema, ...writeErrors } } }, async (req, reply) =>
    reply.status(201).send(await createIdea(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/ideas/:id', { schema: { tags, params: IdParamsSchema, response: { 200: IdeaDetailSchema, ...errors } } }, (req) => getIdea(ctx, actorOf(req), req.params.id));
  app.post(
    '/api/v1/ideas/:id/votes',
    { schema: { tags, description: 'one vote per person (409 already_voted)', params: IdParamsSchema, response: { 201: IdeaSchema, ...writeErrors } } },
    async (req, reply) => reply.status(201).send(await voteForIdea(ctx, actorOf(req), req.params.id)),
  );
  app.delete('/api/v1/ideas/:id/votes', { schema: { tags, params: IdParamsSchema, response: { 200: IdeaSchema, ...writeErrors } } }, (req) =>
    withdrawVote(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/ideas/:id/status',
    {
      schema: {
        tags,
        description: 'open → under_review → accepted → in_progress → implemented, or declined / duplicate (409 invalid_transition); accepted gives the author the rule’s points once',
        params: IdParamsSchema,
        body: IdeaStatusChangeSchema,
        response: { 200: IdeaSchema, ...writeErrors },
      },
    },
    (req) => changeIdeaStatus(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post('/api/v1/ideas/:id/comments', { schema: { tags, params: IdParamsSchema, body: CreateIdeaCommentSchema, response: { 201: IdeaCommentSchema, ...writeErrors } } }, async (req, reply) =>
    reply.status(201).send(await commentOnIdea(ctx, actorOf(req), req.params.id, req.body.body)),
  );
  app.get('/api/v1/challenges', { schema: { tags, response: { 200: z.object({ items: z.array(ChallengeSchema) }), ...errors } } }, (req) => listChallenges(ctx, actorOf(req)));
  app.post('/api/v1/challenges', { schema: { tags, body: CreateChallengeSchema, response: { 201: ChallengeSchema, ...writeErrors } } }, async (req, reply) =>
    reply.status(201).send(await createChallenge(ctx, actorOf(req), req.body)),
  );

  app.get('/api/v1/leaderboards', { schema: { tags, querystring: LeaderboardQuerySchema, response: { 200: LeaderboardSchema, ...errors } } }, (req) =>
    getLeaderboard(ctx, actorOf(req), req.query),
  );
  app.get('/api/v1/awards', { schema: { tags, response: { 200: z.object({ items: z.array(AwardSchema) }), ...errors } } }, (req) => listAwards(ctx, actorOf(req)));
  app.post(
    '/api/v1/awards/golden-ear',
    {
      schema: {
        tags,
        description: 'grants a month’s Golden Ear now (default: last month; 409 already_awarded, 409 period_not_over)',
        body: z.object({ period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional() }),
        response: { 200: z.object({ items: z.array(AwardSchema) }), ...writeErrors },
      },
    },
    (req) => runGoldenEar(ctx, actorOf(req), req.body.period),
  );
  app.post(
    '/api/v1/awards/team',
    {
      schema: {
        tags,
        description: 'grants a finished year’s team awards now to every unit that met all its metric-tree targets (default: last year; 409 already_awarded, 409 period_not_over)',
        body: z.object({ year: z.number().int().min(2000).max(2100).optional() }),
        response: { 200: z.object({ items: z.array(AwardSchema), granted: z.number().int() }), ...writeErrors },
      },
    },
    (req) => runTeamAwards(ctx, actorOf(req), req.body.year),
  );

  app.get(
    '/api/v1/fan-customers',
    { schema: { tags, querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }), response: { 200: z.object({ items: z.array(FanCustomerSchema) }), ...errors } } },
    (req) => listFanCustomers(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/fan-customers/:customerId/cards',
    { schema: { tags, params: CustomerParamsSchema, body: ThankYouCardSchema, response: { 201: z.object({ customerId: IdSchema, cardSentAt: z.string() }), ...writeErrors } } },
    async (req, reply) => reply.status(201).send(await recordThankYouCard(ctx, actorOf(req), req.params.customerId, req.body.note)),
  );
  app.get('/api/v1/promotion-criteria', { schema: { tags, response: { 200: z.object({ items: z.array(PromotionCriteriaSchema) }), ...errors } } }, (req) =>
    listPromotionCriteria(ctx, actorOf(req)),
  );
  app.put(
    '/api/v1/promotion-criteria/:positionId',
    { schema: { tags, params: PositionParamsSchema, body: PutPromotionCriteriaSchema, response: { 200: PromotionCriteriaSchema, ...writeErrors } } },
    (req) => putPromotionCriteria(ctx, actorOf(req), req.params.positionId, req.body),
  );
  app.get('/api/v1/promotion-readiness/:positionId', { schema: { tags, params: PositionParamsSchema, response: { 200: ReadinessSchema, ...errors } } }, (req) =>
    getPromotionReadiness(ctx, actorOf(req), req.params.positionId),
  );
}
