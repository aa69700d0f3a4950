import type { z } from 'zod';
import type { KnownTouchpointsSchema } from '../../../contracts/journeys.ts';
import type {
  CreatedPartnerRuleSchema,
  CreatedShareLinkSchema,
  CreatePartnerSchema,
  Partner,
  PartnerFit,
  PartnerFitInputSchema,
  PartnerIdeaInputSchema,
  PartnerIdeaSchema,
  PartnerKind,
  PartnerReply,
  PartnerReplyInputSchema,
  PartnerReport,
  PartnerRule,
  PartnerRuleInputSchema,
  ShareLink,
} from '../../../contracts/partners.ts';
import { apiDelete, apiGet, apiPost } from '../../shared/api/client.ts';

export type { Partner, PartnerFit, PartnerKind, PartnerReply, PartnerReport, PartnerRule, ShareLink };
export type PartnerInput = z.input<typeof CreatePartnerSchema>;
export type CreatedShareLink = z.infer<typeof CreatedShareLinkSchema>;
export type PartnerRuleInput = z.input<typeof PartnerRuleInputSchema>;
export type CreatedPartnerRule = z.infer<typeof CreatedPartnerRuleSchema>;
export type PartnerFitInput = z.input<typeof PartnerFitInputSchema>;
export type PartnerIdea = z.infer<typeof PartnerIdeaSchema>;
export type PartnerIdeaInput = z.input<typeof PartnerIdeaInputSchema>;
export type PartnerReplyInput = z.input<typeof PartnerReplyInputSchema>;
export type KnownTouchpoint = z.infer<typeof KnownTouchpointsSchema>['items'][number];

export const listPartners = async (signal?: AbortSignal) => (await apiGet<{ items: Partner[] }>('/partners', undefined, signal)).items;
export const createPartner = (input: PartnerInput) => apiPost<Partner>('/partners', input);
export const getPartnerReport = (id: string, days: number, signal?: AbortSignal) => apiGet<PartnerReport>(`/partners/${id}/report`, { days }, signal);
export const listShareLinks = async (id: string, signal?: AbortSignal) => (await apiGet<{ items: ShareLink[] }>(`/partners/${id}/share-links`, undefined, signal)).items;
export const createShareLink = (id: string, input: { expiresAt: string; passcode: string }) => apiPost<CreatedShareLink>(`/partners/${id}/share-links`, input);
export const revokeShareLink = (id: string, linkId: string) => apiDelete(`/partners/${id}/share-links/${linkId}`);

export const listPartnerRules = async (id: string, signal?: AbortSignal) => (await apiGet<{ items: PartnerRule[] }>(`/partners/${id}/rules`, undefined, signal)).items;
export const createPartnerRule = (id: string, input: PartnerRuleInput) => apiPost<CreatedPartnerRule>(`/partners/${id}/rules`, input);
export const deletePartnerRule = (id: string, ruleId: string) => apiDelete(`/partners/${id}/rules/${ruleId}`);
/** The touchpoints interactions and answers name (the journeys' pick list), for the rule form. */
export const listKnownTouchpoints = async (signal?: AbortSignal) => (await apiGet<{ items: KnownTouchpoint[] }>('/journeys/touchpoints', undefined, signal)).items;

/** Newest first. */
export const listPartnerReplies = async (id: string, signal?: AbortSignal) => (await apiGet<{ items: PartnerReply[] }>(`/partners/${id}/replies`, undefined, signal)).items;

/** Newest first. */
export const listPartnerFit = async (id: string, signal?: AbortSignal) => (await apiGet<{ items: PartnerFit[] }>(`/partners/${id}/fit`, undefined, signal)).items;
export const createPartnerFit = (id: string, input: PartnerFitInput) => apiPost<PartnerFit>(`/partners/${id}/fit`, input);

// A signed-in partner login's own side: its partner's report, replies and ideas (the server knows the partner).
export const getOwnReport = (days: number, signal?: AbortSignal) => apiGet<PartnerReport>('/partner-report', { days }, signal);
/** Newest first. */
export const listOwnReplies = async (signal?: AbortSignal) => (await apiGet<{ items: PartnerReply[] }>('/partner-report/replies', undefined, signal)).items;
export const sendOwnReply = (input: PartnerReplyInput) => apiPost<PartnerReply>('/partner-report/replies', input);
/** Newest first. */
export const listOwnIdeas = async (signal?: AbortSignal) => (await apiGet<{ items: PartnerIdea[] }>('/partner-report/ideas', undefined, signal)).items;
export const sendOwnIdea = (input: PartnerIdeaInput) => apiPost<PartnerIdea>('/partner-report/ideas', input);
