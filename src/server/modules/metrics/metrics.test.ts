import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { rebuildRollups } from './index.ts';

let t: TestApp;
let org: TestOrg;
let region: string;
let store: string;
let other: string;
let manager: { employeeId: string; key: string };
let staff: { employeeId: string; key: string };
let outsider: { employeeId: string; key: string };
let partnerKey: string;

const QUESTIONS = [
  { key: 'nps', type: 'nps', title: { 'zh-CN': '推荐意愿', en: 'Recommend' } },
  { key: 'csat', type: 'csat', title: { 'zh-CN': '满意度', en: 'Satisfaction' } },
  { key: 'ces', type: 'ces', title: { 'zh-CN': '费力度', en: 'Effort' } },
  { key: 'comment', type: 'text', title: { 'zh-CN': '意见', en: 'Comment' } },
];

const send = async (url: string, payload: object, key = org.adminKey) => {
  const res = await t.app.inject({ method: 'POST', url, headers: bearer(key), payload });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
};
const get = (url: string, key = org.adminKey) => t.app.inject({ method: 'GET', url, headers: bearer(key) });
const metric = async (path: string, key = org.adminKey) => {
  const res = await get(`/api/v1/metrics/${path}`, key);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const survey = async () => (await send('/api/v1/surveys', { name: '回访', questions: QUESTIONS })).id as string;
const respondMany = async (surveyId: string, items: object[]) => {
  const r = await send('/api/v1/responses/batch', { items: items.map((i) => ({ surveyId, submittedAt: '2026-01-02T04:00:00Z', ...i })) });
  expect(r.created, JSON.stringify(r)).toBe(items.length);
};

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-02-03T00:00:00Z');
  org = await buildOrg(t.ctx);
  region = (await send('/api/v1/units', { name: '华东大区', parentId: org.rootUnitId, kind: 'region' })).id;
  store = (await send('/api/v1/units', { name: '南京路店', parentId: region, kind: 'store' })).id;
  other = (await send('/api/v1/units', { name: '北京店', parentId: org.rootUnitId, kind: 'store' })).id;
  manager = await buildEmployeeWithKey(t.ctx, org, { role: 'manager', unitId: region });
  staff = await buildEmployeeWithKey(t.ctx, org, { unitId: store, managerId: manager.employeeId });
  outsider = await buildEmployeeWithKey(t.ctx, org, { unitId: other });
  partnerKey = (await send('/api/v1/api-keys', { role: 'partner', name: 'partner' })).key;
});
afterAll(() => t.close());

