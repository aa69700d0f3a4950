import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { TestClock } from '../clock.ts';
import type { Tx } from '../db/database.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import type { Logger } from '../logger.ts';
import { EventBus, publish, type Event, type EventBusOptions } from './index.ts';

let testDb: TestDatabase;
let orgA: string;
let orgB: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  orgA = await createOrg('events-a');
  orgB = await createOrg('events-b');
});
afterAll(() => testDb.close());

async function createOrg(slug: string): Promise<string> {
  const rows = await testDb.db.system((tx) =>
    tx.query<{ id: string }>(`INSERT INTO organisations (slug, name) VALUES ($1, $1) RETURNING id`, [slug]),
  );
  return rows[0]!.id;
}

function createBus(clock = new TestClock(), options: EventBusOptions = {}) {
  const errors: Array<{ obj: object; msg?: string }> = [];
  const logger: Logger = { error: (obj, msg) => errors.push({ obj, msg }) };
  return { bus: new EventBus(testDb.db, clock, logger, options), clock, errors };
}

const publishIn = (orgId: string, name: string, payload: unknown) =>
  testDb.db.tenant(orgId, (tx) => publish(tx, name, payload));

async function outboxRow(name: string) {
  const rows = await testDb.db.system((tx) =>
    tx.query<{ handled_by: string[]; attempts: number; done_at: Date | null; last_error: string | null }>(
      `SELECT handled_by, attempts, done_at, last_error FROM outbox_events WHERE name = $1`,
      [name],
    ),
  );
  return rows[0]!;
}

