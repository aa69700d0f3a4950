/**
 * One dedicated PostgreSQL connection per process for LISTEN: every channel
 * the process hears shares it, and it stays outside the pool, so a busy pool
 * never delays a notification and a notification never waits for a pool slot.
 *
 * A lost connection is re-opened with backoff; since notifications sent
 * meanwhile are gone, every handler is then called with null so it can look at
 * the database itself (the callers keep a slow poll as a safety net anyway).
 */
import pg from 'pg';
import type { NotificationHandler } from './database.ts';

const MAX_BACKOFF_MS = 10_000;

export interface PgListener {
  listen(channel: string, handler: NotificationHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export function createPgListener(connectionString: string): PgListener {
  const handlers = new Map<string, Set<NotificationHandler>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let isClosed = false;
  let backoffMs = 100;
  let retryTimer: NodeJS.Timeout | undefined;

  const dispatch = (channel: string, payload: string | null) => {
    for (const handler of handlers.get(channel) ?? []) handler(payload);
  };

  async function open(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString, application_name: 'lodestar-listener' });
    c.on('notification', (msg) => dispatch(msg.channel, msg.payload ?? ''));
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    await c.connect();
    for (const channel of handlers.keys()) await c.query(`LISTEN ${channel}`);
    return c;
  }

  function connect(): Promise<pg.Client> {
    connecting ??= open().then(
      (c) => {
        connecting = null;
        if (isClosed) {
          void c.end().catch(() => undefined);
          throw new Error('listener closed');
        }
        client = c;
        backoffMs = 100;
        return c;
      },
      (err: unknown) => {
        connecting = null;
        throw err;
      },
    );
    return connecting;
  }

  function lost(c: pg.Client): void {
    if (client !== c) return;
    client = null;
    void c.end().catch(() => undefined);
    if (!isClosed) scheduleReconnect();
  }

  function scheduleReconnect(): void {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      connect().then(
        () => {
          for (const channel of handlers.keys()) dispatch(channel, null); // what was sent while we were away is lost
        },
        () => {
          backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
          if (!isClosed) scheduleReconnect();
        },
      );
    }, backoffMs).unref();
  }

  return {
    async listen(channel, handler) {
      const isNew = !handlers.has(channel);
      const set = handlers.get(channel) ?? new Set<NotificationHandler>();
      set.add(handler);
      handlers.set(channel, set);
      try {
        const c = client ?? (await connect());
        if (isNew) await c.query(`LISTEN ${channel}`);
      } catch {
        if (!isClosed && !client) scheduleReconnect(); // the handler stays registered: it is listened to on reconnect
      }
      return async () => {
        set.delete(handler);
        if (set.size > 0) return;
        handlers.delete(channel);
        await client?.query(`UNLISTEN ${channel}`).catch(() => undefined);
      };
    },
    async close() {
      isClosed = true;
      clearTimeout(retryTimer);
      handlers.clear();
      const c = client ?? (await connecting?.catch(() => null));
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