describe('score metrics on hand-checked data', () => {
  it('NPS: 3 promoters, 1 passive, 1 detractor → 40 with ci95 from (p₊ + p₋ − (p₊ − p₋)²)/n', async () => {
    const s = await survey();
    await respondMany(s, [9, 10, 9, 7, 3].map((nps) => ({ answers: { nps } })));
    const res = await metric(`nps?surveyId=${s}`);
    // p₊ = 0.6, p₋ = 0.2: variance (0.8 − 0.16)/5 = 0.128, margin 1.96 × √0.128 × 100 = 70.12; capped at 100.
    expect(res).toMatchObject({ metric: 'nps', groupBy: null, comparison: null });
    expect(res.rows).toEqual([{ key: 'all', value: 40, n: 5, ci95: [-30.122, 100], promoters: 3, passives: 1, detractors: 1 }]);
  });

  it('CSAT mean and top-2 box, CES mean and % easy, each over its own answers', async () => {
    const s = await survey();
    await respondMany(s, [
      { answers: { csat: 5, ces: 7 } },
      { answers: { csat: 4, ces: 5 } },
      { answers: { csat: 3, ces: 3 } },
      { answers: { csat: 2 } },
      { answers: { csat: 5, nps: 10 } },
    ]);
    const csat = (await metric(`csat?surveyId=${s}`)).rows[0];
    // mean 3.8, sd √1.7 = 1.3038, t(4) = 2.7764: 3.8 ± 1.6189
    expect(csat).toMatchObject({ key: 'all', value: 3.8, n: 5, top2Box: 60 });
    expect(csat.ci95[0]).toBeCloseTo(2.181, 2);
    expect(csat.ci95[1]).toBeCloseTo(5.419, 2);
    expect((await metric(`ces?surveyId=${s}`)).rows[0]).toMatchObject({ key: 'all', value: 5, n: 3, easyPct: 66.667 });
  });

  it('counts an acknowledged response at once, with no job or event run', async () => {
    const s = await survey();
    expect((await metric(`nps?surveyId=${s}`)).rows).toEqual([{ key: 'all', value: null, n: 0 }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/responses', headers: bearer(org.adminKey), payload: { surveyId: s, answers: { nps: 10 } } });
    expect(res.statusCode).toBe(201);
    expect((await metric(`nps?surveyId=${s}`)).rows[0]).toMatchObject({ value: 100, n: 1 });
  });
});

describe('grouping, filters and time zone', () => {
  let s: string;
  beforeAll(async () => {
    s = await survey();
    await respondMany(s, [
      // 2026-01-31 15:00 UTC is 23:00 on the 31st in Shanghai; 17:30 UTC is 01:30 on 1 February.
      { answers: { nps: 10 }, submittedAt: '2026-01-31T15:00:00Z', unitId: store, employeeId: staff.employeeId, touchpoint: '门店', channel: 'app' },
      { answers: { nps: 0 }, submittedAt: '2026-01-31T17:30:00Z', unitId: store, employeeId: staff.employeeId, touchpoint: '送货', channel: 'sms' },
      { answers: { nps: 9 }, submittedAt: '2026-01-20T02:00:00Z', unitId: other, employeeId: outsider.employeeId, touchpoint: '门店', channel: 'app' },
      // No unit: counts under the employee's unit.
      { answers: { nps: 8 }, submittedAt: '2026-01-21T02:00:00Z', employeeId: staff.employeeId, touchpoint: '门店' },
    ]);
  });

  it('keys months and days in the organisation’s time zone', async () => {
    expect((await metric(`nps?surveyId=${s}&groupBy=month`)).rows.map((r: { key: string; n: number }) => [r.key, r.n])).toEqual([['2026-01', 3], ['2026-02', 1]]);
    expect((await metric(`nps?surveyId=${s}&groupBy=day`)).rows.map((r: { key: string }) => r.key)).toEqual(['2026-01-20', '2026-01-21', '2026-01-31', '2026-02-01']);
    expect((await metric(`nps?surveyId=${s}&groupBy=week`)).rows.map((r: { key: string; n: number }) => [r.key, r.n])).toEqual([['2026-01-19', 2], ['2026-01-26', 2]]);
  });

  it('groups by unit, employee, touchpoint and channel, with "none" for a missing value', async () => {
    const keys = async (g: string) => Object.fromEntries((await metric(`nps?surveyId=${s}&groupBy=${g}`)).rows.map((r: { key: string; n: number }) => [r.key, r.n]));
    expect(await keys('unit')).toEqual({ [store]: 3, [other]: 1 });
    expect(await keys('employee')).toEqual({ [staff.employeeId]: 3, [outsider.employeeId]: 1 });
    expect(await keys('touchpoint')).toEqual({ 门店: 3, 送货: 1 });
    expect(await keys('channel')).toEqual({ app: 2, sms: 1, none: 1 });
  });

  it('filters by unit subtree, employee, touchpoint, channel and period (dates are local midnights)', async () => {
    const n = async (q: string) => (await metric(`nps?surveyId=${s}&${q}`)).rows[0].n;
    expect(await n(`unitId=${region}`)).toBe(3);
    expect(await n(`unitId=${other}`)).toBe(1);
    expect(await n(`employeeId=${staff.employeeId}`)).toBe(3);
    expect(await n(`touchpoint=${encodeURIComponent('门店')}&channel=app`)).toBe(2);
    expect(await n('from=2026-02-01')).toBe(1);
    expect(await n('from=2026-01-01&to=2026-02-01')).toBe(3);
    // Partial days at both edges read the raw rows: 23:00 and 01:30 Shanghai time.
    expect(await n('from=2026-01-31T22:00:00%2B08:00&to=2026-02-01T02:00:00%2B08:00')).toBe(2);
    expect(await n('from=2026-01-31T23:30:00%2B08:00&to=2026-02-01T01:00:00%2B08:00')).toBe(0);
    expect(await n('from=2026-01-20T00:00:00Z&to=2026-02-01T01:45:00%2B08:00')).toBe(4);
  });

  it('compares with the previous period of equal length and says whether the change is significant', async () => {
    const c = await survey();
    // January: 40 promoters of 50; December: 10 promoters, 40 detractors of 50.
    await respondMany(c, [
      ...Array.from({ length: 50 }, (_, i) => ({ answers: { nps: i < 40 ? 10 : 7, csat: 5 }, submittedAt: '2026-01-10T04:00:00Z' })),
      ...Array.from({ length: 50 }, (_, i) => ({ answers: { nps: i < 10 ? 9 : 2, csat: i % 2 ? 4 : 5 }, submittedAt: '2025-12-10T04:00:00Z' })),
    ]);
    const res = await metric(`nps?surveyId=${c}&from=2026-01-01&to=2026-02-01`);
    expect(res.comparison).toMatchObject({ from: '2025-11-30T16:00:00.000Z', to: '2025-12-31T16:00:00.000Z', change: 140, test: 'nps_z', significant: true });
    expect(res.comparison.current).toMatchObject({ value: 80, n: 50 });
    expect(res.comparison.previous).toMatchObject({ value: -60, n: 50 });
    expect(res.comparison.pValue).toBeLessThan(0.001);
    const csat = await metric(`csat?surveyId=${c}&from=2026-01-01&to=2026-02-01`);
    expect(csat.comparison).toMatchObject({ change: 0.5, test: 'welch_t', significant: true });
    const same = await metric(`nps?surveyId=${c}&from=2026-01-10&to=2026-01-11`);
    expect(same.comparison).toMatchObject({ test: 'nps_z', significant: false, previous: { n: 0, value: null } });
  });

  it('gives the same answers after a rebuild from the raw rows', async () => {
    const before = await Promise.all(['month', 'day', 'unit', 'employee', 'channel'].map((g) => metric(`nps?groupBy=${g}`)));
    const counts = await t.ctx.db.tenant(org.orgId, (tx) => rebuildRollups(tx));
    expect(counts.dayRows).toBeGreaterThan(0);
    const after = await Promise.all(['month', 'day', 'unit', 'employee', 'channel'].map((g) => metric(`nps?groupBy=${g}`)));
    expect(after).toEqual(before);
  });
});

describe('data scope', () => {
  let s: string;
  beforeAll(async () => {
    s = await survey();
    await respondMany(s, [
      { answers: { nps: 10 }, unitId: store, employeeId: staff.employeeId },
      { answers: { nps: 9 }, unitId: region, employeeId: manager.employeeId },
      { answers: { nps: 0 }, unitId: other, employeeId: outsider.employeeId },
      { answers: { nps: 1 }, unitId: other, employeeId: outsider.employeeId },
    ]);
  });

  it('shows a manager their subtree only, and answers 404 for a unit or employee outside it', async () => {
    expect((await metric(`nps?surveyId=${s}`, manager.key)).rows[0]).toMatchObject({ n: 2, value: 100 });
    const byUnit = (await metric(`nps?surveyId=${s}&groupBy=unit`, manager.key)).rows.map((r: { key: string }) => r.key).sort();
    expect(byUnit).toEqual([region, store].sort());
    expect((await metric(`nps?surveyId=${s}&unitId=${store}`, manager.key)).rows[0]).toMatchObject({ n: 1 });
    for (const q of [`unitId=${other}`, `unitId=${org.rootUnitId}`, `employeeId=${outsider.employeeId}`]) {
      const res = await get(`/api/v1/metrics/nps?${q}`, manager.key);
      expect([res.statusCode, res.json().error.code], q).toEqual([404, 'not_found']);
    }
  });

  it('shows an employee only their own responses and refuses a partner', async () => {
    expect((await metric(`nps?surveyId=${s}&groupBy=employee`, staff.key)).rows.map((r: { key: string }) => r.key)).toEqual([staff.employeeId]);
    expect((await get(`/api/v1/metrics/nps?employeeId=${outsider.employeeId}`, staff.key)).statusCode).toBe(404);
    const res = await get('/api/v1/metrics/nps', partnerKey);
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'forbidden']);
  });
});

