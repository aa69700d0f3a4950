import type { Attachment, Audit, AuditComparison, AuditSummary, AuditTemplate, CreateAudit, MysteryResults, ShopperLink, UpdateAuditItem } from '../../../contracts/audit.ts';
import type { MetricResult } from '../../../contracts/metrics.ts';
import type { Employee, Unit } from '../../../contracts/org.ts';
import { API_BASE, apiDelete, apiGet, apiPatch, apiPost, apiUpload, fetchAllPages, type Page } from '../../shared/api/client.ts';

export { AUDIT_LIMITS, MATURITY_LEVELS } from '../../../contracts/audit.ts';
export type { Attachment, Audit, AuditComparison, AuditSummary, AuditTemplate, CreateAudit, Employee, MetricResult, MysteryResults, ShopperLink, Unit, UpdateAuditItem };
export type { AuditItem, AuditKind, MaturityLevel } from '../../../contracts/audit.ts';

const base = (id: string) => `/audits/${encodeURIComponent(id)}`;

export const listTemplates = async (signal?: AbortSignal) => (await apiGet<{ items: AuditTemplate[] }>('/audit-templates', undefined, signal)).items;
export type AuditQuery = { kind: 'audit' | 'mystery'; status?: 'open' | 'completed' };
/** One page of audits, newest first; `after` is the previous page's `nextCursor`. */
export const listAudits = (query: AuditQuery, after: string | null, signal?: AbortSignal) => apiGet<Page<AuditSummary>>('/audits', { ...query, cursor: after }, signal);
/** Every audit the query matches, page after page. */
export const listAllAudits = (query: AuditQuery, signal?: AbortSignal) => fetchAllPages<AuditSummary>('/audits', query, signal);
export const getAudit = (id: string, signal?: AbortSignal) => apiGet<Audit>(base(id), undefined, signal);
export const createAudit = (input: CreateAudit) => apiPost<Audit>('/audits', input);
export const updateItem = (id: string, key: string, patch: UpdateAuditItem) => apiPatch<Audit>(`${base(id)}/items/${encodeURIComponent(key)}`, patch);
export const completeAudit = (id: string, notes?: string) => apiPost<Audit>(`${base(id)}/complete`, notes ? { notes } : {});
export const makeImprovement = (id: string, key: string) => apiPost<Audit>(`${base(id)}/items/${encodeURIComponent(key)}/improvement`);
export const compareAudit = (id: string, signal?: AbortSignal) => apiGet<AuditComparison>(`${base(id)}/compare`, undefined, signal);
export const issueShopperLink = (id: string, expiresInDays: number) => apiPost<ShopperLink>(`${base(id)}/shopper-link`, { expiresInDays });
export const uploadAttachment = (id: string, key: string, file: File) => apiUpload<Attachment>(`${base(id)}/items/${encodeURIComponent(key)}/attachments`, file, { fileName: file.name });
export const deleteAttachment = (id: string, attachmentId: string) => apiDelete(`${base(id)}/attachments/${encodeURIComponent(attachmentId)}`);
/** A plain link: the browser downloads the file with the session cookie. */
export const attachmentUrl = (id: string, attachmentId: string) => `${API_BASE}${base(id)}/attachments/${encodeURIComponent(attachmentId)}`;

export const mysteryResults = (from: string, signal?: AbortSignal) => apiGet<MysteryResults>('/mystery-shopping/results', { from }, signal);
/** The audit_score metric by month, like every other metric. */
export const auditScoreByMonth = (from: string, signal?: AbortSignal) => apiGet<MetricResult>('/metrics/audit_score', { from, groupBy: 'month' }, signal);

export const listUnits = (signal?: AbortSignal) => fetchAllPages<Unit>('/units', {}, signal);
export const listEmployees = (signal?: AbortSignal) => fetchAllPages<Employee>('/employees', {}, signal);
