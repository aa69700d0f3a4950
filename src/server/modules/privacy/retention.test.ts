import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../platform/clock.ts';
import { buildUser } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildPrivacyFixture, type SeededCustomer } from '../../testing/privacy-fixtures.ts';
import { APPLY_RETENTION, RETENTION_BATCH, scheduleRetention } from './retention.jobs.ts';

// The daily retention job on a real database: a customer seen 14 months ago and one seen yesterday.
let t: TestApp;
let f: Awaited<ReturnType<typeof buildPrivacyFixture>>;
let old: SeededCustomer;
let young: SeededCustomer;
const OLD_TIME = '2024-11-04T09:00:00Z';
const NOW = '2026-01-05T09:00:00Z';

const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.db.tenant(f.org.orgId, (tx) => tx.query<T>(sql, [f.org.orgId, ...params]));

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(OLD_TIME);
  f = await buildPrivacyFixture(t);
  // More answers than one batch, so the job has to loop.
  old = await f.seedCustomer('Old', RETENTION_BATCH + 20, { cases: false });
  const [first] = await q<{ id: string }>(`SELECT id FROM responses WHERE org_id = $1 AND customer_id = $2 ORDER BY submitted_at LIMIT 1`, [old.customerId]);
  // One detractor answer with its case, closed back then.
  const detractor = await f.ok('POST', '/api/v1/responses', {
    surveyId: f.surveyId, customerId: old.customerId, employeeId: f.employeeId, submittedAt: t.clock.now().toISOString(), answers: { nps: 1, comment: '旧投诉：快递员把包裹扔在门口了 thrown at the door' },
  });
  expect(first && detractor.id).toBeTruthy();
  await t.ctx.events.drain();
  const [oldCase] = await q<{ id: string }>(`SELECT id FROM cases WHERE org_id = $1 AND response_id = $2`, [detractor.id]);
  await f.ok('POST', `/api/v1/cases/${oldCase!.id}/actions`, { type: 'note', text: `回访${old.name}，电话${old.phone}`, contact: true });
  await f.ok('POST', `/api/v1/cases/${oldCase!.id}/actions`, { type: 'close', rootCause: 'delivery.late', note: `${old.name}接受了道歉` });
  const login = await buildUser(t.ctx, f.org);
  expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { ...login, org: f.org.slug } })).statusCode).toBe(200);
  t.clock.set(NOW);
  young = await f.seedCustomer('Young', 12);
}, 180_000);
afterAll(() => t?.close());

const METRICS = ['nps', 'csat', 'sentiment', 'praise', 'fcr', 'response_rate'];
async function metrics(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const m of METRICS) {
    for (const query of ['groupBy=month', 'from=2024-11-03T05:00:00Z&to=2024-11-05T13:00:00Z', 'groupBy=employee']) {
      out[`${m}?${query}`] = await f.ok('GET', `/api/v1/metrics/${m}?${query}`);
    }
  }
  return out;
}

