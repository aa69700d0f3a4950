import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

// The metric tree, goals and scorecards through the API on a real database.

let t: TestApp;
let org: TestOrg;
let region: string;
let store: string;
let other: string;
let surveyId: string;
let manager: { employeeId: string; key: string };
let staff: { employeeId: string; key: string };
let outsider: { employeeId: string; key: string };

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, key = org.adminKey) =>
  t.app.inject({ method, url, headers: bearer(key), payload });
const ok = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, key = org.adminKey) => {
  const res = await call(method, url, payload, key);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.statusCode === 204 ? null : res.json();
};

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-02-03T00:00:00Z');
  org = await buildOrg(t.ctx);
  region = (await ok('POST', '/api/v1/units', { name: '华东大区', parentId: org.rootUnitId, kind: 'region' })).id;
  store = (await ok('POST', '/api/v1/units', { name: '南京路店', parentId: region, kind: 'store' })).id;
  other = (await ok('POST', '/api/v1/units', { name: '北京店', parentId: org.rootUnitId, kind: 'store' })).id;
  manager = await buildEmployeeWithKey(t.ctx, org, { role: 'manager', unitId: region, name: '周经理' });
  staff = await buildEmployeeWithKey(t.ctx, org, { unitId: store, managerId: manager.employeeId, name: '王芳' });
  outsider = await buildEmployeeWithKey(t.ctx, org, { unitId: other, name: '北京店员' });
  surveyId = (
    await ok('POST', '/api/v1/surveys', {
      name: '回访',
      questions: [
        { key: 'nps', type: 'nps', title: { 'zh-CN': '推荐意愿', en: 'Recommend' } },
        { key: 'csat', type: 'csat', title: { 'zh-CN': '满意度', en: 'Satisfaction' } },
      ],
    })
  ).id;
  // Store: NPS 3 promoters, 1 passive, 1 detractor = 40; CSAT mean (5+5+4+4+3)/5 = 4.2.
  const answers = [
    { nps: 9, csat: 5 },
    { nps: 10, csat: 5 },
    { nps: 9, csat: 4 },
    { nps: 7, csat: 4 },
    { nps: 3, csat: 3 },
  ];
  const r = await ok('POST', '/api/v1/responses/batch', {
    items: answers.map((a) => ({ surveyId, unitId: store, employeeId: staff.employeeId, submittedAt: '2026-01-20T04:00:00Z', answers: a })),
  });
  expect(r.created).toBe(5);
});
afterAll(() => t.close());

