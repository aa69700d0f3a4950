import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../platform/clock.ts';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

// One small world with figures worked out by hand: a delivery journey (order: mini_program, routine;
// deliver: home_delivery, moment; support: hotline, routine), stores A and B, five customers.
let t: TestApp;
let org: TestOrg;
let journeyId: string;
let managerA: string;
let employeeB: string;
let period = '';

const send = (key: string, method: InjectOptions['method'], url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: bearer(key), payload: payload as InjectOptions['payload'] });
const name = (zh: string, en: string) => ({ 'zh-CN': zh, en });

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t.ctx);
  const now = t.clock.now().getTime();
  const ago = (days: number) => new Date(now - days * DAY).toISOString();
  period = `from=${encodeURIComponent(ago(30))}&to=${encodeURIComponent(ago(0))}`;
  const unit = async (n: string) => (await send(org.adminKey, 'POST', '/api/v1/units', { name: n, parentId: org.rootUnitId, kind: 'store' })).json().id as string;
  const [unitA, unitB] = [await unit('A'), await unit('B')];
  managerA = (await buildEmployeeWithKey(t.ctx, org, { unitId: unitA, role: 'manager' })).key;
  const a = await buildEmployeeWithKey(t.ctx, org, { unitId: unitA });
  const b = await buildEmployeeWithKey(t.ctx, org, { unitId: unitB });
  employeeB = b.key;

  journeyId = (
    await send(org.adminKey, 'POST', '/api/v1/journeys', {
      name: name('配送', 'Delivery'),
      stages: [
        { key: 'order', name: name('下单', 'Order'), touchpoints: [{ touchpoint: 'mini_program', kind: 'routine' }] },
        { key: 'deliver', name: name('配送', 'Deliver'), touchpoints: [{ touchpoint: 'home_delivery', kind: 'moment' }] },
        { key: 'support', name: name('售后', 'Support'), touchpoints: [{ touchpoint: 'hotline', kind: 'routine' }] },
      ],
    })
  ).json().id;

  const customers = (await send(org.adminKey, 'POST', '/api/v1/customers/batch', { items: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((externalId) => ({ externalId })) })).json();
  expect(customers.errors).toEqual([]);
  // [customer, touchpoint, days ago, resolution minutes, served by B]
  const visits: Array<[string, string, number, number, boolean?]> = [
    ['c1', 'mini_program', 25, 10], ['c1', 'home_delivery', 24, 30], ['c1', 'hotline', 20, 30], ['c1', 'hotline', 17, 30], ['c1', 'hotline', 5, 30],
    ['c2', 'mini_program', 22, 20], ['c2', 'hotline', 20, 30], ['c2', 'mini_program', 19, 30], ['c2', 'hotline', 10, 30],
    ['c3', 'home_delivery', 16, 30, true], ['c3', 'hotline', 15, 30, true], ['c3', 'hotline', 14, 30, true],
    ['c4', 'mini_program', 12, 40], ['c4', 'home_delivery', 40, 30],
    ['c5', 'mini_program', 12, 50], ['c5', 'home_delivery', 11, 30], ['c5', 'mini_program', 9, 60],
    ['c6', 'store_checkout', 10, 5],
  ];
  const items = visits.map(([c, touchpoint, days, resolutionMinutes, byB]) => ({
    customerExternalId: c, type: 'service', channel: 'x', touchpoint, occurredAt: ago(days), resolutionMinutes, employeeId: byB ? b.employeeId : a.employeeId,
  }));
  expect((await send(org.adminKey, 'POST', '/api/v1/interactions/batch', { items })).json().errors).toEqual([]);

  const survey = (
    await send(org.adminKey, 'POST', '/api/v1/surveys', {
      name: 'Journey',
      questions: [
        { key: 'nps', type: 'nps', title: name('推荐', 'Recommend') },
        { key: 'ces', type: 'ces', title: name('轻松', 'Easy') },
        { key: 'comment', type: 'text', title: name('意见', 'Comment') },
      ],
    })
  ).json();
  const answers: Array<[string, Record<string, number | string>, boolean?]> = [
    ['home_delivery', { nps: 10, comment: '快递员小李服务非常好，态度热情，太感谢了！' }],
    ['home_delivery', { nps: 10, comment: '送货很快，师傅很耐心，非常满意，谢谢！' }],
    ['home_delivery', { nps: 9, comment: 'Great courier, very friendly and helpful, thank you!' }],
    ['home_delivery', { nps: 8, comment: '还行吧' }],
    ['home_delivery', { nps: 3, comment: '等了两个小时，饭菜都凉了，太差了' }],
    ['home_delivery', { nps: 0 }, true],
    ['mini_program', { nps: 9, ces: 7 }], ['mini_program', { nps: 9, ces: 6 }], ['mini_program', { nps: 9, ces: 5 }], ['mini_program', { nps: 10, ces: 6 }], ['mini_program', { nps: 7, ces: 6 }],
    ['hotline', { nps: 5, ces: 2 }], ['hotline', { nps: 6, ces: 3 }], ['hotline', { nps: 9, ces: 4 }],
    ['mini_program', { nps: 0, ces: 1 }], // before the period
  ];
  for (const [i, [touchpoint, a2, byB]] of answers.entries()) {
    const submittedAt = ago(i === answers.length - 1 ? 45 : 3);
    const res = await send(org.adminKey, 'POST', '/api/v1/responses', { surveyId: survey.id, answers: a2, touchpoint, submittedAt, employeeId: byB ? b.employeeId : a.employeeId });
    expect(res.statusCode, res.body).toBe(201);
  }
  await t.ctx.events.drain();
});
afterAll(() => t.close());

