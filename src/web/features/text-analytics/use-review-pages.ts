import { useCallback, useEffect, useRef, useState } from 'react';
import { listReviewComments, type ReviewComment, type ReviewFilter } from './text-analytics.api.ts';

export interface ReviewPages {
  items: ReviewComment[];
  hasMore: boolean;
  isLoading: boolean;
  isLoadingMore: boolean;
  error: Error | undefined;
  loadMore: () => void;
  reload: () => void;
  /** Puts a comment the server answered after a change in place of the listed one (it stays in view until the next load). */
  replace: (comment: ReviewComment) => void;
}

/** The comments for review with cursor paging: the first page loads when the filter changes, "load more" appends. */
export function useReviewPages(filter: ReviewFilter): ReviewPages {
  const [items, setItems] = useState<ReviewComment[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [isLoadingMore, setIsLoadingMore] = useState(false);
  const [error, setError] = useState<Error>();
  const [generation, setGeneration] = useState(0);
  const current = useRef<AbortController | null>(null);

  const run = useCallback(
    (after: string | null) => {
      current.current?.abort();
      const controller = new AbortController();
      current.current = controller;
      (after ? setIsLoadingMore : setIsLoading)(true);
      listReviewComments(filter, after, controller.signal).then(
        (page) => {
          if (controller.signal.aborted) return;
          setItems((previous) => (after ? [...previous, ...page.items] : page.items));
          setCursor(page.nextCursor);
          setError(undefined);
          setIsLoading(false);
          setIsLoadingMore(false);
        },
        (reason: unknown) => {
          if (controller.signal.aborted) return;
          setError(reason instanceof Error ? reason : new Error(String(reason)));
          if (!after) setItems([]);
          setIsLoading(false);
          setIsLoadingMore(false);
        },
      );
    },
    [filter],
  );

  useEffect(() => {
    run(null);
    return () => current.current?.abort();
  }, [run, generation]);

  const loadMore = useCallback(() => {
    if (cursor) run(cursor);
  }, [cursor, run]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const replace = useCallback((comment: ReviewComment) => setItems((list) => list.map((c) => (c.responseId === comment.responseId ? comment : c))), []);
  return { items, hasMore: cursor !== null, isLoading, isLoadingMore, error, loadMore, reload, replace };
}
