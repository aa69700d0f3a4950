import type {
  Award,
  Balance,
  Challenge,
  FanCustomer,
  Idea,
  IdeaDetail,
  IdeaStatus,
  Leaderboard,
  LedgerEntry,
  PointsRules,
  Praise,
  PraiseHighlight,
  PraiseReceived,
  Redemption,
  Reward,
} from '../../../contracts/recognition.ts';
import type { Position } from '../../../contracts/org.ts';
import type { PromotionCriteria, Readiness } from '../../../contracts/recognition.ts';
import { apiDelete, apiGet, apiPatch, apiPost, apiPut, fetchAllPages, type Page } from '../../shared/api/client.ts';

export type { Award, Balance, Challenge, FanCustomer, Idea, IdeaDetail, IdeaStatus, Leaderboard, LedgerEntry, PointsRules, Praise, PraiseHighlight, PraiseReceived, Redemption, Reward };

export const listPraise = (cursor: string | null, signal?: AbortSignal) => apiGet<Page<Praise>>('/praise', { limit: 30, cursor }, signal);
export const getHighlight = (signal?: AbortSignal) => apiGet<PraiseHighlight>('/praise/highlight', undefined, signal);
export const likePraise = (responseId: string) => apiPost<Praise>(`/praise/${responseId}/likes`);

export const getBalance = (employeeId: string, signal?: AbortSignal) => apiGet<Balance>(`/points/balances/${employeeId}`, undefined, signal);
export const listLedger = (query: { employeeId?: string; cursor?: string | null }, signal?: AbortSignal) =>
  apiGet<Page<LedgerEntry>>('/points/ledger', { limit: 20, ...query }, signal);
export const awardPoints = (input: { employeeId: string; points: number; reason: string }) => apiPost<LedgerEntry>('/points/awards', input);
export const getRules = (signal?: AbortSignal) => apiGet<PointsRules>('/points/rules', undefined, signal);
export const saveRules = (rules: Partial<PointsRules>) => apiPut<PointsRules>('/points/rules', rules);

export const listRewards = async (signal?: AbortSignal) => (await apiGet<{ items: Reward[] }>('/rewards', undefined, signal)).items;
export const listRedemptions = (query: { status?: string; employeeId?: string }, signal?: AbortSignal) =>
  apiGet<Page<Redemption>>('/redemptions', { limit: 50, ...query }, signal);
export const redeem = (rewardId: string) => apiPost<Redemption>('/redemptions', { rewardId });
export const decideRedemption = (id: string, decision: 'approve' | 'reject') => apiPost<Redemption>(`/redemptions/${id}/decision`, { decision });

export const listIdeas = (query: { status?: string; sort: 'new' | 'top'; challengeId?: string }, signal?: AbortSignal) =>
  apiGet<Page<Idea>>('/ideas', { limit: 100, ...query }, signal);
export const createIdea = (input: { title: string; body: string; challengeId?: string }) => apiPost<Idea>('/ideas', input);
export const vote = (id: string) => apiPost<Idea>(`/ideas/${id}/votes`);
export const unvote = (id: string) => apiDelete(`/ideas/${id}/votes`);
export const listChallenges = async (signal?: AbortSignal) => (await apiGet<{ items: Challenge[] }>('/challenges', undefined, signal)).items;

export const getLeaderboard = (kind: 'points' | 'praise', period: string, signal?: AbortSignal) =>
  apiGet<Leaderboard>('/leaderboards', { kind, period, limit: 10 }, signal);
export const listAwards = async (signal?: AbortSignal) => (await apiGet<{ items: Award[] }>('/awards', undefined, signal)).items;
export const grantTeamAwards = (year: number) => apiPost<{ items: Award[]; granted: number }>('/awards/team', { year });
export const listFans = async (signal?: AbortSignal) => (await apiGet<{ items: FanCustomer[] }>('/fan-customers', undefined, signal)).items;
export const sendCard = (customerId: string) => apiPost<{ cardSentAt: string }>(`/fan-customers/${customerId}/cards`, {});

// Recognition settings (admins): points rules are getRules/saveRules above; the reward catalogue.
export type RewardInput = Omit<Reward, 'id'>;
export const createReward = (input: RewardInput) => apiPost<Reward>('/rewards', input);
export const updateReward = (id: string, input: Partial<RewardInput>) => apiPatch<Reward>(`/rewards/${id}`, input);

// Promotion readiness: positions and their criteria, and who meets them.
export type { Position, PromotionCriteria, Readiness };
export type CriteriaInput = Omit<PromotionCriteria, 'positionId' | 'positionName'>;
export const listPositions = (signal?: AbortSignal) => fetchAllPages<Position>('/positions', {}, signal);
export const listPromotionCriteria = async (signal?: AbortSignal) =>
  (await apiGet<{ items: PromotionCriteria[] }>('/promotion-criteria', undefined, signal)).items;
export const putPromotionCriteria = (positionId: string, input: CriteriaInput) => apiPut<PromotionCriteria>(`/promotion-criteria/${positionId}`, input);
export const getReadiness = (positionId: string, signal?: AbortSignal) => apiGet<Readiness>(`/promotion-readiness/${positionId}`, undefined, signal);

// The idea board's detail, comments, review and challenges (C8).
export type IdeaComment = IdeaDetail['commentList'][number];
export type IdeaStatusEvent = IdeaDetail['history'][number];
export const getIdea = (id: string, signal?: AbortSignal) => apiGet<IdeaDetail>(`/ideas/${id}`, undefined, signal);
export const commentOnIdea = (id: string, body: string) => apiPost<IdeaComment>(`/ideas/${id}/comments`, { body });
export const reviewIdea = (id: string, change: { status: IdeaStatus; note?: string; duplicateOf?: string }) => apiPost<Idea>(`/ideas/${id}/status`, change);
export const createChallenge = (input: { theme: string; description: string; deadline: string }) => apiPost<Challenge>('/challenges', input);
