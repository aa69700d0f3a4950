import type { ImprovementProject, ImprovementProjectDetail, ImprovementStatus, ImprovementSuggestion } from '../../../contracts/improvements.ts';
import { apiGet, apiPatch, apiPost } from '../../shared/api/client.ts';

export type { ImprovementProject, ImprovementProjectDetail, ImprovementStatus, ImprovementSuggestion };

export interface ProjectInput {
  title: string;
  description?: string;
  rootCause?: string;
  ownerId?: string;
  metric: 'nps' | 'csat' | 'ces';
  caseIds?: string[];
}

export const listProjects = async (signal?: AbortSignal) => (await apiGet<{ items: ImprovementProject[] }>('/improvement-projects', undefined, signal)).items;
export const listSuggestions = async (signal?: AbortSignal) => (await apiGet<{ items: ImprovementSuggestion[] }>('/improvement-projects/suggestions', undefined, signal)).items;
export const getProject = (id: string, signal?: AbortSignal) => apiGet<ImprovementProjectDetail>(`/improvement-projects/${id}`, undefined, signal);
export const createProject = (input: ProjectInput) => apiPost<ImprovementProjectDetail>('/improvement-projects', input);
export const setProjectStatus = (id: string, status: ImprovementStatus) => apiPatch<ImprovementProjectDetail>(`/improvement-projects/${id}`, { status });
