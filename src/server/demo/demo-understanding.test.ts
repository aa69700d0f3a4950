import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { DEMO_PASSWORD } from './demo-org.ts';
import { seedDemo } from './seed-demo.ts';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx);
  await t.ctx.events.drain(); // comment analysis, which the sentiment KPI reads
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'admin@demo.lodestar.local', password: DEMO_PASSWORD, org: 'demo' } });
  cookie = res.headers['set-cookie'] as string;
}, 300_000); // the drain analyses every seeded comment
afterAll(() => t.close());

const get = async (url: string) => {
  const res = await t.app.inject({ url, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('demo metric tree and goals', () => {
  it('has company, department and position KPIs with values, the industry rank and a manual script-compliance KPI', async () => {
    const kpis: { level: string; nameEn: string; metric: string; note: string | null; current: { value: number | null } }[] = (await get('/api/v1/kpis')).items;
    expect(new Set(kpis.map((k) => k.level))).toEqual(new Set(['company', 'department', 'position']));
    const nps = kpis.find((k) => k.nameEn === 'Company NPS')!;
    expect(nps.note).toContain('Industry rank 5');
    expect(nps.current.value).not.toBeNull();
    const script = kpis.find((k) => k.metric === 'manual')!;
    expect(script).toMatchObject({ level: 'position', current: { value: 91 } });
    expect(kpis.find((k) => k.nameEn === 'East China first-contact resolution')!.current.value).toBeGreaterThan(0);
  });

  it('gives the Xuhui store a scorecard and the goals a progress', async () => {
    const units: { id: string; nameEn: string }[] = (await get('/api/v1/units?limit=500')).items;
    const xuhui = units.find((u) => u.nameEn === 'Shanghai Xuhui Store')!;
    const card = await get(`/api/v1/scorecards/${xuhui.id}`);
    expect(card.weightTotal).toBe(100);
    expect(card.score).toBeGreaterThan(0);
    // The mystery-shopping score (audit_score) is one of its KPIs, measured from the seeded visits.
    const audit = card.items.find((i: { metric: string }) => i.metric === 'audit_score');
    expect(audit).toMatchObject({ nameEn: 'Xuhui store mystery-shopping score', weight: 15 });
    expect(audit.current.n).toBeGreaterThanOrEqual(3);
    expect(audit.current.value).toBeGreaterThan(0);
    expect(audit.current.value).toBeLessThanOrEqual(100);
    expect(audit.contribution).not.toBeNull();
    const goals: { titleEn: string; computedProgress: number | null }[] = (await get('/api/v1/goals')).items;
    expect(goals.map((g) => g.titleEn)).toContain('Customer satisfaction in the industry top 3 within 3 years');
    expect(goals.every((g) => g.computedProgress !== null)).toBe(true);
  });
});
