/**
 * One interface over embedded PGlite and a PostgreSQL server. Every query the
 * app runs goes through `tenant()` (row-level security on, as the unprivileged
 * role `lodestar_app`, scoped to one organisation) or `system()` (migrations,
 * login look-ups, background dispatch across organisations).
 */
import { createHash } from 'node:crypto';

export type DbKind = 'pglite' | 'postgres';

export const APP_ROLE = 'lodestar_app';

export interface Queryable {
  /** Runs one parameterised statement and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Tx extends Queryable {
  /** The organisation this transaction is scoped to, or null for system work. */
  readonly orgId: string | null;
  /** Runs after a successful commit (never after a rollback): wake-ups, live pushes. */
  afterCommit(fn: () => void): void;
  /**
   * Tells the other processes on the same database, at commit and only then (PostgreSQL NOTIFY, sent once
   * per transaction whatever the number of calls with the same arguments). Nothing to do on PGlite, which
   * has one process.
   */
  notifyOnCommit(channel: string, payload: string): void;
}

/** Receives a notification's payload, or null when some may have been missed (the listening connection was re-opened). */
export type NotificationHandler = (payload: string | null) => void;

/** Connection-pool figures for monitoring. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

export interface Database {
  readonly kind: DbKind;
  tenant<T>(orgId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  system<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Hears other processes' `notifyOnCommit` on one dedicated connection per database; returns the function that stops. */
  listen(channel: string, handler: NotificationHandler): Promise<() => Promise<void>>;
  poolStats(): PoolStats;
  /**
   * Runs `fn` while holding a lock named `name` across every process on the database (a PostgreSQL advisory
   * lock on a connection of its own, held through `fn`'s transactions), for work that must happen once
   * however many nodes start together. PGlite has one process: `fn` just runs.
   */
  singleton<T>(name: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A raw connection that can run a callback inside BEGIN … COMMIT. */
export interface Driver {
  readonly kind: DbKind;
  transaction<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** PostgreSQL only: LISTEN on a dedicated connection. */
  listen?(channel: string, handler: NotificationHandler): Promise<() => Promise<void>>;
  poolStats?(): PoolStats;
  /** PostgreSQL only: holds a session advisory lock (two-int key space) while `fn` runs. */
  withSessionLock?<T>(key: [number, number], fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The first key of Lodestar's advisory locks in PostgreSQL's (int, int) key space; migrations use (724011) in the bigint one. */
export const ADVISORY_LOCK_SPACE = 724012;

const CHANNEL = /^[a-z][a-z0-9_]{0,62}$/;

/** Sees each statement of a tenant transaction before it runs (tests check that it names its organisation). */
export type TenantQueryObserver = (sql: string, orgId: string) => void;
const tenantQueryObservers = new Set<TenantQueryObserver>();

/** Watches every tenant statement of every database in this process; returns the function that stops. */
export function observeTenantQueries(observer: TenantQueryObserver): () => void {
  tenantQueryObservers.add(observer);
  return () => tenantQueryObservers.delete(observer);
}

/** Wraps a driver with tenant scoping, after-commit hooks and commit notifications. */
export function createDatabase(driver: Driver): Database {
  async function run<T>(orgId: string | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const hooks: Array<() => void> = [];
    const notes = new Map<string, [string, string]>();
    const result = await driver.transaction(async (q) => {
      if (orgId !== null) {
        await q.query(`SET LOCAL ROLE ${APP_ROLE}`);
        // A runaway query (a bug, a hostile filter) must not hold a connection for ever.
        await q.query(`SELECT set_config('app.org_id', $1, true), set_config('statement_timeout', '30s', true)`, [orgId]);
      }
      const tx: Tx = {
        orgId,
        query: (sql, params) => {
          if (orgId !== null && tenantQueryObservers.size > 0) for (const observe of tenantQueryObservers) observe(sql, orgId);
          return q.query(sql, params);
        },
        afterCommit: (h) => hooks.push(h),
        notifyOnCommit: (channel, payload) => {
          if (!CHANNEL.test(channel)) throw new Error(`notifyOnCommit: '${channel}' is not a plain channel name`);
          notes.set(`${channel}\n${payload}`, [channel, payload]);
        },
      };
      const value = await fn(tx);
      // NOTIFY inside the transaction is delivered exactly when it commits; one statement for all of them.
      if (notes.size > 0 && driver.kind === 'postgres') {
        const pairs = [...notes.values()];
        await q.query(`SELECT pg_notify(n.channel, n.payload) FROM unnest($1::text[], $2::text[]) AS n(channel, payload)`, [
          pairs.map((p) => p[0]),
          pairs.map((p) => p[1]),
        ]);
      }
      return value;
    });
    for (const hook of hooks) hook();
    return result;
  }

  return {
    kind: driver.kind,
    tenant: (orgId, fn) => run(orgId, fn),
    system: (fn) => run(null, fn),
    listen: async (channel, handler) => {
      if (!CHANNEL.test(channel)) throw new Error(`listen: '${channel}' is not a plain channel name`);
      return driver.listen ? driver.listen(channel, handler) : async () => undefined; // PGlite: one process, nobody else to hear
    },
    poolStats: () => driver.poolStats?.() ?? { total: 1, idle: 0, waiting: 0, max: 1 },
    singleton: (name, fn) => (driver.withSessionLock ? driver.withSessionLock([ADVISORY_LOCK_SPACE, lockKeyOf(name)], fn) : fn()),
    close: () => driver.close(),
  };
}

/** A stable 32-bit key for a lock name. */
function lockKeyOf(name: string): number {
  return createHash('sha256').update(name).digest().readInt32BE(0);
}