const metrics = async (key = org.adminKey) => {
  const res = await send(key, 'GET', `/api/v1/journeys/${journeyId}/metrics?${period}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
type Figures = { value: number | null; n: number; target?: number | null; status: string };
type Card = { touchpoint: string; kind: string; status: string; measures: Record<string, Figures> };
const touchpoint = (m: { stages: Array<{ touchpoints: Card[] }> }, tp: string): Card => m.stages.flatMap((s) => s.touchpoints).find((x) => x.touchpoint === tp)!;

describe('journey metrics', () => {
  it('measures each moment by NPS, sentiment and praise against its target', async () => {
    const m = await metrics();
    expect(m).toMatchObject({ minN: 5, repeatContactDays: 7, targets: { moment: { nps: 40 } } });
    const delivery = touchpoint(m, 'home_delivery');
    // 3 promoters, 2 detractors of 6: (3 − 2) / 6 = 16.667, 23.3 points under 40: missed
    expect(delivery.kind).toBe('moment');
    expect(delivery.measures.nps!.value).toBeCloseTo(16.667, 2);
    expect(delivery.measures.nps).toMatchObject({ n: 6, target: 40, status: 'missed' });
    expect(delivery.status).toBe('missed');
    // sentiment and praise are the metrics API's figures for the touchpoint
    const api = async (metric: string) => (await send(org.adminKey, 'GET', `/api/v1/metrics/${metric}?${period}&touchpoint=home_delivery`)).json().rows[0];
    const [sentiment, praise] = [await api('sentiment'), await api('praise')];
    expect(sentiment.n).toBe(5);
    expect(delivery.measures.sentiment).toMatchObject({ value: sentiment.value, n: 5 });
    expect(praise.value).toBeGreaterThanOrEqual(2);
    expect(delivery.measures.praise).toMatchObject({ value: praise.value, n: 5, status: 'untargeted' });
  });

  it('measures each routine touchpoint by CES, resolution time and repeat contacts, withholding small groups', async () => {
    const m = await metrics();
    const app = touchpoint(m, 'mini_program');
    // CES (7 + 6 + 5 + 6 + 6) / 5 = 6 ≥ 5: met (the answer before the period is out)
    expect(app.measures.ces).toEqual({ value: 6, n: 5, target: 5, status: 'met' });
    // resolution (10 + 20 + 30 + 40 + 50 + 60) / 6 = 35 ≤ 60
    expect(app.measures.resolution_time).toEqual({ value: 35, n: 6, target: 60, status: 'met' });
    // repeats: c2 at 22 → 19 days ago and c5 at 12 → 9 days ago, 2 of 6
    expect(app.measures.repeat_contact_rate).toEqual({ value: 33.3, n: 6, target: 10, status: 'missed' });
    expect(app.status).toBe('missed'); // CES is met, but the card shows its worst measure
    const hotline = touchpoint(m, 'hotline');
    expect(hotline.measures.ces).toEqual({ value: null, n: 3, target: 5, status: 'insufficient' });
    expect(hotline.status).toBe('insufficient');
  });

  it('counts a repeat contact as the same customer at the same touchpoint within 7 days, once the 7 days are over', async () => {
    const hotline = touchpoint(await metrics(), 'hotline');
    // counted: c1 20 (→ 17: repeat), c1 17 (→ 5: 12 days), c2 20 (→ 10), c2 10, c3 15 (→ 14: repeat), c3 14;
    // c1 5 days ago is left out (its week is not over)
    expect(hotline.measures.repeat_contact_rate).toEqual({ value: 33.3, n: 6, target: 10, status: 'missed' });
  });

  it('draws the emotion curve from every answer at each stage', async () => {
    const [order, deliver, support] = (await metrics()).stages;
    expect(order.emotion.nps).toMatchObject({ value: 80, n: 5 }); // 4 promoters of 5
    expect(deliver.emotion.nps.value).toBeCloseTo(16.667, 2);
    expect(support.emotion.nps).toMatchObject({ value: null, n: 3, status: 'insufficient' });
  });

  it('keeps to the caller’s scope: a manager their store, an employee their own', async () => {
    const manager = await metrics(managerA);
    // store A: c3's hotline visits (served from B) are out: c1 20 (repeat), c1 17, c2 20, c2 10; 4 < 5: withheld
    expect(touchpoint(manager, 'hotline').measures.repeat_contact_rate).toEqual({ value: null, n: 4, target: 10, status: 'insufficient' });
    expect(touchpoint(manager, 'home_delivery').measures.nps).toMatchObject({ value: 40, n: 5, status: 'met' }); // (3 − 1) / 5, just at the target
    const own = await metrics(employeeB);
    expect(touchpoint(own, 'home_delivery').measures.nps).toEqual({ value: null, n: 1, target: 40, status: 'insufficient' });
    expect(touchpoint(own, 'mini_program').measures.ces!.n).toBe(0);
  });
});

describe('journey paths', () => {
  const paths = async (key = org.adminKey) => {
    const res = await send(key, 'GET', `/api/v1/journeys/${journeyId}/paths?${period}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('counts customers per stage, forward transitions and drop-off, ignoring repeats and moves back', async () => {
    const p = await paths();
    // c1 order → deliver → support; c2 order → support (back to order ignored); c3 deliver → support;
    // c4 order (its delivery was before the period); c5 order → deliver (back to order ignored); c6 not on the journey
    expect(p.customers).toBe(5);
    expect(p.stages).toEqual([
      { key: 'order', reached: 4, enteredHere: 4, droppedAfter: 1 },
      { key: 'deliver', reached: 3, enteredHere: 1, droppedAfter: 1 },
      { key: 'support', reached: 3, enteredHere: 0, droppedAfter: 3 },
    ]);
    expect(p.transitions).toEqual([
      { from: 'order', to: 'deliver', customers: 2 },
      { from: 'order', to: 'support', customers: 1 },
      { from: 'deliver', to: 'support', customers: 2 },
    ]);
  });

  it('keeps to the caller’s scope', async () => {
    expect((await paths(managerA)).customers).toBe(4);
    const own = await paths(employeeB);
    expect(own.customers).toBe(1);
    expect(own.transitions).toEqual([{ from: 'deliver', to: 'support', customers: 1 }]);
  });
});
