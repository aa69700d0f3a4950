import type { z } from 'zod';
import type { CreatedShareLinkSchema, CreatePartnerSchema, Partner, PartnerKind, PartnerReport, ShareLink } from '../../../contracts/partners.ts';
import { apiDelete, apiGet, apiPost } from '../../shared/api/client.ts';

export type { Partner, PartnerKind, PartnerReport, ShareLink };
export type PartnerInput = z.input<typeof CreatePartnerSchema>;
export type CreatedShareLink = z.infer<typeof CreatedShareLinkSchema>;

export const listPartners = async (signal?: AbortSignal) => (await apiGet<{ items: Partner[] }>('/partners', undefined, signal)).items;
export const createPartner = (input: PartnerInput) => apiPost<Partner>('/partners', input);
export const getPartnerReport = (id: string, days: number, signal?: AbortSignal) => apiGet<PartnerReport>(`/partners/${id}/report`, { days }, signal);
export const listShareLinks = async (id: string, signal?: AbortSignal) => (await apiGet<{ items: ShareLink[] }>(`/partners/${id}/share-links`, undefined, signal)).items;
export const createShareLink = (id: string, input: { expiresAt: string; passcode: string }) => apiPost<CreatedShareLink>(`/partners/${id}/share-links`, input);
export const revokeShareLink = (id: string, linkId: string) => apiDelete(`/partners/${id}/share-links/${linkId}`);