describe('KPIs', () => {
  let companyKpi: string;
  let regionKpi: string;
  let manualKpi: string;

  it('creates a company KPI with its current value from the metrics engine', async () => {
    const k = await ok('POST', '/api/v1/kpis', { level: 'company', name: '公司净推荐值', nameEn: 'Company NPS', metric: 'nps', target: 50, baseline: 0, weight: 40, ownerId: manager.employeeId, deadline: '2026-12-31', note: '行业排名第 5' });
    companyKpi = k.id;
    expect(k).toMatchObject({ level: 'company', metric: 'nps', direction: 'higher', periodDays: 90, ownerName: '周经理', deadline: '2026-12-31', note: '行业排名第 5' });
    expect(k.current).toEqual({ value: 40, n: 5, asOf: null, attainment: 0.8, met: false });
  });

  it('defaults the direction by metric and nests KPIs into a tree', async () => {
    const k = await ok('POST', '/api/v1/kpis', { level: 'department', parentId: companyKpi, name: '平均解决时长', metric: 'resolution_time', unitId: region, target: 60, weight: 30 });
    regionKpi = k.id;
    expect(k).toMatchObject({ direction: 'lower', parentId: companyKpi, unitId: region, current: { value: null, attainment: null } });
  });

  it('records values of a manual position KPI; the latest counts', async () => {
    const k = await ok('POST', '/api/v1/kpis', { level: 'position', parentId: regionKpi, name: '话术合规率', metric: 'manual', unitId: store, positionId: org.positionId, target: 90, weight: 20 });
    manualKpi = k.id;
    await ok('POST', `/api/v1/kpis/${manualKpi}/values`, { value: 30, recordedOn: '2026-01-01' });
    await ok('POST', `/api/v1/kpis/${manualKpi}/values`, { value: 45, recordedOn: '2026-02-01', note: '1 月抽检' }, manager.key);
    const got = await ok('GET', `/api/v1/kpis/${manualKpi}`);
    expect(got.current).toEqual({ value: 45, n: null, asOf: '2026-02-01', attainment: 0.5, met: false });
    expect((await ok('GET', `/api/v1/kpis/${manualKpi}/values`)).items.map((v: { value: number }) => v.value)).toEqual([45, 30]);
  });

  it('answers machine-readable 4xx codes for what it cannot accept', async () => {
    const expectCode = async (payload: object, status: number, code: string) => {
      const res = await call('POST', '/api/v1/kpis', payload);
      expect([res.statusCode, res.json().error.code], res.body).toEqual([status, code]);
    };
    const base = { name: 'x', metric: 'nps', target: 1, weight: 1 };
    await expectCode({ ...base, level: 'department' }, 400, 'unit_required');
    await expectCode({ ...base, level: 'position', unitId: store }, 400, 'position_required');
    await expectCode({ ...base, level: 'company', metric: 'fcr', filters: { surveyId } }, 400, 'filter_not_applicable');
    await expectCode({ ...base, level: 'company', weight: 101 }, 400, 'invalid_request');
    await expectCode({ ...base, level: 'company', metric: 'happiness' }, 400, 'invalid_request');
    await expectCode({ ...base, level: 'company', ownerId: '00000000-0000-4000-8000-000000000000' }, 404, 'not_found');
    const cycle = await call('PATCH', `/api/v1/kpis/${companyKpi}`, { parentId: manualKpi });
    expect([cycle.statusCode, cycle.json().error.code]).toEqual([400, 'kpi_cycle']);
    const notManual = await call('POST', `/api/v1/kpis/${companyKpi}/values`, { value: 1 });
    expect([notManual.statusCode, notManual.json().error.code]).toEqual([409, 'kpi_not_manual']);
  });

  it('lets only admins change the tree', async () => {
    const res = await call('POST', '/api/v1/kpis', { level: 'company', name: 'x', metric: 'nps', target: 1, weight: 1 }, manager.key);
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'forbidden']);
    expect((await call('DELETE', `/api/v1/kpis/${companyKpi}`, undefined, manager.key)).statusCode).toBe(403);
  });

  it('scopes KPIs: a manager sees company KPIs and their subtree, an employee their position’s, an outsider neither', async () => {
    const otherKpi = (await ok('POST', '/api/v1/kpis', { level: 'department', name: '北京店 CSAT', metric: 'csat', unitId: other, target: 4.5, weight: 50 })).id;
    const names = async (key: string) => (await ok('GET', '/api/v1/kpis', undefined, key)).items.map((k: { id: string }) => k.id).sort();
    expect(await names(org.adminKey)).toEqual([companyKpi, regionKpi, manualKpi, otherKpi].sort());
    expect(await names(manager.key)).toEqual([companyKpi, regionKpi, manualKpi].sort());
    expect(await names(staff.key)).toEqual([companyKpi, manualKpi].sort());
    expect(await names(outsider.key)).toEqual([companyKpi]);
    expect((await call('GET', `/api/v1/kpis/${otherKpi}`, undefined, manager.key)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/kpis/${regionKpi}`, undefined, staff.key)).statusCode).toBe(404);
    // A staff member of the position may not record the manual KPI's value unless they own it.
    expect((await call('POST', `/api/v1/kpis/${manualKpi}/values`, { value: 99 }, staff.key)).statusCode).toBe(403);
    await ok('DELETE', `/api/v1/kpis/${otherKpi}`);
  });

  it('updates and deletes; a deleted KPI’s children move up to its parent', async () => {
    const updated = await ok('PATCH', `/api/v1/kpis/${regionKpi}`, { metric: 'csat', target: 4, weight: 30 });
    expect(updated).toMatchObject({ metric: 'csat', direction: 'higher', current: { value: 4.2, attainment: 1, met: true } });
    const temp = (await ok('POST', '/api/v1/kpis', { level: 'department', parentId: regionKpi, name: 'temp', metric: 'nps', unitId: store, target: 1, weight: 0 })).id;
    const child = (await ok('POST', '/api/v1/kpis', { level: 'position', parentId: temp, name: 'child', metric: 'manual', unitId: store, positionId: org.positionId, target: 1, weight: 0 })).id;
    await ok('DELETE', `/api/v1/kpis/${temp}`);
    expect((await ok('GET', `/api/v1/kpis/${child}`)).parentId).toBe(regionKpi);
    await ok('DELETE', `/api/v1/kpis/${child}`);
    expect((await call('GET', `/api/v1/kpis/${temp}`)).statusCode).toBe(404);
  });

  it('weights the store’s KPIs into a scorecard: 50 × 0.8 + 20 × 0.5 + 30 × 1 = 80', async () => {
    await ok('POST', '/api/v1/kpis', { level: 'department', name: '门店 NPS', metric: 'nps', unitId: store, target: 50, baseline: 0, weight: 50, filters: { surveyId } });
    await ok('POST', '/api/v1/kpis', { level: 'department', name: '门店满意度', metric: 'csat', unitId: store, target: 4, weight: 30 });
    await ok('POST', '/api/v1/kpis', { level: 'department', name: '门店未测', metric: 'manual', unitId: store, target: 4, weight: 25 });
    // The manual script-compliance KPI (weight 20, 45 of 90 = 0.5) is set for the store too.
    const card = await ok('GET', `/api/v1/scorecards/${store}`, undefined, manager.key);
    expect(card).toMatchObject({ unitId: store, score: 80, weightCovered: 100, weightTotal: 125 });
    const byName = Object.fromEntries(card.items.map((i: { name: string; contribution: number | null }) => [i.name, i.contribution]));
    expect(byName['门店 NPS']).toBe(40);
    expect(byName['门店满意度']).toBe(30);
    expect(byName['话术合规率']).toBe(10);
    expect(byName['门店未测']).toBeNull();
    expect((await call('GET', `/api/v1/scorecards/${other}`, undefined, manager.key)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/scorecards/${store}`, undefined, staff.key)).statusCode).toBe(403);
  });
});

