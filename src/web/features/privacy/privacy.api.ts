import type { CustomerMatch } from '../../../contracts/cases.ts';
import type { CustomerExport, ErasureResult, Preview, PrivacyHistoryItem, Retention, RetentionInput } from '../../../contracts/privacy.ts';
import { apiGet, apiPost, apiPut } from '../../shared/api/client.ts';

export type { CustomerMatch, ErasureResult, Preview, PrivacyHistoryItem, Retention, RetentionInput };

/** The customer search the capture page uses (odata module); admins see whole phone numbers. */
export const searchCustomers = async (q: string, signal?: AbortSignal) => (await apiGet<{ items: CustomerMatch[] }>('/customers/search', { q }, signal)).items;
export const getPreview = (id: string, signal?: AbortSignal) => apiGet<Preview>(`/privacy/customers/${id}`, undefined, signal);
export const getExport = (id: string) => apiGet<CustomerExport>(`/privacy/customers/${id}/export`);
export const eraseCustomer = (id: string) => apiPost<ErasureResult>(`/privacy/customers/${id}/erasure`);
export const getRetention = (signal?: AbortSignal) => apiGet<Retention>('/privacy/retention', undefined, signal);
export const saveRetention = (input: RetentionInput) => apiPut<Retention>('/privacy/retention', input);
export const listHistory = async (signal?: AbortSignal) => (await apiGet<{ items: PrivacyHistoryItem[] }>('/privacy/history', undefined, signal)).items;

/** Saves the export as a file in the browser. */
export function downloadJson(data: unknown, fileName: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
