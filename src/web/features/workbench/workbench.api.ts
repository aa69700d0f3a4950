import type { z } from 'zod';
import type { Approval, Case, CaseAction, CaseActionResult, CaseDetail, NotificationSchema, RootCause } from '../../../contracts/cases.ts';
import { apiGet, apiPost, fetchAllPages } from '../../shared/api/client.ts';

export type { Approval, Case, CaseAction, CaseActionResult, CaseDetail, RootCause };
export type Notification = z.infer<typeof NotificationSchema>;

export const OPEN_STATUSES: Case['status'][] = ['new', 'acknowledged', 'in_progress'];

/** Cases the caller may see (scoped by the server), optionally only those they own, or the queue nobody owns. */
export const listCases = (query: { ownerId?: string; unowned?: 'true' }, signal?: AbortSignal) => fetchAllPages<Case>('/cases', query, signal);
export const getCase = (id: string, signal?: AbortSignal) => apiGet<CaseDetail>(`/cases/${id}`, undefined, signal);
export const actOnCase = (id: string, action: CaseAction) => apiPost<CaseActionResult>(`/cases/${id}/actions`, action);

export const listApprovals = (signal?: AbortSignal) => fetchAllPages<Approval>('/approvals', { status: 'pending' }, signal);
export const decideApproval = (id: string, decision: 'approve' | 'reject') => apiPost<unknown>(`/approvals/${id}/decision`, { decision });

/** Unread notifications (early warnings, escalations, approvals), newest first. */
export const listNotifications = async (signal?: AbortSignal) =>
  (await apiGet<{ items: Notification[] }>('/notifications', { unread: 'true', limit: 20 }, signal)).items;
export const markNotificationRead = (id: string) => apiPost<void>(`/notifications/${id}/read`);

export const listRootCauses = async (signal?: AbortSignal) => (await apiGet<{ items: RootCause[] }>('/root-causes', undefined, signal)).items;

/** Open first, then by the nearest SLA deadline. */
export function byUrgency(a: Case, b: Case): number {
  return (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999');
}

export function isOverdue(c: Case, now: Date): boolean {
  return c.dueAt !== null && new Date(c.dueAt) < now;
}
