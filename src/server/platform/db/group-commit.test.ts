import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { createDatabase, type Database, type Tx } from './database.ts';
import { GroupCommitter, type ItemOutcome } from './group-commit.ts';

// A real database; the driver is wrapped to log each COMMIT, so tests can see when callers are answered.
let testDb: TestDatabase;
let db: Database;
let log: string[] = [];
const orgId = randomUUID();

beforeAll(async () => {
  testDb = await createTestDatabase();
  const driver = testDb.driver;
  db = createDatabase({
    kind: driver.kind,
    close: () => driver.close(),
    transaction: async (fn) => {
      const result = await driver.transaction(fn);
      log.push('commit');
      return result;
    },
  });
  // `code` is unique but checked only at COMMIT, so a group whose statements all succeeded can still fail to commit.
  await db.system((tx) =>
    tx.query(`CREATE TABLE gc_items (code text NOT NULL, n int NOT NULL CHECK (n >= 0), CONSTRAINT gc_code UNIQUE (code) DEFERRABLE INITIALLY DEFERRED)`),
  );
});
afterAll(() => testDb.close());
beforeEach(async () => {
  await db.system((tx) => tx.query(`DELETE FROM gc_items`));
  log = [];
});

interface Item {
  code: string;
  n: number;
}

/** Inserts each item with its own statement and reports success for all of them. */
async function insertEach(tx: Tx, items: Item[]): Promise<ItemOutcome<string>[]> {
  log.push(`apply ${items.map((i) => i.code).join(',')}`);
  for (const i of items) await tx.query(`INSERT INTO gc_items (code, n) VALUES ($1, $2)`, [i.code, i.n]);
  return items.map((i) => ({ ok: true, value: i.code }));
}

const codesInTable = async () =>
  (await db.system((tx) => tx.query<{ code: string }>(`SELECT code FROM gc_items ORDER BY code`))).map((r) => r.code);

const item = (code: string, n = 1): Item => ({ code, n });

