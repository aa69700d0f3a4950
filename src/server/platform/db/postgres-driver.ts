import pg from 'pg';
import type { Driver, Queryable } from './database.ts';
import { createPgListener } from './pg-listener.ts';

// int8 (counts, bigserial ids) and numeric (amounts) as JS numbers: our values stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** A PostgreSQL server through a connection pool; each transaction holds one client. LISTEN has a connection of its own. */
export function openPostgresDriver(url: string, max = 10): Driver & { pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => undefined);
  const listener = createPgListener(url);
  return {
    kind: 'postgres',
    pool,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const q: Queryable = {
          query: async <T>(sql: string, params?: unknown[]) =>
            (await client.query(sql, params as unknown[])).rows as T[],
        };
        const result = await fn(q);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    listen: (channel, handler) => listener.listen(channel, handler),
    async withSessionLock(key, fn) {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1, $2)', key);
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, $2)', key).catch(() => undefined);
        client.release();
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
    close: async () => {
      await listener.close();
      await pool.end();
    },
  };
}
