import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from './clock.ts';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../testing/factories.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { scheduleIdempotencyJobs } from './idempotency-retention.ts';

let t: TestApp;
let org: TestOrg;
let surveyId: string;
let clerkKey: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t.ctx);
  const survey = await t.app.inject({
    method: 'POST',
    url: '/api/v1/surveys',
    headers: bearer(org.adminKey),
    payload: { name: 'Retention', status: 'active', questions: [{ key: 'nps', type: 'nps', required: true, title: { 'zh-CN': '推荐', en: 'Recommend' } }] },
  });
  surveyId = survey.json().id;
  clerkKey = (await buildEmployeeWithKey(t.ctx, org)).key;
});
afterAll(() => t.close());

const post = (url: string, key: string, payload: object, apiKey = org.adminKey) =>
  t.app.inject({ method: 'POST', url, headers: { ...bearer(apiKey), 'idempotency-key': key }, payload });
const capture = (key: string) => post('/api/v1/cases', key, { customer: { name: '顾客' }, description: '收银台排队太久' }, clerkKey);
const count = async (sql: string) => (await t.ctx.db.tenant(org.orgId, (tx) => tx.query<{ n: number }>(sql, [org.orgId])))[0]!.n;

describe('idempotency keys', () => {
  it('of creates are remembered for a week, then pruned daily while what they created stays; response keys stay for re-imports', async () => {
    const answer = await post('/api/v1/responses', 'answer-key', { surveyId, answers: { nps: 9 } });
    expect(answer.statusCode, answer.body).toBe(201);
    const first = await capture('capture-old');
    expect(first.statusCode, first.body).toBe(201);
    t.clock.advance(6 * DAY);
    expect((await capture('capture-old')).json().id).toBe(first.json().id); // a retry within the week replays
    await capture('capture-new');
    t.clock.advance(2 * DAY);
    await scheduleIdempotencyJobs(t.ctx);
    await t.ctx.jobs.runDue();
    // The job runs as the system; the table shows each actor only their own rows, so count through the owner.
    const keys = await t.ctx.db.system((tx) => tx.query<{ key: string }>(`SELECT key FROM create_keys WHERE org_id = $1 ORDER BY key`, [org.orgId]));
    expect(keys.map((k) => k.key)).toEqual(['capture-new']);
    expect(await count(`SELECT count(*)::int AS n FROM cases WHERE org_id = $1`)).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM idempotency_keys WHERE org_id = $1`)).toBe(1);
    expect((await post('/api/v1/responses', 'answer-key', { surveyId, answers: { nps: 9 } })).json().id).toBe(answer.json().id);
  });
});
