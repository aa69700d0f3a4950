import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { MINUTE, TestClock } from '../clock.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import type { Logger } from '../logger.ts';
import { JobRunner, SYSTEM_JOBS_ORG, enqueueJob, type EnqueueJobInput, type JobRunnerOptions } from './index.ts';

let testDb: TestDatabase;
let orgA: string;
let orgB: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  orgA = await createOrg('jobs-a');
  orgB = await createOrg('jobs-b');
});
afterAll(() => testDb.close());

async function createOrg(slug: string): Promise<string> {
  const rows = await testDb.db.system((tx) =>
    tx.query<{ id: string }>(`INSERT INTO organisations (slug, name) VALUES ($1, $1) RETURNING id`, [slug]),
  );
  return rows[0]!.id;
}

function createRunner(clock = new TestClock(), options: JobRunnerOptions = {}) {
  const logs: string[] = [];
  const logger: Logger = { error: (_obj, msg) => logs.push(`error: ${msg}`), warn: (_obj, msg) => logs.push(`warn: ${msg}`) };
  return { runner: new JobRunner(testDb.db, clock, logger, options), clock, logs };
}

const enqueueIn = (orgId: string, input: EnqueueJobInput<unknown>) => testDb.db.tenant(orgId, (tx) => enqueueJob(tx, input));

async function jobRow(id: number) {
  const rows = await testDb.db.system((tx) =>
    tx.query<{ status: string; attempts: number; run_at: Date | null; last_error: string | null }>(
      `SELECT status, attempts, run_at, last_error FROM jobs WHERE id = $1`,
      [id],
    ),
  );
  return rows[0]!;
}

