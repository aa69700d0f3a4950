import type { Board, CreatedBoard, Goal, Kpi, PublicBoard, Scorecard } from '../../../contracts/dashboards.ts';
import type { DriversResult, MetricName, MetricQuery, MetricResult, XoResult } from '../../../contracts/metrics.ts';
import type { z } from 'zod';
import type { TopicSummarySchema } from '../../../contracts/text.ts';
import { apiDelete, apiGet, apiPatch, apiPost } from '../../shared/api/client.ts';

export type { Board, CreatedBoard, Goal, Kpi, PublicBoard, Scorecard, DriversResult, MetricResult, XoResult, MetricName };
export type TopicSummary = z.infer<typeof TopicSummarySchema>;
export type MetricFilter = Omit<MetricQuery, 'groupBy'>;

export const getMetric = (metric: MetricName, query: MetricQuery, signal?: AbortSignal) => apiGet<MetricResult>(`/metrics/${metric}`, query, signal);
export const getXo = (query: MetricFilter, signal?: AbortSignal) => apiGet<XoResult>('/insights/xo', query, signal);
export const getDrivers = (query: MetricFilter, signal?: AbortSignal) => apiGet<DriversResult>('/insights/drivers', query, signal);
export const listTopics = async (query: { from?: string; unitId?: string; limit?: number }, signal?: AbortSignal) =>
  (await apiGet<{ items: TopicSummary[] }>('/text/topics', query, signal)).items;

export const listKpis = async (signal?: AbortSignal) => (await apiGet<{ items: Kpi[] }>('/kpis', undefined, signal)).items;
export const createKpi = (body: unknown) => apiPost<Kpi>('/kpis', body);
export const updateKpi = (id: string, body: unknown) => apiPatch<Kpi>(`/kpis/${id}`, body);
export const deleteKpi = (id: string) => apiDelete(`/kpis/${id}`);
export const recordKpiValue = (id: string, body: { value: number; recordedOn?: string; note?: string | null }) => apiPost<unknown>(`/kpis/${id}/values`, body);

export const listGoals = async (signal?: AbortSignal) => (await apiGet<{ items: Goal[] }>('/goals', undefined, signal)).items;
export const createGoal = (body: unknown) => apiPost<Goal>('/goals', body);
export const updateGoal = (id: string, body: unknown) => apiPatch<Goal>(`/goals/${id}`, body);
export const deleteGoal = (id: string) => apiDelete(`/goals/${id}`);

export const getScorecard = (unitId: string, signal?: AbortSignal) => apiGet<Scorecard>(`/scorecards/${unitId}`, undefined, signal);

export const listBoards = async (signal?: AbortSignal) => (await apiGet<{ items: Board[] }>('/boards', undefined, signal)).items;
export type BoardInput = { name: string; unitId?: string; unitIds?: string[]; periodDays?: number; metrics?: MetricName[] };
export const createBoard = (body: BoardInput) => apiPost<CreatedBoard>('/boards', body);
export const updateBoard = (id: string, body: Partial<BoardInput>) => apiPatch<Board>(`/boards/${id}`, body);
export const revokeBoard = (id: string) => apiDelete(`/boards/${id}`);

/** The first day of the period: `days` back from today, as the API's date (midnight in the organisation's time zone). */
export function periodStart(days: number, now = new Date()): string {
  const d = new Date(now.getTime() - days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Months back to the first of a month, for monthly trends that start on a month boundary. */
export function monthsStart(months: number, now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth() - months + 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-01`;
}