describe('O-data, distribution and text metrics', () => {
  it('computes FCR, resolution time, churn and conversion from interactions', async () => {
    const customerId = (await send('/api/v1/customers', { externalId: 'C-1', name: '王先生' })).id;
    const base = { customerId, type: 'service', channel: 'phone', touchpoint: '热线', unitId: other, occurredAt: '2026-01-15T02:00:00Z' };
    await send('/api/v1/interactions/batch', {
      items: [
        { ...base, resolvedFirstContact: true, resolutionMinutes: 10, churned: false, converted: true },
        { ...base, resolvedFirstContact: true, resolutionMinutes: 20, churned: true, converted: false },
        { ...base, resolvedFirstContact: false, resolutionMinutes: 60, converted: false },
        { ...base, resolvedFirstContact: true },
      ],
    });
    const q = `unitId=${other}&touchpoint=${encodeURIComponent('热线')}`;
    expect((await metric(`fcr?${q}`)).rows[0]).toMatchObject({ value: 75, n: 4 });
    expect((await metric(`resolution_time?${q}`)).rows[0]).toMatchObject({ value: 30, n: 3 });
    expect((await metric(`churn_rate?${q}`)).rows[0]).toMatchObject({ value: 50, n: 2 });
    expect((await metric(`conversion_rate?${q}`)).rows[0]).toMatchObject({ value: 33.333, n: 3 });
  });

  it('computes the response rate from personal links sent', async () => {
    const s = await survey();
    const links = [];
    for (let i = 0; i < 4; i++) links.push(await send(`/api/v1/surveys/${s}/links`, { employeeId: staff.employeeId, unitId: store }));
    const answer = await t.app.inject({ method: 'POST', url: `/api/v1/public/responses/${links[0].token}`, payload: { answers: { nps: 9 } } });
    expect(answer.statusCode, answer.body).toBe(201);
    expect((await metric(`response_rate?surveyId=${s}`)).rows[0]).toMatchObject({ value: 25, n: 4 });
  });

  it('computes sentiment and praise from the analysed comments', async () => {
    const s = await survey();
    await respondMany(s, [
      { answers: { nps: 10, comment: '快递员小李服务非常好，态度热情，太感谢了！' }, employeeId: staff.employeeId },
      { answers: { nps: 1, comment: '等了两个小时，饭菜都凉了，太差了' } },
    ]);
    await t.ctx.events.drain();
    const sentiment = (await metric(`sentiment?surveyId=${s}`)).rows[0];
    expect(sentiment.n).toBe(2);
    expect(sentiment.value).toBeGreaterThan(-1);
    expect(sentiment.value).toBeLessThan(1);
    expect((await metric(`praise?surveyId=${s}`)).rows[0]).toMatchObject({ value: 1, n: 2 });
  });
});

describe('bad input', () => {
  it.each([
    ['an unknown metric', 'loyalty', 'invalid_request'],
    ['an unknown grouping', 'nps?groupBy=year', 'invalid_request'],
    ['a malformed date', 'nps?from=yesterday', 'invalid_request'],
    ['an impossible date', 'nps?from=2026-02-30', 'invalid_request'],
    ['a malformed id', 'nps?unitId=42', 'invalid_request'],
    ['from after to', 'nps?from=2026-02-01&to=2026-01-01', 'invalid_request'],
    ['a survey filter on an O-data metric', 'fcr?surveyId=00000000-0000-4000-8000-000000000000', 'filter_not_applicable'],
  ])('answers 400 to %s', async (_label, path, code) => {
    const res = await get(`/api/v1/metrics/${path}`);
    expect([res.statusCode, res.json().error.code], res.body).toEqual([400, code]);
  });

  it('answers 404 to an unknown unit, employee or survey', async () => {
    for (const f of ['unitId', 'employeeId', 'surveyId']) {
      const res = await get(`/api/v1/metrics/nps?${f}=00000000-0000-4000-8000-000000000000`);
      expect([res.statusCode, res.json().error.code], f).toEqual([404, 'not_found']);
    }
  });
});
