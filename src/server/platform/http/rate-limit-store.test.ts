import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { databaseRateLimitStore } from './rate-limit-store.ts';

// The counters every app node shares (PostgreSQL in production; the SQL is the same on PGlite, so both run it).
let testDb: TestDatabase;
let store: FastifyRateLimitStore;
beforeAll(async () => {
  testDb = await createTestDatabase();
  store = new (databaseRateLimitStore(testDb.db))();
});
afterAll(() => testDb.close());

const hit = (s: FastifyRateLimitStore, key: string, windowMs: number) =>
  new Promise<{ current: number; ttl: number }>((resolve, reject) => s.incr(key, (err, result) => (err ? reject(err) : resolve(result!)), windowMs, 10));
const route = (url: string) => store.child({ method: 'POST', url } as Parameters<FastifyRateLimitStore['child']>[0]);

describe('rate-limit counters in the database', () => {
  it('count hits in a window, say how long it has left, and start again once it is over', async () => {
    const login = route('/api/v1/auth/login');
    const first = await hit(login, '10.0.0.1|ana@example.com', 400);
    expect(first.current).toBe(1);
    expect(first.ttl).toBeGreaterThan(0);
    expect(first.ttl).toBeLessThanOrEqual(400);
    expect((await hit(login, '10.0.0.1|ana@example.com', 400)).current).toBe(2);
    expect((await hit(login, '10.0.0.1|ana@example.com', 400)).current).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await hit(login, '10.0.0.1|ana@example.com', 400)).current).toBe(1);
  });

  it('keep routes and keys apart, and store neither the address nor the e-mail', async () => {
    const login = route('/api/v1/auth/login');
    const board = route('/board/:token');
    expect((await hit(login, '10.0.0.2|bo@example.com', 60_000)).current).toBe(1);
    expect((await hit(board, '10.0.0.2|bo@example.com', 60_000)).current).toBe(1);
    expect((await hit(login, '10.0.0.3|bo@example.com', 60_000)).current).toBe(1);
    expect((await hit(login, '10.0.0.2|bo@example.com', 60_000)).current).toBe(2);
    const keys = await testDb.db.system((tx) => tx.query<{ key: string }>(`SELECT key FROM rate_limits`));
    expect(keys.every((k) => /^[0-9a-f]{64}$/.test(k.key))).toBe(true);
  });

  it('counts every one of many concurrent hits once (two nodes at the same moment)', async () => {
    const login = route('/api/v1/auth/login');
    const other = new (databaseRateLimitStore(testDb.db))().child({ method: 'POST', url: '/api/v1/auth/login' } as Parameters<FastifyRateLimitStore['child']>[0]);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => hit(i % 2 ? login : other, '10.0.0.9|race@example.com', 60_000)));
    expect(results.map((r) => r.current).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
