import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../platform/clock.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildCasesFixture, DEFAULT_RULE, type CasesFixture } from './cases.fixtures.ts';

let t: TestApp;
let f: CasesFixture;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildCasesFixture(t);
});
afterAll(() => t.close());

describe('alert rules', () => {
  it('opens exactly one case per response per rule, owned by the serving employee, with the SLA of its priority', async () => {
    const ruleId = await f.rule(DEFAULT_RULE);
    const customerId = await f.customer();
    const detractor = await f.respond({ nps: 3, comment: '送货太慢了' }, { customerId });
    const unhappyCsat = await f.respond({ nps: 8, csat: 2 });
    const happy = await f.respond({ nps: 10, csat: 5 });
    await t.ctx.events.drain(); // redelivery opens nothing new

    const [c] = await f.casesFor(detractor);
    expect(await f.casesFor(detractor)).toHaveLength(1);
    expect(c).toMatchObject({ rule_id: ruleId, owner_id: f.people.courier.id, status: 'new', priority: 'high' });
    expect(await f.casesFor(unhappyCsat)).toHaveLength(1);
    expect(await f.casesFor(happy)).toHaveLength(0);

    const detail = (await f.send(f.org.adminKey, 'GET', `/api/v1/cases/${c!.id}`)).json();
    expect(detail).toMatchObject({ responseId: detractor, customerId, employeeId: f.people.courier.id, unitId: f.units.store, ownerId: f.people.courier.id, rootCause: null });
    expect(new Date(detail.dueAt).getTime() - t.clock.now().getTime()).toBe(2 * 60 * 60_000);
    expect(detail.timeline[0]).toMatchObject({ type: 'created', actorType: 'system', data: { ruleId, nps: 3 } });

    const events = await f.query<{ payload: { caseId: string; ownerId: string } }>(`SELECT payload FROM outbox_events WHERE name = 'case.created' AND payload->>'caseId' = $1`, [c!.id]);
    expect(events.map((e) => e.payload.ownerId)).toEqual([f.people.courier.id]);
    const notes = await f.query(`SELECT kind FROM notifications WHERE employee_id = $1 AND case_id = $2`, [f.people.courier.id, c!.id]);
    expect(notes).toEqual([{ kind: 'case.created' }]);
    const rules = (await f.send(f.org.adminKey, 'GET', '/api/v1/alert-rules')).json().items;
    expect(rules.find((r: { id: string }) => r.id === ruleId).casesOpened).toBe(2);
    await f.send(f.org.adminKey, 'DELETE', `/api/v1/alert-rules/${ruleId}`);
  });

  it('commits the case with the response itself, before any outbox handler runs, for single and batch submissions', async () => {
    const ruleId = await f.rule(DEFAULT_RULE);
    const single = await f.send(f.org.adminKey, 'POST', '/api/v1/responses', { surveyId: f.surveyId, answers: { nps: 1 }, employeeId: f.people.courier.id });
    expect(single.statusCode).toBe(201);
    expect(await f.casesFor(single.json().id)).toHaveLength(1); // no drain: the case is part of the acknowledged write
    const items = [2, 9, 5].map((nps) => ({ surveyId: f.surveyId, answers: { nps }, employeeId: f.people.courier.id, touchpoint: 'sync-batch' }));
    expect((await f.send(f.org.adminKey, 'POST', '/api/v1/responses/batch', { items })).json()).toMatchObject({ created: 3 });
    const written = await f.query<{ id: string }>(`SELECT id FROM responses WHERE touchpoint = 'sync-batch' ORDER BY nps`);
    const ids = written.map((r) => r.id);
    expect(await Promise.all(ids.map(async (id) => (await f.casesFor(id)).length))).toEqual([1, 1, 0]);
    const pending = await f.query(`SELECT 1 FROM outbox_events WHERE name = 'case.created' AND done_at IS NULL AND payload->>'responseId' = ANY ($1)`, [[single.json().id, ...ids]]);
    expect(pending).toHaveLength(3); // published with the write, waiting for the stream and webhooks
    await t.ctx.events.drain();
    expect(await f.casesFor(single.json().id)).toHaveLength(1);
    await f.send(f.org.adminKey, 'DELETE', `/api/v1/alert-rules/${ruleId}`);
  });

  it('gives a case without a serving employee to the head of the unit, or of the nearest unit above', async () => {
    const ruleId = await f.rule(DEFAULT_RULE);
    const inStore = await f.respond({ nps: 2 }, { employeeId: undefined });
    const teamOnly = await f.unit('配送组', f.units.store, 'team');
    const inTeam = await f.respond({ nps: 2 }, { employeeId: undefined, unitId: teamOnly });
    expect((await f.casesFor(inStore))[0]!.owner_id).toBe(f.people.storeManager.id);
    expect((await f.casesFor(inTeam))[0]!.owner_id).toBe(f.people.storeManager.id);
    await f.send(f.org.adminKey, 'DELETE', `/api/v1/alert-rules/${ruleId}`);
  });

  it('matches keywords, touchpoints, customer segment and value together (all) and ignores responses before the rule', async () => {
    const before = await f.respond({ nps: 9, comment: '快递员态度差' }, { touchpoint: '门店收银' });
    const ruleId = await f.rule({
      name: 'VIP 态度',
      when: { keywords: ['态度', 'RUDE'], touchpoints: ['门店收银'], customerSegments: ['vip'], customerValueGte: 1000 },
      then: { createCase: { priority: 'urgent' }, notify: { servingEmployee: false, unitManager: true } },
    });
    const vip = await f.customer({ segment: 'vip', value: 5000 });
    const small = await f.customer({ segment: 'vip', value: 10 });
    const hit = await f.respond({ nps: 9, comment: 'The courier was rude' }, { customerId: vip, touchpoint: '门店收银' });
    const lowValue = await f.respond({ nps: 9, comment: '态度差' }, { customerId: small, touchpoint: '门店收银' });
    const otherTouchpoint = await f.respond({ nps: 9, comment: '态度差' }, { customerId: vip, touchpoint: '送货上门' });
    expect(await f.casesFor(before)).toHaveLength(0);
    expect((await f.casesFor(hit)).map((c) => c.priority)).toEqual(['urgent']);
    expect(await f.casesFor(lowValue)).toHaveLength(0);
    expect(await f.casesFor(otherTouchpoint)).toHaveLength(0);
    const alerts = await f.query(`SELECT employee_id FROM notifications WHERE kind = 'alert' AND data->>'responseId' = $1`, [hit]);
    expect(alerts).toEqual([{ employee_id: f.people.storeManager.id }]);
    await f.send(f.org.adminKey, 'DELETE', `/api/v1/alert-rules/${ruleId}`);
  });

  it('opens a case on a customer’s second complaint within N days, not the first, and raises a warning', async () => {
    const ruleId = await f.rule({ name: '重复投诉', when: { repeatComplaint: { withinDays: 30 } }, then: { createCase: { priority: 'urgent' }, notify: {} } });
    const customerId = await f.customer();
    const first = await f.respond({ nps: 4 }, { customerId, submittedAt: t.clock.now().toISOString() });
    t.clock.advance(10 * DAY);
    const praise = await f.respond({ nps: 10 }, { customerId, submittedAt: t.clock.now().toISOString() });
    const second = await f.respond({ csat: 1 }, { customerId, submittedAt: t.clock.now().toISOString() });
    t.clock.advance(40 * DAY);
    const muchLater = await f.respond({ nps: 5 }, { customerId, submittedAt: t.clock.now().toISOString() });
    expect(await f.casesFor(first)).toHaveLength(0);
    expect(await f.casesFor(praise)).toHaveLength(0);
    expect(await f.casesFor(second)).toHaveLength(1);
    expect(await f.casesFor(muchLater)).toHaveLength(0);
    const warnings = await f.query<{ payload: { kind: string; notify: string[] } }>(`SELECT payload FROM outbox_events WHERE name = 'warning.raised' AND payload->>'responseId' = $1`, [second]);
    expect(warnings.map((w) => w.payload)).toEqual([expect.objectContaining({ kind: 'repeat_complaint', notify: [f.people.courier.id] })]);
    await f.send(f.org.adminKey, 'DELETE', `/api/v1/alert-rules/${ruleId}`);
  });

  it('evaluates sentiment rules on the text module’s stored analysis', async () => {
    const ruleId = await f.rule({ name: '负面评论', when: { sentiment: ['negative'] }, then: { createCase: { priority: 'medium' } } });
    const negative = await f.respond({ nps: 8, comment: '太差劲了，再也不来了，服务态度恶劣' });
    const positive = await f.respond({ nps: 8, comment: '非常满意，快递员很热情，谢谢！' });
    const silent = await f.respond({ nps: 8 });
    const [analysis] = await f.query<{ sentiment: string }>(`SELECT sentiment FROM text_analyses WHERE response_id = $1`, [negative]);
    expect(analysis!.sentiment).toBe('negative');
    expect(await f.casesFor(negative)).toHaveLength(1);
    expect(await f.casesFor(positive)).toHaveLength(0);
    expect(await f.casesFor(silent)).toHaveLength(0);
    const rule = (await f.send(f.org.adminKey, 'PATCH', `/api/v1/alert-rules/${ruleId}`, { enabled: false })).json();
    expect(rule.enabled).toBe(false);
    await f.send(f.org.adminKey, 'DELETE', `/api/v1/alert-rules/${ruleId}`);
  });

  it('refuses bad rules with machine-readable codes, and rule management to non-admins', async () => {
    const bad = [
      { name: 'x', when: {}, then: { createCase: { priority: 'high' } } },
      { name: 'x', when: { nps: { lte: 11 } }, then: { createCase: { priority: 'high' } } },
      { name: 'x', when: { nps: {} }, then: { createCase: { priority: 'high' } } },
      { name: 'x', when: { nps: { lte: 6 } }, then: {} },
      { name: 'x', when: { nps: { lte: 6 } }, then: { createCase: { priority: 'someday' } } },
      { name: '', when: { nps: { lte: 6 } }, then: { createCase: { priority: 'high' } } },
    ];
    for (const body of bad) {
      const res = await f.send(f.org.adminKey, 'POST', '/api/v1/alert-rules', body);
      expect([res.statusCode, res.json().error.code], JSON.stringify(body)).toEqual([400, 'invalid_request']);
    }
    const webhook = await f.send(f.org.adminKey, 'POST', '/api/v1/alert-rules', { name: 'hook', when: { nps: { lte: 6 } }, then: { webhook: { url: 'https://example.com' } } });
    expect([webhook.statusCode, webhook.json().error.code]).toEqual([422, 'webhook_not_registered']);
    const unknown = await f.send(f.org.adminKey, 'POST', '/api/v1/alert-rules', { name: 'n', when: { nps: { lte: 6 } }, then: { notify: { employeeIds: ['00000000-0000-4000-8000-000000000000'] } } });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'not_found']);
    const asManager = await f.send(f.people.storeManager.key, 'POST', '/api/v1/alert-rules', DEFAULT_RULE);
    expect([asManager.statusCode, asManager.json().error.code]).toEqual([403, 'forbidden']);
    expect((await f.send(f.people.storeManager.key, 'GET', '/api/v1/alert-rules')).statusCode).toBe(200);
    expect((await f.send(f.people.courier.key, 'GET', '/api/v1/alert-rules')).statusCode).toBe(403);
  });
});