describe('strategic goals', () => {
  it('measures progress by linked KPIs unless set by hand, against the time gone', async () => {
    const nps = (await ok('GET', '/api/v1/kpis?level=company')).items[0];
    const goal = await ok('POST', '/api/v1/goals', {
      title: '三年内客户满意度进入行业前三',
      titleEn: 'Customer satisfaction in the industry top 3 within 3 years',
      ownerId: manager.employeeId,
      startDate: '2025-02-03',
      deadline: '2028-02-03',
      kpiIds: [nps.id],
    });
    // NPS attainment 0.8 → 80 %; a third of the time gone → on track.
    expect(goal).toMatchObject({ progress: null, computedProgress: 80, status: 'on_track', ownerName: '周经理', kpiIds: [nps.id] });
    expect(goal.expectedProgress).toBeCloseTo(33.3, 0);
    const manual = await ok('PATCH', `/api/v1/goals/${goal.id}`, { progress: 5 }, org.adminKey);
    expect(manual).toMatchObject({ progress: 5, computedProgress: 5, status: 'off_track' });
    expect((await ok('GET', '/api/v1/goals', undefined, staff.key)).items.map((g: { id: string }) => g.id)).toEqual([goal.id]);
    const bad = await call('POST', '/api/v1/goals', { title: 'x', startDate: '2026-02-03', deadline: '2026-01-01' });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'deadline_before_start']);
    expect((await call('POST', '/api/v1/goals', { title: 'x', deadline: '2027-01-01' }, manager.key)).statusCode).toBe(403);
    await ok('DELETE', `/api/v1/goals/${goal.id}`);
    expect((await call('GET', `/api/v1/goals/${goal.id}`)).statusCode).toBe(404);
  });
});
