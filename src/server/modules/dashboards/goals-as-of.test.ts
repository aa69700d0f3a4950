import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { listGoals } from './goals.service.ts';

// The monthly review reports each goal as it stood in its month, not as it stands the day the review is read.

let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t.ctx);
  t.clock.set('2026-03-10T04:00:00Z');
});
afterAll(() => t.close());

const post = async (url: string, payload: object) => {
  const res = await t.app.inject({ method: 'POST', url, headers: bearer(org.adminKey), payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

describe('goals as of a month', () => {
  it('measure linked KPIs over that month and judge time gone at its end; today’s reading is unchanged', async () => {
    // Industry rank score recorded by hand: 40 in January, 90 in March; 0 → 100 is the way to the target.
    const kpi = await post('/api/v1/kpis', { level: 'company', name: '行业口碑指数', metric: 'manual', target: 100, baseline: 0, weight: 10 });
    await post(`/api/v1/kpis/${kpi.id}/values`, { value: 40, recordedOn: '2026-01-20' });
    await post(`/api/v1/kpis/${kpi.id}/values`, { value: 90, recordedOn: '2026-03-05' });
    const goal = await post('/api/v1/goals', { title: '三年内满意度行业前三', startDate: '2025-12-01', deadline: '2026-12-01', kpiIds: [kpi.id] });

    const admin = { orgId: org.orgId, kind: 'api_key' as const, id: 'test', role: 'admin' as const, employeeId: null };
    const [january] = await listGoals(t.ctx, admin, { from: '2026-01-01', to: '2026-02-01' });
    const [today] = await listGoals(t.ctx, admin);
    expect(january!.id).toBe(goal.id);
    expect(january!.computedProgress).toBe(40);
    expect(today!.computedProgress).toBe(90);
    // Two of twelve months gone at the end of January, a little over three by 10 March.
    expect(january!.expectedProgress).toBeLessThan(today!.expectedProgress);
    expect(january!.expectedProgress).toBeGreaterThan(16);
    expect(january!.expectedProgress).toBeLessThan(17.5);
  });
});
