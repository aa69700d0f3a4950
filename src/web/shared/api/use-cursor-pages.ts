import { useCallback, useEffect, useRef, useState } from 'react';

/** One page of a cursor-paged list, as the API answers it. */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CursorPages<T> {
  items: T[];
  hasMore: boolean;
  /** The first page is loading (a table shows a spinner). */
  isLoading: boolean;
  /** A further page is loading (the button shows a spinner). */
  isLoadingMore: boolean;
  error: Error | undefined;
  loadMore: () => void;
  reload: () => void;
  /** Changes the listed items in place (e.g. one the server answered after an edit), until the next load. */
  update: (change: (items: T[]) => T[]) => void;
}

/**
 * A cursor-paged list: the first page loads whenever `key` changes (dropping what an older request would
 * still deliver), "load more" appends the next one. `fetchPage` is read through `key`: pass a key that
 * changes exactly when the query does.
 */
export function useCursorPages<T>(key: string, fetchPage: (after: string | null, signal: AbortSignal) => Promise<CursorPage<T>>): CursorPages<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [isLoadingMore, setIsLoadingMore] = useState(false);
  const [error, setError] = useState<Error>();
  const [generation, setGeneration] = useState(0);
  const current = useRef<AbortController | null>(null);
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;

  const run = useCallback(
    (after: string | null) => {
      current.current?.abort();
      const controller = new AbortController();
      current.current = controller;
      (after ? setIsLoadingMore : setIsLoading)(true);
      fetcher.current(after, controller.signal).then(
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
    [key], // key stands for the query fetchPage reads
  );

  useEffect(() => {
    run(null);
    return () => current.current?.abort();
  }, [run, generation]);

  const loadMore = useCallback(() => {
    if (cursor) run(cursor);
  }, [cursor, run]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const update = useCallback((change: (items: T[]) => T[]) => setItems(change), []);
  return { items, hasMore: cursor !== null, isLoading, isLoadingMore, error, loadMore, reload, update };
}
