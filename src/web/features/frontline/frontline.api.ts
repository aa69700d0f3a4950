import type { CaptureCase, CaseAction, CaseActionResult, CaseDetail, CustomerMatch } from '../../../contracts/cases.ts';
import type { Colleague, HardFlag, HardFlagReason, SupportRequest, SupportSummary } from '../../../contracts/support.ts';
import { apiDelete, apiGet, apiPatch, apiPost, type Page } from '../../shared/api/client.ts';

export type { CaptureCase, CaseDetail, Colleague, CustomerMatch, HardFlag, HardFlagReason, SupportRequest, SupportSummary };
export { SUPPORT_MIN_GROUP, SUPPORT_WINDOW_DAYS } from '../../../contracts/support.ts';
export { MAX_CASE_PHOTO_BYTES } from '../../../contracts/cases.ts';

export const captureCase = (input: CaptureCase, idempotencyKey: string) => apiPost<CaseDetail>('/cases', input, idempotencyKey);
export const searchCustomers = async (q: string, signal?: AbortSignal) => (await apiGet<{ items: CustomerMatch[] }>('/customers/search', { q }, signal)).items;
export const listColleagues = async (q: string | undefined, signal?: AbortSignal) => (await apiGet<{ items: Colleague[] }>('/colleagues', { q }, signal)).items;
export const handOver = (caseId: string, action: Extract<CaseAction, { type: 'hand_over' }>) => apiPost<CaseActionResult>(`/cases/${caseId}/actions`, action);

/** One page of my support requests, both ways, newest first; `after` is the previous page's `nextCursor`. */
export const listSupportRequests = (after: string | null, signal?: AbortSignal) => apiGet<Page<SupportRequest>>('/support-requests', { cursor: after }, signal);
export const askForSupport = (input: { kind: SupportRequest['kind']; supporterId?: string; caseId?: string; note?: string }, idempotencyKey?: string) =>
  apiPost<SupportRequest>('/support-requests', input, idempotencyKey);
export const setSupportStatus = (id: string, status: 'accepted' | 'completed') => apiPatch<SupportRequest>(`/support-requests/${id}`, { status });
export const withdrawSupportRequest = (id: string) => apiDelete(`/support-requests/${id}`);
export const getSupportSummary = (signal?: AbortSignal) => apiGet<SupportSummary>('/support-requests/summary', undefined, signal);

export const listHardFlags = async (signal?: AbortSignal) => (await apiGet<{ items: HardFlag[] }>('/hard-flags', undefined, signal)).items;
export const flagHardCase = (caseId: string, reason: HardFlagReason) => apiPost<HardFlag>('/hard-flags', { caseId, reason });
export const removeHardFlag = (caseId: string) => apiDelete(`/hard-flags/${caseId}`);

/** Cases the caller owns, newest first, to name one in a support request. */
export const listMyCases = async (ownerId: string, signal?: AbortSignal) =>
  (await apiGet<{ items: Array<{ id: string; title: string }> }>('/cases', { ownerId, limit: 50 }, signal)).items;
export const getCaseTitle = async (id: string, signal?: AbortSignal) => (await apiGet<{ id: string; title: string }>(`/cases/${id}`, undefined, signal)).title;