describe('publish', () => {
  it('never delivers an event whose transaction rolled back', async () => {
    const { bus } = createBus();
    const seen: Event[] = [];
    bus.on('test.rolled-back', 'record', async (event) => void seen.push(event));
    await expect(
      testDb.db.tenant(orgA, async (tx) => {
        await publish(tx, 'test.rolled-back', { n: 1 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await bus.drain()).toEqual({ events: 0, completed: 0, failures: 0 });
    expect(seen).toEqual([]);
  });

  it('refuses a system transaction: an event belongs to an organisation', async () => {
    await expect(testDb.db.system((tx) => publish(tx, 'test.orphan', {}))).rejects.toThrow(/tenant transaction/);
  });
});

describe('EventBus', () => {
  it('delivers a committed event to each handler exactly once', async () => {
    const { bus } = createBus();
    const calls: string[] = [];
    bus.on<{ surveyId: string }>('test.delivered', 'first', async (event) => void calls.push(`first:${event.payload.surveyId}`));
    bus.on<{ surveyId: string }>('test.delivered', 'second', async (event) => void calls.push(`second:${event.payload.surveyId}`));
    await publishIn(orgA, 'test.delivered', { surveyId: 's1' });
    expect(await bus.drain()).toEqual({ events: 1, completed: 1, failures: 0 });
    expect(await bus.drain()).toEqual({ events: 0, completed: 0, failures: 0 });
    expect(calls.sort()).toEqual(['first:s1', 'second:s1']);
    const row = await outboxRow('test.delivered');
    expect(row.handled_by.sort()).toEqual(['first', 'second']);
    expect(row.done_at).not.toBeNull();
  });

  it('retries a failing handler after backoff without re-running the sibling that succeeded', async () => {
    const { bus, clock, errors } = createBus();
    let isBroken = true;
    let flakyRuns = 0;
    // The sibling's effect is an event of its own: only committed runs leave one.
    bus.on('test.flaky', 'sibling', async (_event, tx) => publish(tx, 'test.flaky-sibling-ran', {}));
    bus.on('test.flaky', 'flaky', async () => {
      flakyRuns++;
      if (isBroken) throw new Error(`boom ${flakyRuns}`);
    });
    await publishIn(orgA, 'test.flaky', {});
    expect(await bus.drain()).toMatchObject({ events: 1, completed: 0, failures: 1 });
    expect(errors[0]?.msg).toBe('event handler failed');

    clock.advance(999); // first backoff is 1 s
    expect((await bus.drain()).events).toBe(0);
    clock.advance(1);
    expect(await bus.drain()).toMatchObject({ events: 1, failures: 1 });

    isBroken = false;
    clock.advance(1999); // then 2 s
    expect((await bus.drain()).events).toBe(0);
    clock.advance(1);
    expect(await bus.drain()).toEqual({ events: 1, completed: 1, failures: 0 });
    const siblingEffects = await testDb.db.system((tx) => tx.query(`SELECT 1 FROM outbox_events WHERE name = 'test.flaky-sibling-ran'`));
    expect(siblingEffects).toHaveLength(1);
    const row = await outboxRow('test.flaky');
    expect(row).toMatchObject({ attempts: 3, last_error: null });
    expect(row.handled_by.sort()).toEqual(['flaky', 'sibling']);
  });

  it("commits a handler's writes together with its done-mark, or neither", async () => {
    const { bus, clock } = createBus();
    let shouldFail = true;
    bus.on('test.atomic', 'create-unit', async (event, tx) => {
      await tx.query(`INSERT INTO units (org_id, name, kind) VALUES ($1, 'atomic unit', 'team')`, [event.orgId]);
      if (shouldFail) throw new Error('fails after writing');
    });
    await publishIn(orgA, 'test.atomic', {});
    await bus.drain();
    const countUnits = () =>
      testDb.db.tenant(orgA, async (tx) => (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM units WHERE name = 'atomic unit'`))[0]!.n);
    expect(await countUnits()).toBe(0);
    expect((await outboxRow('test.atomic')).handled_by).toEqual([]);

    shouldFail = false;
    clock.advance(60_000);
    expect((await bus.drain()).completed).toBe(1);
    expect(await countUnits()).toBe(1);
    expect((await outboxRow('test.atomic')).handled_by).toEqual(['create-unit']);
  });

  it("runs a handler in its event's organisation, seeing only that organisation's rows", async () => {
    await testDb.db.tenant(orgA, (tx) => tx.query(`INSERT INTO units (org_id, name, kind) VALUES ($1, 'only in A', 'team')`, [orgA]));
    await testDb.db.tenant(orgB, (tx) => tx.query(`INSERT INTO units (org_id, name, kind) VALUES ($1, 'only in B', 'team')`, [orgB]));
    const { bus } = createBus();
    const seenBy = new Map<string, string[]>();
    bus.on('test.tenancy', 'list-units', async (event, tx: Tx) => {
      const units = await tx.query<{ name: string }>(`SELECT name FROM units WHERE name LIKE 'only in %'`);
      const events = await tx.query<{ org_id: string }>(`SELECT DISTINCT org_id FROM outbox_events`);
      seenBy.set(event.orgId, [...units.map((u) => u.name), ...events.map((e) => (e.org_id === event.orgId ? 'own events' : 'foreign events'))]);
    });
    await publishIn(orgA, 'test.tenancy', {});
    await publishIn(orgB, 'test.tenancy', {});
    await bus.drain();
    expect(seenBy.get(orgA)).toEqual(['only in A', 'own events']);
    expect(seenBy.get(orgB)).toEqual(['only in B', 'own events']);
  });

  it('delivers events left pending by a previous process (restart)', async () => {
    await publishIn(orgA, 'test.restart', { order: 1 });
    // A process claimed this one, then died before handling it.
    await publishIn(orgA, 'test.restart', { order: 2 });
    await testDb.db.system((tx) =>
      tx.query(`UPDATE outbox_events SET attempts = 1, next_attempt_at = $1 WHERE name = 'test.restart' AND payload->>'order' = '2'`, [
        new Date(new TestClock().now().getTime() + 300_000),
      ]),
    );
    const { bus, clock } = createBus();
    const orders: number[] = [];
    bus.on<{ order: number }>('test.restart', 'record', async (event) => void orders.push(event.payload.order));
    await bus.drain();
    expect(orders).toEqual([1]);
    clock.advance(300_000); // the dead process's lease ran out
    await bus.drain();
    expect(orders).toEqual([1, 2]);
  });

  it('gives up after maxAttempts and leaves last_error for an admin', async () => {
    const { bus, clock, errors } = createBus(new TestClock(), { maxAttempts: 3 });
    bus.on('test.hopeless', 'always-fails', async () => {
      throw new Error('remote service down');
    });
    await publishIn(orgA, 'test.hopeless', {});
    for (let i = 0; i < 5; i++) {
      await bus.drain();
      clock.advance(3_600_000);
    }
    expect(await outboxRow('test.hopeless')).toMatchObject({ attempts: 3, done_at: null, last_error: 'always-fails: remote service down' });
    expect(errors.map((e) => e.msg)).toEqual(['event handler failed', 'event handler failed', 'event handler failed', 'event handling gave up']);
  });

  it('delivers events that handlers publish in the same drain', async () => {
    const { bus } = createBus();
    const seen: string[] = [];
    bus.on('test.chain-first', 'relay', async (_event, tx) => publish(tx, 'test.chain-second', {}));
    bus.on('test.chain-second', 'record', async (event) => void seen.push(event.name));
    await publishIn(orgB, 'test.chain-first', {});
    expect((await bus.drain()).completed).toBe(2);
    expect(seen).toEqual(['test.chain-second']);
  });

  it('hands a batch handler its organisation’s events in one call, in outbox order, and retries a failed batch one event at a time', async () => {
    const { bus } = createBus();
    const calls: number[][] = [];
    bus.onBatch<{ i: number }>('test.batch', 'sum', async (events) => {
      calls.push(events.map((e) => e.payload.i));
      if (events.some((e) => e.payload.i === 3)) throw new Error('3 is bad');
    });
    for (let i = 0; i < 5; i++) await publishIn(orgA, 'test.batch', { i });
    await publishIn(orgB, 'test.batch', { i: 9 });
    const result = await bus.drain();
    // One call per organisation (all handlers at once, then this handler alone); the failed batch
    // then runs one event at a time (only 3 fails) before the next organisation.
    expect(calls).toEqual([[0, 1, 2, 3, 4], [0, 1, 2, 3, 4], [0], [1], [2], [3], [4], [9]]);
    expect(result).toMatchObject({ events: 6, completed: 5, failures: 1 });
  });

  // With a zero lease every dispatcher sees every pending event as due, so only the done-mark prevents repeats.
  it.each([300_000, 0])('never runs a handler twice when several dispatchers drain at once (lease %i ms)', async (leaseMs) => {
    const name = `test.race-${leaseMs}`;
    const runs = new Map<number, number>();
    const buses = [1, 2, 3].map(() => createBus(new TestClock(), { batchSize: 4, leaseMs, maxAttempts: 1000 }).bus);
    for (const bus of buses) {
      bus.on(name, 'count', async (event) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
        runs.set(event.id, (runs.get(event.id) ?? 0) + 1);
      });
    }
    for (let i = 0; i < 30; i++) await publishIn(i % 2 ? orgA : orgB, name, { i });
    await Promise.all(buses.map((bus) => bus.drain()));
    expect(runs.size).toBe(30);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    const pending = await testDb.db.system((tx) => tx.query(`SELECT id FROM outbox_events WHERE name = $1 AND done_at IS NULL`, [name]));
    expect(pending).toEqual([]);
  });

  it('once started, handles a committed event within milliseconds and logs failures without crashing', async () => {
    const { bus, errors } = createBus(new TestClock(), { pollMs: 60_000 }); // only the wake-up can deliver in time
    let delivered!: () => void;
    const isDelivered = new Promise<void>((resolve) => (delivered = resolve));
    bus.on('test.live', 'resolve', async () => delivered());
    bus.on('test.live', 'throws', async () => {
      throw new Error('handler bug');
    });
    bus.start();
    try {
      const publishedAt = performance.now();
      await publishIn(orgA, 'test.live', {});
      await isDelivered;
      expect(performance.now() - publishedAt).toBeLessThan(250);
    } finally {
      await bus.stop();
    }
    expect(errors.map((e) => e.msg)).toContain('event handler failed');
  });
});
