import { useCallback } from 'react';
import { useCursorPages, type CursorPages } from '../../shared/api/use-cursor-pages.ts';
import { listReviewComments, type ReviewComment, type ReviewFilter } from './text-analytics.api.ts';

export interface ReviewPages extends CursorPages<ReviewComment> {
  /** Puts a comment the server answered after a change in place of the listed one (it stays in view until the next load). */
  replace: (comment: ReviewComment) => void;
}

/** The comments for review with cursor paging: the first page loads when the filter changes, "load more" appends. */
export function useReviewPages(filter: ReviewFilter): ReviewPages {
  const pages = useCursorPages(JSON.stringify(filter), (after, signal) => listReviewComments(filter, after, signal));
  const { update } = pages;
  const replace = useCallback((comment: ReviewComment) => update((list) => list.map((c) => (c.responseId === comment.responseId ? comment : c))), [update]);
  return { ...pages, replace };
}
