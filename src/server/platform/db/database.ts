/**
 * One interface over embedded PGlite and a PostgreSQL server. Every query the
 * app runs goes through `tenant()` (row-level security on, as the unprivileged
 * role `lodestar_app`, scoped to one organisation) or `system()` (migrations,
 * login look-ups, background dispatch across organisations).
 */
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
}

export interface Database {
  readonly kind: DbKind;
  tenant<T>(orgId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  system<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A raw connection that can run a callback inside BEGIN … COMMIT. */
export interface Driver {
  readonly kind: DbKind;
  transaction<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Wraps a driver with tenant scoping and after-commit hooks. */
export function createDatabase(driver: Driver): Database {
  async function run<T>(orgId: string | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const hooks: Array<() => void> = [];
    const result = await driver.transaction(async (q) => {
      if (orgId !== null) {
        await q.query(`SET LOCAL ROLE ${APP_ROLE}`);
        // A runaway query (a bug, a hostile filter) must not hold a connection for ever.
        await q.query(`SELECT set_config('app.org_id', $1, true), set_config('statement_timeout', '30s', true)`, [orgId]);
      }
      const tx: Tx = { orgId, query: (sql, params) => q.query(sql, params), afterCommit: (h) => hooks.push(h) };
      return fn(tx);
    });
    for (const hook of hooks) hook();
    return result;
  }
  return {
    kind: driver.kind,
    tenant: (orgId, fn) => run(orgId, fn),
    system: (fn) => run(null, fn),
    close: () => driver.close(),
  };
}
