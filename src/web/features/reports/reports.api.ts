import type { CreateReportSubscriptions, ReportSubscription, ReportSubscriptionList } from '../../../contracts/reports.ts';
import type { Lang } from '../../../contracts/surveys.ts';
import { API_BASE, ApiError, apiDelete, apiGet, apiPost } from '../../shared/api/client.ts';

export type { ReportSubscription, ReportSubscriptionList, Lang };

export interface UserSummary {
  id: string;
  email: string;
  role: 'admin' | 'manager' | 'employee' | 'partner';
  disabled: boolean;
}

/** The review's address; the browser opens the HTML itself (a new tab: the app's CSP forbids framing it). */
export const reviewUrl = (month: string, lang: Lang, format: 'html' | 'pdf') =>
  `${API_BASE}/reports/monthly?${new URLSearchParams({ month, lang, format }).toString()}`;

/** Fetches the PDF (it takes seconds) so that a 503 can be explained instead of shown as raw JSON. */
export async function fetchReviewPdf(month: string, lang: Lang): Promise<Blob> {
  const response = await fetch(reviewUrl(month, lang, 'pdf'), { credentials: 'same-origin' });
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: { code: string; message: string } } | undefined;
    throw new ApiError(response.status, body?.error?.code ?? 'http_error', body?.error?.message ?? response.statusText);
  }
  return response.blob();
}

export const listSubscriptions = (signal?: AbortSignal) => apiGet<ReportSubscriptionList>('/reports/monthly/subscriptions', undefined, signal);
export const createSubscriptions = (input: CreateReportSubscriptions) => apiPost<ReportSubscriptionList>('/reports/monthly/subscriptions', input);
export const deleteSubscription = (id: string) => apiDelete(`/reports/monthly/subscriptions/${id}`);
export const listUsers = async (signal?: AbortSignal) => (await apiGet<{ items: UserSummary[] }>('/users', undefined, signal)).items;
