import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_JOURNEY_TARGETS } from '../../../contracts/journeys.ts';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
let org: TestOrg;
let employeeKey: string;
let managerKey: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t.ctx);
  employeeKey = (await buildEmployeeWithKey(t.ctx, org)).key;
  managerKey = (await buildEmployeeWithKey(t.ctx, org, { role: 'manager' })).key;
});
afterAll(() => t.close());

const send = (key: string, method: InjectOptions['method'], url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: bearer(key), payload: payload as InjectOptions['payload'] });

const name = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const delivery = () => ({
  name: name('配送到家', 'Home delivery'),
  stages: [
    { key: 'order', name: name('下单', 'Order'), touchpoints: [{ touchpoint: 'mini_program', kind: 'routine' }] },
    { key: 'deliver', name: name('配送', 'Delivery'), touchpoints: [{ touchpoint: 'home_delivery', kind: 'moment' }] },
    { key: 'support', name: name('售后', 'After-sales'), touchpoints: [{ touchpoint: 'hotline', kind: 'routine' }, { touchpoint: 'returns_desk', kind: 'moment' }] },
  ],
});

describe('journeys: create, read, change, delete', () => {
  it('creates a journey with default targets; everyone reads it, only admins write', async () => {
    const created = await send(org.adminKey, 'POST', '/api/v1/journeys', delivery());
    expect(created.statusCode, created.body).toBe(201);
    const journey = created.json();
    expect(journey).toMatchObject({ name: { 'zh-CN': '配送到家', en: 'Home delivery' }, targets: DEFAULT_JOURNEY_TARGETS });
    expect(journey.stages.map((s: { key: string }) => s.key)).toEqual(['order', 'deliver', 'support']);
    expect(journey.stages[2].touchpoints).toEqual([{ touchpoint: 'hotline', kind: 'routine' }, { touchpoint: 'returns_desk', kind: 'moment' }]);

    for (const key of [employeeKey, managerKey]) {
      expect((await send(key, 'GET', `/api/v1/journeys/${journey.id}`)).json()).toEqual(journey);
      expect((await send(key, 'GET', '/api/v1/journeys')).json().items.map((j: { id: string }) => j.id)).toContain(journey.id);
      const refused = await send(key, 'PATCH', `/api/v1/journeys/${journey.id}`, { name: name('x', 'x') });
      expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'forbidden']);
      expect((await send(key, 'POST', '/api/v1/journeys', delivery())).statusCode).toBe(403);
      expect((await send(key, 'DELETE', `/api/v1/journeys/${journey.id}`)).statusCode).toBe(403);
    }
  });

  it('changes name, stages and targets, each as a whole, and deletes', async () => {
    const journey = (await send(org.adminKey, 'POST', '/api/v1/journeys', delivery())).json();
    const targets = { moment: { nps: 50, sentiment: 0.3 }, routine: { ces: 5.5, resolutionMinutes: 30, repeatContactRate: 8 } };
    const changed = await send(org.adminKey, 'PATCH', `/api/v1/journeys/${journey.id}`, { targets, stages: delivery().stages.slice(0, 2) });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: journey.name, targets, stages: journey.stages.slice(0, 2) });
    const renamed = (await send(org.adminKey, 'PATCH', `/api/v1/journeys/${journey.id}`, { name: name('到家', 'Home') })).json();
    expect(renamed).toMatchObject({ name: { 'zh-CN': '到家', en: 'Home' }, targets });

    expect((await send(org.adminKey, 'DELETE', `/api/v1/journeys/${journey.id}`)).statusCode).toBe(204);
    const gone = await send(org.adminKey, 'GET', `/api/v1/journeys/${journey.id}`);
    expect([gone.statusCode, gone.json().error.code]).toEqual([404, 'not_found']);
  });

  it('answers 404 for a journey of another organisation', async () => {
    const other = await buildOrg(t.ctx);
    const theirs = (await send(other.adminKey, 'POST', '/api/v1/journeys', delivery())).json();
    for (const path of ['', '/metrics', '/paths']) expect((await send(org.adminKey, 'GET', `/api/v1/journeys/${theirs.id}${path}`)).statusCode).toBe(404);
    expect((await send(org.adminKey, 'PATCH', `/api/v1/journeys/${theirs.id}`, { name: name('x', 'x') })).statusCode).toBe(404);
  });
});

