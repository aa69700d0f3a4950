import type {
  Assignment,
  Completion,
  Coverage,
  CoverageFigures,
  CoverageRow,
  CreateAssignment,
  CreateCompletion,
  CreateLearningItem,
  LearningFormat,
  LearningItem,
  LearningLayer,
  MyLearning,
  MyLearningEntry,
  MyLearningStatus,
} from '../../../contracts/learning.ts';
import { apiDelete, apiGet, apiPatch, apiPost, fetchAllPages } from '../../shared/api/client.ts';

export { LEARNING_FORMATS, LEARNING_LAYERS } from '../../../contracts/learning.ts';
export type { Assignment, Completion, Coverage, CoverageFigures, CoverageRow, CreateAssignment, CreateLearningItem, LearningFormat, LearningItem, LearningLayer, MyLearning, MyLearningEntry, MyLearningStatus };

export const listItems = async (query: { layer?: LearningLayer; format?: LearningFormat; includeInactive?: boolean }, signal?: AbortSignal) =>
  (await apiGet<{ items: LearningItem[] }>('/learning/items', { layer: query.layer, format: query.format, includeInactive: query.includeInactive ? 'true' : undefined }, signal)).items;
export const createItem = (input: CreateLearningItem) => apiPost<LearningItem>('/learning/items', input);
export const updateItem = (id: string, input: Partial<CreateLearningItem>) => apiPatch<LearningItem>(`/learning/items/${encodeURIComponent(id)}`, input);

export const listAssignments = async (itemId: string | undefined, signal?: AbortSignal) => (await apiGet<{ items: Assignment[] }>('/learning/assignments', { itemId }, signal)).items;
export const createAssignment = (input: CreateAssignment) => apiPost<Assignment>('/learning/assignments', input);
export const withdrawAssignment = (id: string) => apiDelete(`/learning/assignments/${encodeURIComponent(id)}`);

export const recordCompletion = (input: CreateCompletion) => apiPost<Completion>('/learning/completions', input);
export const confirmCompletion = (id: string) => apiPost<Completion>(`/learning/completions/${encodeURIComponent(id)}/confirm`);
/** Declarations the signed-in user may confirm (as trainer, manager above the person, or admin). */
export const listConfirmable = (signal?: AbortSignal) => fetchAllPages<Completion>('/learning/completions', { confirmable: 'true' }, signal);

export const getMyLearning = (signal?: AbortSignal) => apiGet<MyLearning>('/learning/me', undefined, signal);
export const getCoverage = (unitId: string | undefined, signal?: AbortSignal) => apiGet<Coverage>('/learning/coverage', { unitId }, signal);
