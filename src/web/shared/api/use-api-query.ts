import { useCallback, useEffect, useState } from 'react';

export interface ApiQuery<T> {
  data: T | undefined;
  error: Error | undefined;
  isLoading: boolean;
  /** Loads again, keeping the current data on screen until the new data arrives. */
  reload: () => void;
}

/** Runs a loader when its dependencies change, cancelling the previous run; a tiny stand-in for a query library. */
export function useApiQuery<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): ApiQuery<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [isLoading, setIsLoading] = useState(true);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setIsLoading(true);
    load(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setError(undefined);
        setIsLoading(false);
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        setError(reason instanceof Error ? reason : new Error(String(reason)));
        setIsLoading(false);
      },
    );
    return () => controller.abort();
    // The caller lists the loader's inputs in deps, as with useEffect.
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, isLoading, reload };
}
