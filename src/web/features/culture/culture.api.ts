import type { z } from 'zod';
import type { SessionInfo } from '../../../contracts/access.ts';
import type {
  ActionPlan,
  Assessment,
  AssessmentListSchema,
  AssessmentTemplate,
  BenchmarksWithRangesSchema,
  CommentsSchema,
  CreateAssessment,
  HeatmapSchema,
  OpenAssessmentResultSchema,
  Overview,
  ResponseRatesSchema,
  ResultsSchema,
  SegmentsSchema,
} from '../../../contracts/culture.ts';
import type { Employee, Unit } from '../../../contracts/org.ts';
import { API_BASE, apiGet, apiPatch, apiPost, fetchAllPages } from '../../shared/api/client.ts';

export { LEVELS, MATURITIES, PILLARS, VISION_STATES, ASSESSMENT_LIMITS } from '../../../contracts/culture.ts';
export type { ActionPlan, Assessment, AssessmentTemplate, CreateAssessment, Employee, Overview, Unit };
export type { CultureLevel, Maturity, Pillar, VisionState, AssessmentStatus } from '../../../contracts/culture.ts';

export type AssessmentSummary = z.infer<typeof AssessmentListSchema>['items'][number];
export type OpenResult = z.infer<typeof OpenAssessmentResultSchema>;
export type ResponseRates = z.infer<typeof ResponseRatesSchema>;
export type Results = z.infer<typeof ResultsSchema>;
export type ResultRow = Results['rows'][number];
export type Heatmap = z.infer<typeof HeatmapSchema>;
export type Benchmarks = z.infer<typeof BenchmarksWithRangesSchema>;
export type BenchmarkRow = Benchmarks['rows'][number];
export type Segments = z.infer<typeof SegmentsSchema>;
export type Comments = z.infer<typeof CommentsSchema>;
export type Role = SessionInfo['user']['role'];
export type PlanStatus = ActionPlan['status'];

const base = (id: string) => `/assessments/${encodeURIComponent(id)}`;
const scoped = (unitId?: string) => (unitId ? { unitId } : undefined);

/** Who is signed in: the page adapts to the role (asked here, so the feature needs nothing from the app shell). */
export const getSession = (signal?: AbortSignal) => apiGet<SessionInfo>('/auth/me', undefined, signal);

export const listTemplates = async (signal?: AbortSignal) => (await apiGet<{ items: AssessmentTemplate[] }>('/assessment-templates', undefined, signal)).items;
export const listAssessments = async (signal?: AbortSignal) => (await apiGet<{ items: AssessmentSummary[] }>('/assessments', undefined, signal)).items;
export const getAssessment = (id: string, signal?: AbortSignal) => apiGet<Assessment>(base(id), undefined, signal);
export const createAssessment = (input: CreateAssessment) => apiPost<Assessment>('/assessments', input);
export const openAssessment = (id: string) => apiPost<OpenResult>(`${base(id)}/open`);
export const closeAssessment = (id: string) => apiPost<Assessment>(`${base(id)}/close`);
export const remindAssessment = (id: string) => apiPost<{ reminded: number }>(`${base(id)}/remind`);
/** A plain link: the browser downloads the CSV with the session cookie. */
export const invitationsCsvUrl = (id: string) => `${API_BASE}${base(id)}/invitations.csv`;

export const getResponseRates = (id: string, signal?: AbortSignal) => apiGet<ResponseRates>(`${base(id)}/response-rates`, undefined, signal);
export const getResults = (id: string, groupBy: 'unit' | 'level', unitId?: string, signal?: AbortSignal) =>
  apiGet<Results>(`${base(id)}/results`, { groupBy, unitId }, signal);
export const getOverview = (id: string, unitId?: string, signal?: AbortSignal) => apiGet<Overview>(`${base(id)}/overview`, scoped(unitId), signal);
export const getHeatmap = (id: string, unitId?: string, signal?: AbortSignal) => apiGet<Heatmap>(`${base(id)}/heatmap`, scoped(unitId), signal);
export const getBenchmarks = (id: string, signal?: AbortSignal) => apiGet<Benchmarks>(`${base(id)}/benchmarks`, undefined, signal);
export const getSegments = (id: string, signal?: AbortSignal) => apiGet<Segments>(`${base(id)}/segments`, undefined, signal);
export const getComments = (id: string, unitId?: string, signal?: AbortSignal) => apiGet<Comments>(`${base(id)}/comments`, scoped(unitId), signal);

export interface PlanInput {
  pillar?: string;
  title: string;
  ownerId?: string;
  dueAt?: string;
}
export const listActionPlans = async (id: string, signal?: AbortSignal) => (await apiGet<{ items: ActionPlan[] }>(`${base(id)}/action-plans`, undefined, signal)).items;
export const createActionPlan = (id: string, input: PlanInput) => apiPost<ActionPlan>(`${base(id)}/action-plans`, input);
export const updateActionPlan = (planId: string, patch: { status?: PlanStatus; ownerId?: string | null; dueAt?: string | null; title?: string }) =>
  apiPatch<ActionPlan>(`/action-plans/${encodeURIComponent(planId)}`, patch);
export const planToImprovement = (planId: string) => apiPost<ActionPlan>(`/action-plans/${encodeURIComponent(planId)}/improvement`);
export const planToChallenge = (planId: string) => apiPost<ActionPlan>(`/action-plans/${encodeURIComponent(planId)}/challenge`);
export const startPlanPulse = (planId: string, closesAt: string) => apiPost<ActionPlan>(`/action-plans/${encodeURIComponent(planId)}/pulse`, { closesAt });

export const listUnits = (signal?: AbortSignal) => fetchAllPages<Unit>('/units', {}, signal);
export const listEmployees = (signal?: AbortSignal) => fetchAllPages<Employee>('/employees', {}, signal);