describe('GroupCommitter', () => {
  it('answers each caller only after the COMMIT of its group, when another transaction already sees the row', async () => {
    const gc = new GroupCommitter<Item, string>(db, { apply: insertEach });
    const visibleWhenAnswered: boolean[] = [];
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        gc.submit(orgId, item(`c${i}`)).then(async (code) => {
          log.push(`answer ${code}`);
          const [row] = await db.system((tx) => tx.query(`SELECT 1 FROM gc_items WHERE code = $1`, [code]));
          visibleWhenAnswered.push(row !== undefined);
        }),
      ),
    );
    expect(visibleWhenAnswered).toEqual(Array(30).fill(true));
    for (const [i, entry] of log.entries()) {
      if (!entry.startsWith('answer ')) continue;
      const code = entry.slice('answer '.length);
      const applied = log.findIndex((e) => e.startsWith('apply ') && e.slice(6).split(',').includes(code));
      const committed = log.indexOf('commit', applied);
      expect(committed, code).toBeGreaterThan(applied);
      expect(i, code).toBeGreaterThan(committed);
    }
  });

  it('rejects every caller of a group that rolls back and leaves nothing behind', async () => {
    const gc = new GroupCommitter<Item, string>(db, {
      apply: async (tx, items) => {
        await insertEach(tx, items);
        throw new Error('apply failed after writing');
      },
    });
    const outcomes = await gc.submitAll(orgId, [item('a'), item('b'), item('c')]);
    expect(outcomes.map((o) => o.ok)).toEqual([false, false, false]);
    expect(await codesInTable()).toEqual([]);
  });

  it('rejects callers whose COMMIT fails even though every statement succeeded', async () => {
    await db.system((tx) => tx.query(`INSERT INTO gc_items (code, n) VALUES ('taken', 1)`));
    const gc = new GroupCommitter<Item, string>(db, { apply: insertEach });
    await expect(gc.submit(orgId, item('taken'))).rejects.toMatchObject({ code: '23505' });
    expect(await codesInTable()).toEqual(['taken']);
  });

  it('lets a bad item fail alone: the group is retried one by one', async () => {
    const gc = new GroupCommitter<Item, string>(db, { apply: insertEach });
    // One item breaks a CHECK (fails its statement), one duplicates a code (fails only at COMMIT).
    const items = [item('g1'), item('bad', -1), item('g2'), item('g1'), item('g3')];
    const outcomes = await gc.submitAll(orgId, items);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true, false, true]);
    expect(await codesInTable()).toEqual(['g1', 'g2', 'g3']);
    expect(gc.stats.retriedAlone).toBe(5);
  });

  it('rejects items that apply refuses while committing their group-mates', async () => {
    const gc = new GroupCommitter<Item, string>(db, {
      apply: async (tx, items) => {
        const good = items.filter((i) => i.n > 0);
        await insertEach(tx, good);
        return items.map((i) => (i.n > 0 ? { ok: true, value: i.code } : { ok: false, error: new Error(`refused ${i.code}`) }));
      },
    });
    const outcomes = await gc.submitAll(orgId, [item('x1'), item('x2', 0), item('x3')]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect((outcomes[1] as { error: Error }).error.message).toBe('refused x2');
    expect(await codesInTable()).toEqual(['x1', 'x3']);
    expect(gc.stats.transactions).toBe(1);
  });

  it('serves N concurrent callers with far fewer than N transactions', async () => {
    const gc = new GroupCommitter<Item, string>(db, { apply: insertEach, maxBatch: 100 });
    const n = 400;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => gc.submit(orgId, item(`k${i}`))));
    expect(new Set(results).size).toBe(n);
    expect((await codesInTable()).length).toBe(n);
    expect(gc.stats.transactions).toBeLessThanOrEqual(n / 20);
    expect(log.filter((e) => e.startsWith('apply ')).every((e) => e.split(',').length <= 100)).toBe(true);
  });

  it('keeps organisations apart: one transaction never holds two organisations\u2019 writes', async () => {
    const seen: (string | null)[][] = [];
    const gc = new GroupCommitter<Item, string>(db, {
      apply: async (tx, items) => {
        seen.push(items.map(() => tx.orgId));
        return insertEach(tx, items);
      },
    });
    const other = randomUUID();
    await Promise.all([...Array.from({ length: 10 }, (_, i) => gc.submit(orgId, item(`o${i}`))), ...Array.from({ length: 10 }, (_, i) => gc.submit(other, item(`p${i}`)))]);
    expect(seen.every((group) => new Set(group).size === 1)).toBe(true);
    expect(new Set(seen.flat())).toEqual(new Set([orgId, other]));
  });

  it('keeps at most maxInFlight groups of an organisation in their transactions at once, and uses them on PostgreSQL', async () => {
    for (const maxInFlight of [1, 3]) {
      let running = 0;
      let peak = 0;
      const gc = new GroupCommitter<Item, string>(db, {
        maxInFlight,
        maxBatch: 5,
        apply: async (tx, items) => {
          peak = Math.max(peak, ++running);
          try {
            await new Promise((resolve) => setTimeout(resolve, 20)); // a slow statement: others arrive meanwhile
            return await insertEach(tx, items);
          } finally {
            running--;
          }
        },
      });
      const results = await Promise.all(Array.from({ length: 60 }, (_, i) => gc.submit(orgId, item(`m${maxInFlight}-${i}`))));
      expect(new Set(results).size).toBe(60);
      expect(peak).toBeLessThanOrEqual(maxInFlight);
      if (maxInFlight === 3 && db.kind === 'postgres') expect(peak).toBe(3);
    }
    expect((await codesInTable()).filter((c) => c.startsWith('m')).length).toBe(120);
  });

  it('waits up to maxWaitMs for company, and no longer once a group is full', async () => {
    const gc = new GroupCommitter<Item, string>(db, { apply: insertEach, maxWaitMs: 50 });
    const first = gc.submit(orgId, item('w0'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await Promise.all([first, gc.submit(orgId, item('w1'))]);
    expect(gc.stats.transactions).toBe(1);

    const full = new GroupCommitter<Item, string>(db, { apply: insertEach, maxWaitMs: 60_000, maxBatch: 3 });
    const started = performance.now();
    await Promise.all([full.submit(orgId, item('f0')), full.submit(orgId, item('f1')), full.submit(orgId, item('f2'))]);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(full.stats.transactions).toBe(1);
  });
});
