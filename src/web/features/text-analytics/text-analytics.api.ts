import type { ReviewComment, TextAdapterStatus } from '../../../contracts/text-adapter.ts';
import type { SentimentLabel } from '../../../contracts/text.ts';
import { apiGet, apiPost, apiPut, apiRequest, type Page } from '../../shared/api/client.ts';

export type { ReviewComment, SentimentLabel, TextAdapterStatus };

/** Which comments the review table lists. */
export type ReviewFilter = 'disagreeing' | 'corrected' | 'all';

export const REVIEW_PAGE_SIZE = 20;

export const getAdapterStatus = (signal?: AbortSignal) => apiGet<TextAdapterStatus>('/text/adapter', undefined, signal);
export const trainAdapterNow = () => apiPost<TextAdapterStatus>('/text/adapter/train');

const FILTER_QUERY: Record<ReviewFilter, Record<string, string>> = {
  disagreeing: { disagreeing: 'true' },
  corrected: { corrected: 'true' },
  all: {},
};

/** One page of comments for review, newest first. */
export const listReviewComments = (filter: ReviewFilter, cursor: string | null, signal?: AbortSignal) =>
  apiGet<Page<ReviewComment>>('/text/comments', { ...FILTER_QUERY[filter], limit: REVIEW_PAGE_SIZE, cursor }, signal);

export const setCommentLabel = (responseId: string, label: SentimentLabel) => apiPut<ReviewComment>(`/text/comments/${responseId}/label`, { label });
/** Removes an admin's label (answers the comment with the model's label back). */
export const clearCommentLabel = (responseId: string) => apiRequest<ReviewComment>('DELETE', `/text/comments/${responseId}/label`);