describe('journeys: bad input', () => {
  const stage = (key: string, touchpoints: Array<{ touchpoint: string; kind: string }> = []) => ({ key, name: name(key, key), touchpoints });

  it.each([
    ['no stages', { stages: [] }, 'invalid_request'],
    ['a stage key with spaces', { stages: [stage('Order now')] }, 'invalid_request'],
    ['an unknown kind', { stages: [stage('a', [{ touchpoint: 'x', kind: 'memorable' }])] }, 'invalid_request'],
    ['a missing English name', { name: { 'zh-CN': '旅程' } }, 'invalid_request'],
    ['an NPS target above 100', { targets: { ...DEFAULT_JOURNEY_TARGETS, moment: { nps: 120, sentiment: 0 } } }, 'invalid_request'],
    ['a stage key used twice', { stages: [stage('a'), stage('a')] }, 'duplicate_stage_key'],
    ['a touchpoint in two stages', { stages: [stage('a', [{ touchpoint: 'hotline', kind: 'routine' }]), stage('b', [{ touchpoint: 'hotline', kind: 'moment' }])] }, 'duplicate_touchpoint'],
  ])('refuses %s with 400 %s', async (_what, change, code) => {
    const res = await send(org.adminKey, 'POST', '/api/v1/journeys', { ...delivery(), ...change });
    expect([res.statusCode, res.json().error.code], res.body).toEqual([400, code]);
  });

  it('refuses a bad period and a bad id with 400', async () => {
    const journey = (await send(org.adminKey, 'POST', '/api/v1/journeys', delivery())).json();
    for (const q of ['from=yesterday', 'from=2026-01-05&to=2026-01-01', 'to=2026-02-30']) {
      const res = await send(org.adminKey, 'GET', `/api/v1/journeys/${journey.id}/metrics?${q}`);
      expect([res.statusCode, res.json().error.code], q).toEqual([400, 'invalid_request']);
    }
    expect((await send(org.adminKey, 'GET', '/api/v1/journeys/not-a-uuid')).statusCode).toBe(400);
  });
});

describe('journeys: alert-rule templates', () => {
  it('creates a rule for the moments (NPS ≤ 6 → high) and one for routine touchpoints (CES ≤ 3 → medium) through the cases module', async () => {
    const journey = (await send(org.adminKey, 'POST', '/api/v1/journeys', delivery())).json();
    const moment = await send(org.adminKey, 'POST', `/api/v1/journeys/${journey.id}/alert-rules`, { kind: 'moment' });
    expect(moment.statusCode, moment.body).toBe(201);
    expect(moment.json()).toMatchObject({
      enabled: true,
      when: { match: 'all', touchpoints: ['home_delivery', 'returns_desk'], nps: { lte: 6 } },
      then: { createCase: { priority: 'high' } },
    });
    expect(moment.json().name).toContain('Home delivery');
    const routine = await send(org.adminKey, 'POST', `/api/v1/journeys/${journey.id}/alert-rules`, { kind: 'routine', priority: 'urgent' });
    expect(routine.json()).toMatchObject({ when: { touchpoints: ['mini_program', 'hotline'], ces: { lte: 3 } }, then: { createCase: { priority: 'urgent' } } });

    const rules = (await send(org.adminKey, 'GET', '/api/v1/alert-rules')).json().items.map((r: { id: string }) => r.id);
    expect(rules).toEqual(expect.arrayContaining([moment.json().id, routine.json().id]));
  });

  it('opens a case when a detractor answers at one of the moments', async () => {
    const journey = (await send(org.adminKey, 'POST', '/api/v1/journeys', { ...delivery(), stages: [{ key: 'visit', name: name('到店', 'Visit'), touchpoints: [{ touchpoint: 'fitting_room', kind: 'moment' }] }] })).json();
    const rule = (await send(org.adminKey, 'POST', `/api/v1/journeys/${journey.id}/alert-rules`, { kind: 'moment' })).json();
    const survey = (await send(org.adminKey, 'POST', '/api/v1/surveys', { name: 'NPS', questions: [{ key: 'nps', type: 'nps', title: name('推荐', 'Recommend') }] })).json();
    for (const [touchpoint, nps] of [['fitting_room', 3], ['fitting_room', 9], ['checkout', 2]] as const) {
      expect((await send(org.adminKey, 'POST', '/api/v1/responses', { surveyId: survey.id, answers: { nps }, touchpoint })).statusCode).toBe(201);
    }
    await t.ctx.events.drain();
    const after = (await send(org.adminKey, 'GET', `/api/v1/alert-rules/${rule.id}`)).json();
    expect(after.casesOpened).toBe(1);
  });

  it('refuses a class the journey lacks, and anyone but an admin', async () => {
    const onlyRoutine = (await send(org.adminKey, 'POST', '/api/v1/journeys', { ...delivery(), stages: [delivery().stages[0]] })).json();
    const none = await send(org.adminKey, 'POST', `/api/v1/journeys/${onlyRoutine.id}/alert-rules`, { kind: 'moment' });
    expect([none.statusCode, none.json().error.code]).toEqual([400, 'no_touchpoints_of_kind']);
    const bad = await send(org.adminKey, 'POST', `/api/v1/journeys/${onlyRoutine.id}/alert-rules`, { kind: 'sometimes' });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'invalid_request']);
    expect((await send(managerKey, 'POST', `/api/v1/journeys/${onlyRoutine.id}/alert-rules`, { kind: 'routine' })).statusCode).toBe(403);
  });
});
