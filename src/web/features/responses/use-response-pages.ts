import { useCursorPages, type CursorPages } from '../../shared/api/use-cursor-pages.ts';
import { listResponses, type ResponseRecord } from './responses.api.ts';
import type { ApiListQuery } from './response-filters.ts';

export type ResponsePages = CursorPages<ResponseRecord>;

/** The responses list with cursor paging: the first page loads whenever the query changes, "load more" appends. */
export function useResponsePages(query: ApiListQuery): ResponsePages {
  return useCursorPages(JSON.stringify(query), (after, signal) => listResponses(query, after, signal));
}
