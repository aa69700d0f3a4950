import { useEffect, useRef, useState } from 'react';
import { API_BASE } from '../../shared/api/client.ts';

/** One frame of `GET /api/v1/stream`. */
export interface StreamFrame<P> {
  id: string;
  name: string;
  payload: P;
  createdAt: string;
}

/**
 * Listens to the live stream for the named events while mounted, and says whether
 * the connection is open. EventSource reconnects by itself and sends the last id
 * it saw, so the server replays what was missed in between.
 */
export function useStream<P>(names: string[], onFrame: (frame: StreamFrame<P>) => void): boolean {
  const handler = useRef(onFrame);
  handler.current = onFrame;
  const [isOpen, setIsOpen] = useState(false);
  const key = names.join(',');
  useEffect(() => {
    const source = new EventSource(`${API_BASE}/stream`, { withCredentials: true });
    const listener = (message: MessageEvent<string>) => handler.current(JSON.parse(message.data) as StreamFrame<P>);
    for (const name of key.split(',')) source.addEventListener(name, listener);
    source.onopen = () => setIsOpen(true);
    source.onerror = () => setIsOpen(source.readyState === EventSource.OPEN);
    return () => source.close();
  }, [key]);
  return isOpen;
}