describe('enqueueJob', () => {
  it("exists only if the caller's transaction commits", async () => {
    await expect(
      testDb.db.tenant(orgA, async (tx) => {
        await enqueueJob(tx, { name: 'test.rolled-back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const { runner } = createRunner();
    let runs = 0;
    runner.register('test.rolled-back', async () => void runs++);
    expect(await runner.runDue()).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(runs).toBe(0);
  });

  it('keeps one job per unique key, and a tenant sees only its own jobs', async () => {
    const first = await enqueueIn(orgA, { name: 'test.unique', uniqueKey: `welcome:${orgA}` });
    const second = await enqueueIn(orgA, { name: 'test.unique', uniqueKey: `welcome:${orgA}` });
    expect(first).toEqual(expect.any(Number));
    expect(second).toBeNull();
    const visibleToB = await testDb.db.tenant(orgB, (tx) => tx.query(`SELECT id FROM jobs WHERE name = 'test.unique'`));
    expect(visibleToB).toEqual([]);
    await expect(enqueueIn(orgB, { name: 'test.unique', orgId: orgA })).rejects.toThrow(/row-level security/);
  });
});

describe('JobRunner', () => {
  it("runs a job no earlier than its runAt, in the job's organisation", async () => {
    const { runner, clock } = createRunner();
    const seen: string[] = [];
    runner.register<{ unit: string }>('test.scheduled', async (job, ctx) => {
      const orgs = await ctx.tenant((tx) => tx.query<{ id: string }>(`SELECT id FROM organisations`));
      seen.push(`${job.payload.unit}:${orgs.map((o) => (o.id === job.orgId ? 'own org' : 'other org')).join()}`);
    });
    await enqueueIn(orgB, { name: 'test.scheduled', payload: { unit: 'u1' }, runAt: new Date(clock.now().getTime() + 10 * MINUTE) });
    clock.advance(10 * MINUTE - 1);
    expect((await runner.runDue()).done).toBe(0);
    clock.advance(1);
    expect((await runner.runDue()).done).toBe(1);
    expect(seen).toEqual(['u1:own org']);
  });

  it('runs a recurring job once per interval, and every() at the next boot adds no duplicate', async () => {
    const { runner, clock } = createRunner();
    let runs = 0;
    runner.register('test.recurring', async () => void runs++);
    await runner.every('test.recurring', 5 * MINUTE);
    await runner.every('test.recurring', 5 * MINUTE); // a second boot
    expect((await runner.runDue()).done).toBe(1);
    clock.advance(5 * MINUTE - 1);
    expect((await runner.runDue()).done).toBe(0);
    clock.advance(1);
    expect((await runner.runDue()).done).toBe(1);
    expect((await runner.runDue()).done).toBe(0);
    const rows = await testDb.db.system((tx) => tx.query<{ status: string }>(`SELECT status FROM jobs WHERE name = 'test.recurring'`));
    expect({ runs, rows }).toEqual({ runs: 2, rows: [{ status: 'queued' }] });
  });

  it('leaves a job to a new runner after a restart', async () => {
    const id = (await enqueueIn(orgA, { name: 'test.restart' }))!;
    const { runner: beforeRestart } = createRunner(); // knows nothing of this job, so leaves it queued
    beforeRestart.register('test.other', async () => undefined);
    await beforeRestart.runDue();
    const { runner: afterRestart } = createRunner();
    afterRestart.register('test.restart', async () => undefined);
    expect((await afterRestart.runDue()).done).toBe(1);
    expect((await jobRow(id)).status).toBe('done');
  });

  it('re-queues a job left running by a crashed process once its lock has timed out', async () => {
    const id = (await enqueueIn(orgA, { name: 'test.stale' }))!;
    const { runner, clock, logs } = createRunner(new TestClock(), { lockTimeoutMs: 10 * MINUTE });
    await testDb.db.system((tx) =>
      tx.query(`UPDATE jobs SET status = 'running', attempts = 1, locked_at = $2 WHERE id = $1`, [id, clock.now()]),
    );
    let runs = 0;
    runner.register('test.stale', async () => void runs++);
    clock.advance(10 * MINUTE);
    expect(await runner.requeueStaleJobs()).toBe(0);
    clock.advance(1);
    expect(await runner.requeueStaleJobs()).toBe(1);
    expect(logs).toEqual(['warn: abandoned job recovered']);
    expect((await runner.runDue()).done).toBe(1);
    expect(await jobRow(id)).toMatchObject({ status: 'done', attempts: 2, last_error: null });
    expect(runs).toBe(1);
  });

  it('keeps renewing the lease of a long job, so another node does not take it back while it runs', async () => {
    const clock = new TestClock();
    const { runner } = createRunner(clock, { lockTimeoutMs: 40 });
    const { runner: otherNode } = createRunner(clock, { lockTimeoutMs: 40 });
    let reclaimedWhileRunning = -1;
    runner.register('test.long', async () => {
      clock.advance(10 * MINUTE); // the job has run for ten minutes by the clock…
      await new Promise((resolve) => setTimeout(resolve, 300)); // …and its lease was renewed meanwhile (every 10 ms)
      reclaimedWhileRunning = await otherNode.requeueStaleJobs();
    });
    const id = (await enqueueIn(orgA, { name: 'test.long' }))!;
    expect((await runner.runDue()).done).toBe(1);
    expect(reclaimedWhileRunning).toBe(0);
    expect(await jobRow(id)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('stores a system job under the all-zero organisation and hands it to its handler without one', async () => {
    const { runner } = createRunner();
    const seen: Array<string | null> = [];
    runner.register('test.system', async (job, ctx) => {
      seen.push(job.orgId);
      await expect(ctx.tenant(async () => undefined)).rejects.toThrow(/system job/);
    });
    const id = (await testDb.db.system((tx) => enqueueJob(tx, { name: 'test.system', orgId: null })))!;
    const [row] = await testDb.db.system((tx) => tx.query<{ org_id: string }>(`SELECT org_id FROM jobs WHERE id = $1`, [id]));
    expect(row!.org_id).toBe(SYSTEM_JOBS_ORG);
    expect((await runner.runDue()).done).toBe(1);
    expect(seen).toEqual([null]);
  });

  it('retries a failing job with backoff, then marks it failed', async () => {
    const id = (await enqueueIn(orgA, { name: 'test.failing', maxAttempts: 3 }))!;
    const { runner, clock, logs } = createRunner();
    runner.register('test.failing', async (job) => {
      throw new Error(`attempt ${job.attempts} failed`);
    });
    expect(await runner.runDue()).toEqual({ done: 0, retried: 1, failed: 0 });
    expect((await jobRow(id)).run_at).toEqual(new Date(clock.now().getTime() + 1000));
    clock.advance(1000);
    expect(await runner.runDue()).toEqual({ done: 0, retried: 1, failed: 0 });
    expect((await jobRow(id)).run_at).toEqual(new Date(clock.now().getTime() + 2000));
    clock.advance(2000);
    expect(await runner.runDue()).toEqual({ done: 0, retried: 0, failed: 1 });
    clock.advance(MINUTE);
    expect(await runner.runDue()).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(await jobRow(id)).toMatchObject({ status: 'failed', attempts: 3, last_error: 'attempt 3 failed' });
    expect(logs).toEqual(['error: job failed', 'error: job failed', 'error: job failed']);
  });

  it('keeps a recurring job alive when it runs out of attempts: it waits for its next interval', async () => {
    const { runner, clock } = createRunner();
    runner.register('test.recurring-failing', async () => {
      throw new Error('warehouse offline');
    });
    await runner.every('test.recurring-failing', 60 * MINUTE);
    const [row] = await testDb.db.system((tx) =>
      tx.query<{ id: number }>(`UPDATE jobs SET max_attempts = 2 WHERE unique_key = 'recurring:test.recurring-failing' RETURNING id`),
    );
    expect(await runner.runDue()).toMatchObject({ retried: 1 });
    clock.advance(1000);
    expect(await runner.runDue()).toMatchObject({ failed: 1 });
    expect(await jobRow(row!.id)).toMatchObject({
      status: 'queued',
      attempts: 0,
      run_at: new Date(clock.now().getTime() + 60 * MINUTE),
      last_error: 'warehouse offline',
    });
  });

  it('never runs a job twice when several runners poll at once', async () => {
    const runs = new Map<number, number>();
    const runners = [1, 2, 3].map(() => createRunner(new TestClock(), { concurrency: 2 }).runner);
    for (const runner of runners) {
      runner.register('test.race', async (job) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
        runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      });
    }
    for (let i = 0; i < 30; i++) await enqueueIn(i % 2 ? orgA : orgB, { name: 'test.race', payload: { i } });
    const results = await Promise.all([...runners, ...runners].map((runner) => runner.runDue()));
    expect(results.reduce((sum, r) => sum + r.done, 0)).toBe(30);
    expect(runs.size).toBe(30);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
  });

  it('once started, runs due jobs on its own, and stop() waits for the job in hand', async () => {
    const { runner } = createRunner(new TestClock(), { pollMs: 10 });
    let started!: () => void;
    const hasStarted = new Promise<void>((resolve) => (started = resolve));
    let isFinished = false;
    runner.register('test.polled', async () => {
      started();
      await new Promise((resolve) => setTimeout(resolve, 50));
      isFinished = true;
    });
    runner.start();
    await enqueueIn(orgA, { name: 'test.polled' });
    await hasStarted;
    await runner.stop();
    expect(isFinished).toBe(true);
  });
});
