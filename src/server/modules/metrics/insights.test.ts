import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
let org: TestOrg;
let surveyId: string;

const post = async (url: string, payload: object) => {
  const res = await t.app.inject({ method: 'POST', url, headers: bearer(org.adminKey), payload });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
};
const get = (url: string, key = org.adminKey) => t.app.inject({ method: 'GET', url, headers: bearer(key) });

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t.ctx);
  const title = { 'zh-CN': '题', en: 'q' };
  surveyId = (await post('/api/v1/surveys', { name: 'drivers', questions: [{ key: 'nps', type: 'nps', title }, { key: 'speed', type: 'csat', title }, { key: 'taste', type: 'csat', title }] })).id;
  const customerId = (await post('/api/v1/customers', { externalId: 'X-1' })).id;
  // 120 answers: NPS = 2 × speed − 1 (+ a little noise); taste is noise; detractors churn 3 times in 4, promoters never.
  const interactions = Array.from({ length: 120 }, (_, i) => {
    const speed = 1 + (i % 5);
    const nps = Math.max(0, Math.min(10, 2 * speed - 1 + ((i * 7) % 3) - 1));
    return { i, speed, nps, taste: 1 + ((i * 13) % 5) };
  });
  const created = await post('/api/v1/interactions/batch', {
    items: interactions.map(({ i, nps }) => ({
      customerId,
      type: 'delivery',
      channel: 'app',
      touchpoint: '送货上门',
      occurredAt: '2026-01-02T03:00:00Z',
      externalId: `I-${i}`,
      churned: nps <= 6 ? i % 4 !== 0 : nps >= 9 ? false : i % 2 === 0,
      amount: 50 + (nps >= 9 ? 40 : 0) + (i % 7) * 10,
      resolvedFirstContact: i % 2 === 0,
    })),
  });
  const ids = (created.items ?? created.results ?? []).map((r: { id: string }) => r.id);
  const rows = ids.length === interactions.length ? ids : await interactionIds();
  await post('/api/v1/responses/batch', {
    items: interactions.map(({ nps, speed, taste }, k) => ({ surveyId, interactionId: rows[k], answers: { nps, speed, taste }, submittedAt: '2026-01-02T04:00:00Z' })),
  });
});
afterAll(() => t.close());

async function interactionIds(): Promise<string[]> {
  const found = await t.ctx.db.tenant(org.orgId, (tx) => tx.query<{ id: string }>(`SELECT id FROM interactions ORDER BY (substr(external_id, 3))::int`));
  return found.map((r) => r.id);
}

describe('X×O', () => {
  it('gives churn, conversion and spend by NPS group, and tests detractor against promoter churn', async () => {
    const res = await get('/api/v1/insights/xo');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const by = Object.fromEntries(body.rows.map((r: { group: string }) => [r.group, r]));
    expect(by.promoter).toMatchObject({ churnRate: 0 });
    expect(by.promoter.meanSpend).toBeGreaterThan(by.detractor.meanSpend);
    expect(by.detractor.churnRate).toBeGreaterThan(60);
    expect(body.rows.reduce((s: number, r: { n: number }) => s + r.n, 0)).toBe(120);
    expect(body.detractorVsPromoterChurn).toMatchObject({ test: 'two_proportion_z', significant: true });
  });
});

describe('key drivers', () => {
  it('finds the score that moves NPS, with its coefficient and significance, and not the noise', async () => {
    const res = await get(`/api/v1/insights/drivers?surveyId=${surveyId}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.n).toBe(120);
    const speed = body.drivers.find((d: { driver: string }) => d.driver === 'question:speed');
    const taste = body.drivers.find((d: { driver: string }) => d.driver === 'question:taste');
    expect(speed.coefficient).toBeCloseTo(2, 0);
    expect(speed).toMatchObject({ significant: true, kind: 'question' });
    expect(body.drivers[0].driver).toBe('question:speed');
    expect(taste.importance).toBeLessThan(speed.importance / 5);
    expect(body.r2).toBeGreaterThan(0.8);
  });

  it('requires a survey and keeps to the caller’s scope', async () => {
    const res = await get('/api/v1/insights/drivers');
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'invalid_request']);
    const staff = await buildEmployeeWithKey(t.ctx, org);
    const mine = await get(`/api/v1/insights/drivers?surveyId=${surveyId}`, staff.key);
    expect(mine.json().n).toBe(0);
    const partner = (await post('/api/v1/api-keys', { role: 'partner', name: 'p' })).key;
    expect((await get('/api/v1/insights/xo', partner)).statusCode).toBe(403);
  });
});
