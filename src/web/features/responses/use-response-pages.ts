import { useCallback, useEffect, useRef, useState } from 'react';
import { listResponses, type ResponseRecord } from './responses.api.ts';
import type { ApiListQuery } from './response-filters.ts';

export interface ResponsePages {
  items: ResponseRecord[];
  hasMore: boolean;
  /** The first page is loading (the table shows a spinner). */
  isLoading: boolean;
  /** A further page is loading (the button shows a spinner). */
  isLoadingMore: boolean;
  error: Error | undefined;
  loadMore: () => void;
  reload: () => void;
}

/**
 * The responses list with cursor paging: the first page loads whenever the query changes
 * (dropping what an older query would still deliver), "load more" appends the next one.
 */
export function useResponsePages(query: ApiListQuery): ResponsePages {
  const key = JSON.stringify(query);
  const [items, setItems] = useState<ResponseRecord[]>([]);
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
      listResponses(JSON.parse(key) as ApiListQuery, after, controller.signal).then(
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
    [key],
  );

  useEffect(() => {
    run(null);
    return () => current.current?.abort();
  }, [run, generation]);

  const loadMore = useCallback(() => {
    if (cursor) run(cursor);
  }, [cursor, run]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { items, hasMore: cursor !== null, isLoading, isLoadingMore, error, loadMore, reload };
}
