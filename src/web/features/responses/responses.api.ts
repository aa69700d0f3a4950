import type { Customer, Interaction } from '../../../contracts/odata.ts';
import type { NpsBand, ResponseDetail, ResponseRecord } from '../../../contracts/responses.ts';
import { apiGet, type Page } from '../../shared/api/client.ts';
import type { ApiListQuery } from './response-filters.ts';

export type { Customer, Interaction, NpsBand, ResponseDetail, ResponseRecord };

/** How many rows one "load more" fetches. */
export const RESPONSES_PAGE_SIZE = 50;

/** One page of responses, newest first, within the caller's data scope. */
export const listResponses = (query: ApiListQuery, cursor: string | null, signal?: AbortSignal) =>
  apiGet<Page<ResponseRecord>>('/responses', { ...query, limit: RESPONSES_PAGE_SIZE, cursor }, signal);

/** One response with its customer, interaction, employee, unit and the survey version it answered. */
export const getResponse = (id: string, signal?: AbortSignal) => apiGet<ResponseDetail>(`/responses/${id}`, undefined, signal);
