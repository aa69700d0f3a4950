import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { grantMonthlyAwards } from './index.ts';
import { buildRecognitionFixture, type RecognitionFixture } from './recognition.fixtures.ts';

let t: TestApp;
let f: RecognitionFixture;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2025-06-15T02:00:00Z');
  f = await buildRecognitionFixture(t);
});
afterAll(() => t.close());

describe('annual team award', () => {
  it('goes once, in January, to every unit that met all its metric-tree targets over the past year', async () => {
    const kpi = async (body: object) => {
      const res = await f.send(f.org.adminKey, 'POST', '/api/v1/kpis', { level: 'department', weight: 50, ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const at = (iso: string) => ({ submittedAt: iso });
    // Xuhui store: NPS target 30, and 3 promoters + 1 detractor in 2025 = NPS 50 (met).
    await kpi({ name: '门店 NPS', unitId: f.units.store, metric: 'nps', target: 30 });
    for (const nps of [10, 9, 10, 3]) await f.respond({ nps }, at('2025-06-15T01:00:00Z'));
    // Tianhe store: the same target, 1 promoter + 2 detractors = NPS −33 (missed).
    await kpi({ name: '门店 NPS', unitId: f.units.otherStore, metric: 'nps', target: 30 });
    for (const nps of [10, 2, 4]) await f.respond({ nps }, { ...at('2025-06-15T01:00:00Z'), employeeId: f.people.outsider.id, unitId: f.units.otherStore });
    // Region: a hand-recorded script-compliance KPI, 95 in November (met); January's 80 belongs to next year.
    const compliance = await kpi({ name: '话术合规率', nameEn: 'Script compliance', unitId: f.units.region, metric: 'manual', target: 90 });
    await f.send(f.org.adminKey, 'POST', `/api/v1/kpis/${compliance}/values`, { value: 95, recordedOn: '2025-11-01' });
    await f.send(f.org.adminKey, 'POST', `/api/v1/kpis/${compliance}/values`, { value: 80, recordedOn: '2026-01-03' });

    t.clock.set('2025-12-31T10:00:00Z'); // 18:00 on 31 December in Shanghai: the year is not over
    expect((await f.send(f.org.adminKey, 'POST', '/api/v1/awards/team', { year: 2025 })).json().error.code).toBe('period_not_over');
    t.clock.set('2026-01-05T02:00:00Z');
    expect(await grantMonthlyAwards(t.ctx)).toBe(2);
    expect(await grantMonthlyAwards(t.ctx)).toBe(0);

    const awards = (await f.send(f.people.courier.key, 'GET', '/api/v1/awards')).json().items.filter((a: { kind: string }) => a.kind === 'team');
    expect(awards.map((a: { unitName: string }) => a.unitName).sort()).toEqual(['华东大区', '徐汇门店'].sort());
    const store = awards.find((a: { unitId: string }) => a.unitId === f.units.store);
    expect(store).toMatchObject({ period: '2025', reason: { rule: 'targets_met', kpis: [{ name: '门店 NPS', metric: 'nps', target: 30, value: 50, met: true }] } });
    const region = awards.find((a: { unitId: string }) => a.unitId === f.units.region);
    expect(region.reason.kpis).toEqual([expect.objectContaining({ nameEn: 'Script compliance', value: 95, met: true })]);

    const again = await f.send(f.org.adminKey, 'POST', '/api/v1/awards/team', { year: 2025 });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'already_awarded']);
    expect((await f.send(f.people.storeManager.key, 'POST', '/api/v1/awards/team', {})).statusCode).toBe(403);
  });

  it('lets an admin grant a finished year on demand, and reports when no unit met its targets', async () => {
    const res = await f.send(f.org.adminKey, 'POST', '/api/v1/awards/team', { year: 2024 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().granted).toBe(0); // no responses or values in 2024: no target was met
    t.clock.set('2026-02-02T02:00:00Z');
    expect(await grantMonthlyAwards(t.ctx)).toBe(0); // the job only grants in January
  });
});
