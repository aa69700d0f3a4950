import { useEffect, useRef } from 'react';
import { API_BASE } from './client.ts';

/** One frame of `GET /api/v1/stream`. */
export interface LiveEvent<P = Record<string, unknown>> {
  id: string;
  name: string;
  payload: P;
  createdAt: string;
}

/**
 * Listens to the live stream for the named events while the component is
 * mounted. The browser's EventSource reconnects by itself and sends the last
 * id it saw, so the server replays what was missed in between.
 */
export function useLiveEvents(names: string[], onEvent: (event: LiveEvent) => void): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = names.join(',');
  useEffect(() => {
    const source = new EventSource(`${API_BASE}/stream`, { withCredentials: true });
    const listener = (message: MessageEvent<string>) => handler.current(JSON.parse(message.data) as LiveEvent);
    for (const name of key.split(',')) source.addEventListener(name, listener);
    return () => source.close();
  }, [key]);
}
