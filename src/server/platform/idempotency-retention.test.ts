import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from './clock.ts';
import { bearer, buildOrg, type TestOrg } from '../testing/factories.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { scheduleIdempotencyJobs } from './idempotency-retention.ts';

let t: TestApp;
let org: TestOrg;
let surveyId: string;

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
});
afterAll(() => t.close());

const answer = (key: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/responses', headers: { ...bearer(org.adminKey), 'idempotency-key': key }, payload: { surveyId, answers: { nps: 9 } } });
const keys = () => t.ctx.db.tenant(org.orgId, (tx) => tx.query<{ key: string }>(`SELECT key FROM idempotency_keys WHERE org_id = $1 ORDER BY key`, [org.orgId]));

describe('idempotency keys', () => {
  it('are remembered for a week, then pruned by the daily job while what they created stays', async () => {
    const first = await answer('key-old');
    expect(first.statusCode, first.body).toBe(201);
    t.clock.advance(6 * DAY);
    expect((await answer('key-old')).json().id).toBe(first.json().id); // a retry within the week replays
    await answer('key-new');
    t.clock.advance(2 * DAY);
    await scheduleIdempotencyJobs(t.ctx);
    await t.ctx.jobs.runDue();
    expect((await keys()).map((k) => k.key)).toEqual(['key-new']);
    const [kept] = await t.ctx.db.tenant(org.orgId, (tx) => tx.query(`SELECT 1 FROM responses WHERE org_id = $1 AND id = $2`, [org.orgId, first.json().id]));
    expect(kept).toBeDefined();
  });
});