describe('the retention job', () => {
  it('anonymises and deletes what is older than the limits, in batches, keeps the young rows and every aggregate', async () => {
    await f.ok('PUT', '/api/v1/privacy/retention', { responsesMonths: 12, commentsMonths: 6, casesMonths: 6, messagesMonths: 6, sessionsMonths: 1 });
    const before = await metrics();
    const rollups = await q(`SELECT * FROM metric_rollups WHERE org_id = $1 ORDER BY id`);
    const [counts] = await q<{ responses: number; analyses: number }>(
      `SELECT (SELECT count(*)::int FROM responses WHERE org_id = $1) AS responses, (SELECT count(*)::int FROM text_analyses WHERE org_id = $1) AS analyses`,
    );
    const sessionsBefore = await q(`SELECT 1 FROM sessions WHERE org_id = $1`);
    expect(sessionsBefore).toHaveLength(1);

    expect(await scheduleRetention(t.ctx)).toBe(1);
    expect(await scheduleRetention(t.ctx)).toBe(0); // once per organisation and day
    const ran = await t.ctx.jobs.runDue();
    expect(ran.failed).toBe(0);

    // Old answers: no customer, interaction, link or words; their scores and analysis scores stay.
    const oldRows = await q<{ customer_id: string | null; interaction_id: string | null; comment: string | null; answers: Record<string, unknown>; nps: number }>(
      `SELECT r.customer_id, r.interaction_id, r.comment, r.answers, r.nps FROM responses r WHERE r.org_id = $1 AND r.submitted_at < '2025-01-01'`,
    );
    expect(oldRows).toHaveLength(RETENTION_BATCH + 21);
    for (const r of oldRows) {
      expect(r).toMatchObject({ customer_id: null, interaction_id: null, comment: null });
      expect(Object.keys(r.answers).sort()).toEqual(expect.arrayContaining(['nps']));
      expect(r.answers).not.toHaveProperty('comment');
      expect(r.answers).not.toHaveProperty('ref');
    }
    const oldTexts = await q<{ n: number }>(`SELECT count(*)::int AS n FROM text_analyses WHERE org_id = $1 AND submitted_at < '2025-01-01' AND (redacted_text <> '' OR customer_id IS NOT NULL)`);
    expect(oldTexts).toEqual([{ n: 0 }]);
    // Young answers keep everything.
    const youngRows = await q<{ comment: string | null; customer_id: string }>(`SELECT comment, customer_id FROM responses WHERE org_id = $1 AND submitted_at >= '2025-12-01'`);
    expect(youngRows).toHaveLength(12);
    expect(youngRows.every((r) => r.comment && r.customer_id === young.customerId)).toBe(true);

    // The old closed case: no customer, description or words; the young ones untouched.
    const oldCases = await q<{ customer_id: string | null; scrubbed_at: Date | null; status: string }>(`SELECT customer_id, scrubbed_at, status FROM cases WHERE org_id = $1 AND created_at < '2025-01-01'`);
    expect(oldCases).toEqual([expect.objectContaining({ customer_id: null, status: 'closed', scrubbed_at: expect.any(Date) })]);
    const timeline = JSON.stringify(await q(`SELECT e.data FROM case_events e JOIN cases c ON c.org_id = e.org_id AND c.id = e.case_id WHERE e.org_id = $1 AND c.created_at < '2025-01-01'`));
    for (const v of [old.name, old.phone, '扔在门口']) expect(timeline).not.toContain(v);
    expect(await q(`SELECT 1 FROM cases WHERE org_id = $1 AND created_at >= '2025-12-01' AND scrubbed_at IS NULL AND customer_id IS NOT NULL`)).toHaveLength(young.caseIds.length);

    // Old invitation and ended session gone; the young invitation stays.
    expect(await q(`SELECT recipient FROM outbox_messages WHERE org_id = $1 ORDER BY id`)).toEqual([{ recipient: young.email }]);
    expect(await q(`SELECT 1 FROM sessions WHERE org_id = $1`)).toHaveLength(0);

    // Aggregates: rollups untouched, the metrics API answers as before, no row was lost.
    expect(await q(`SELECT * FROM metric_rollups WHERE org_id = $1 ORDER BY id`)).toEqual(rollups);
    expect(await metrics()).toEqual(before);
    expect(
      await q(`SELECT (SELECT count(*)::int FROM responses WHERE org_id = $1) AS responses, (SELECT count(*)::int FROM text_analyses WHERE org_id = $1) AS analyses`),
    ).toEqual([counts]);

    const settings = await f.ok('GET', '/api/v1/privacy/retention');
    expect(settings.lastRun).toMatchObject({ at: new Date(NOW).toISOString(), comments: RETENTION_BATCH + 21, responses: RETENTION_BATCH + 21, cases: 1, messages: 1, sessions: 1 });
  });

  it('does nothing more when run again, and nothing for an organisation without limits', async () => {
    t.clock.advance(DAY);
    expect(await scheduleRetention(t.ctx)).toBe(1);
    await t.ctx.jobs.runDue();
    expect((await f.ok('GET', '/api/v1/privacy/retention')).lastRun).toMatchObject({ responses: 0, comments: 0, cases: 0, messages: 0, sessions: 0 });
    const jobs = await t.ctx.db.system((tx) => tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE name = $1`, [APPLY_RETENTION]));
    expect(jobs).toEqual([{ n: 2 }]);
  });
});
