import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_CHANNEL, publish } from '../events/index.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';

// Commits heard by other processes: PostgreSQL NOTIFY sent inside the transaction, LISTEN on one dedicated connection.
let testDb: TestDatabase;
let orgId: string;
beforeAll(async () => {
  testDb = await createTestDatabase();
  const [org] = await testDb.db.system((tx) => tx.query<{ id: string }>(`INSERT INTO organisations (slug, name) VALUES ($1, $1) RETURNING id`, [`n-${randomUUID().slice(0, 8)}`]));
  orgId = org!.id;
});
afterAll(() => testDb.close());

/** Collects what a channel hears; `settle` waits long enough for a notification sent before it to arrive. */
async function hear(channel: string) {
  const heard: Array<string | null> = [];
  const stop = await testDb.db.listen(channel, (payload) => heard.push(payload));
  return { heard, stop, settle: () => new Promise((resolve) => setTimeout(resolve, 150)) };
}

describe('commit notifications', () => {
  it.skipIf(process.env.DATABASE_URL)('are not needed on PGlite, which serves one process: listening does nothing and publishing still works', async () => {
    const { heard, stop } = await hear(EVENTS_CHANNEL);
    await testDb.db.tenant(orgId, (tx) => publish(tx, 'test.quiet', {}));
    expect(heard).toEqual([]);
    await stop();
  });

  it.skipIf(!process.env.DATABASE_URL)('send one small notice per committed transaction that published, and none for a rollback (PostgreSQL)', async () => {
    const { heard, stop, settle } = await hear(EVENTS_CHANNEL);
    await testDb.db.tenant(orgId, async (tx) => {
      for (let i = 0; i < 5; i++) await publish(tx, 'test.group', { i });
    });
    await testDb.db
      .tenant(orgId, async (tx) => {
        await publish(tx, 'test.rolled-back', {});
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    await settle();
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatch(new RegExp(`^[0-9a-f]{8}:${orgId}$`));
    await stop();
  });

  it.skipIf(!process.env.DATABASE_URL)('reconnect after the listening connection is cut, telling the listener that some may have been missed (PostgreSQL)', async () => {
    const { heard, stop, settle } = await hear('test_channel');
    await testDb.db.system((tx) => tx.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'lodestar-listener' AND datname = current_database()`));
    const deadline = Date.now() + 10_000;
    while (!heard.includes(null) && Date.now() < deadline) await settle();
    expect(heard).toContain(null);
    await testDb.db.system(async (tx) => tx.notifyOnCommit('test_channel', 'after the cut'));
    await settle();
    expect(heard.at(-1)).toBe('after the cut');
    await stop();
  });
});
