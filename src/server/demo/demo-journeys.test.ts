import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { DEMO_PASSWORD } from './demo-org.ts';
import { seedDemo } from './seed-demo.ts';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx);
  await t.ctx.events.drain(); // comment analysis, which sentiment and praise read
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'admin@demo.lodestar.local', password: DEMO_PASSWORD, org: 'demo' } });
  cookie = res.headers['set-cookie'] as string;
}, 300_000);
afterAll(() => t.close());

const get = async (url: string) => {
  const res = await t.app.inject({ url, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('demo journeys', () => {
  it('has a delivery and an in-store journey whose every card shows a value over the last 30 days', async () => {
    const journeys: { id: string; name: { en: string } }[] = (await get('/api/v1/journeys')).items;
    expect(journeys.map((j) => j.name.en)).toEqual(['Home delivery', 'In-store shopping']);
    for (const journey of journeys) {
      const from = new Date(t.clock.now().getTime() - 30 * 86_400_000).toISOString();
      const metrics = await get(`/api/v1/journeys/${journey.id}/metrics?from=${encodeURIComponent(from)}`);
      for (const stage of metrics.stages) {
        expect(stage.emotion.nps.value, stage.key).not.toBeNull();
        for (const tp of stage.touchpoints) {
          for (const [measure, m] of Object.entries(tp.measures as Record<string, { value: number | null }>)) expect(m.value, `${journey.name.en} ${tp.touchpoint} ${measure}`).not.toBeNull();
        }
      }
      const paths = await get(`/api/v1/journeys/${journey.id}/paths?from=${encodeURIComponent(from)}`);
      expect(paths.customers).toBeGreaterThan(20);
      expect(paths.transitions.length).toBeGreaterThan(0);
    }
  });
});
