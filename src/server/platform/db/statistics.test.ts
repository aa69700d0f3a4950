import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR } from '../clock.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { scheduleStatisticsJob } from './statistics.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('planner statistics', () => {
  it('are refreshed hourly on PGlite, which has no autovacuum; a PostgreSQL server keeps its own', async () => {
    await scheduleStatisticsJob(t.ctx);
    const jobs = await t.ctx.db.system((tx) => tx.query(`SELECT 1 FROM jobs WHERE name = 'db.refresh-statistics'`));
    if (t.ctx.db.kind !== 'pglite') return expect(jobs).toHaveLength(0);
    expect(jobs).toHaveLength(1);
    t.clock.advance(HOUR + 1000);
    await t.ctx.jobs.runDue();
    const [row] = await t.ctx.db.system((tx) => tx.query<{ analysed: boolean }>(`SELECT last_analyze IS NOT NULL AS analysed FROM pg_stat_user_tables WHERE relname = 'responses'`));
    expect(row!.analysed).toBe(true);
  });
});
