import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../platform/clock.ts';
import { bearer, buildOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildCasesFixture, DEFAULT_RULE, type CasesFixture } from './cases.fixtures.ts';
import { escalateBreachedCases } from './index.ts';

let t: TestApp;
let f: CasesFixture;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildCasesFixture(t);
  await f.rule(DEFAULT_RULE);
  // The customer just answered a survey; let the follow-up reach them anyway for these tests.
  await f.send(f.org.adminKey, 'PUT', '/api/v1/survey-settings', { contactFatigueDays: 0 });
});
afterAll(() => t.close());

/** A case opened by a detractor answer served by `employeeId` in `unitId`. */
async function openCase(extra: Record<string, unknown> = {}, answers: Record<string, unknown> = { nps: 2 }): Promise<string> {
  const responseId = await f.respond(answers, extra);
  const [c] = await f.casesFor(responseId);
  return c!.id;
}
const getCase = (id: string, key = f.org.adminKey) => f.send(key, 'GET', `/api/v1/cases/${id}`);
const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((c) => c.id).sort();

describe('case scope', () => {
  it('shows a manager their subtree’s cases, an employee their own, and other organisations nothing', async () => {
    const mine = await openCase();
    const elsewhere = await openCase({ employeeId: f.people.outsider.id, unitId: f.units.otherStore });
    const list = (key: string, q = '') => f.send(key, 'GET', `/api/v1/cases?limit=500${q}`);

    expect(ids(await list(f.people.courier.key))).toEqual([mine]);
    expect(ids(await list(f.people.outsider.key))).toEqual([elsewhere]);
    expect(ids(await list(f.people.regional.key))).toEqual([mine]);
    expect(ids(await list(f.people.ceo.key))).toEqual([mine, elsewhere].sort());
    expect(ids(await list(f.org.adminKey, `&unitId=${f.units.region}`))).toEqual([mine]);
    expect(ids(await list(f.org.adminKey, `&ownerId=${f.people.outsider.id}`))).toEqual([elsewhere]);
    expect(ids(await list(f.org.adminKey, '&status=closed'))).toEqual([]);

    for (const [key, id] of [[f.people.courier.key, elsewhere], [f.people.regional.key, elsewhere], [f.people.outsider.key, mine]] as const) {
      const res = await getCase(id, key);
      expect([res.statusCode, res.json().error.code]).toEqual([404, 'not_found']);
      const act = await f.act(key, id, { type: 'acknowledge' });
      expect(act.statusCode).toBe(404);
    }
    const other = await buildOrg(t.ctx);
    expect((await t.app.inject({ url: `/api/v1/cases/${mine}`, headers: bearer(other.adminKey) })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/cases?limit=500', headers: bearer(other.adminKey) })).json().items).toEqual([]);
    // Paging walks the whole list once.
    const first = (await list(f.org.adminKey, '')).json().items.length;
    const page1 = (await f.send(f.org.adminKey, 'GET', '/api/v1/cases?limit=1')).json();
    const page2 = (await f.send(f.org.adminKey, 'GET', `/api/v1/cases?limit=500&cursor=${page1.nextCursor}`)).json();
    expect(page1.items.length + page2.items.length).toBe(first);
  });
});

describe('case workflow', () => {
  it('goes new → acknowledged → in progress → resolved → closed with a root cause, and reopens', async () => {
    const id = await openCase();
    const key = f.people.courier.key;
    expect((await f.act(key, id, { type: 'acknowledge', note: '已致电客户' })).json().status).toBe('acknowledged');
    expect((await f.act(key, id, { type: 'note', text: '上门道歉', contact: true })).json().status).toBe('in_progress');
    const noRoot = await f.act(key, id, { type: 'close' });
    expect([noRoot.statusCode, noRoot.json().error.code]).toEqual([422, 'root_cause_required']);
    const unknownRoot = await f.act(key, id, { type: 'resolve', rootCause: 'made.up' });
    expect([unknownRoot.statusCode, unknownRoot.json().error.code]).toEqual([400, 'unknown_root_cause']);
    expect((await f.act(key, id, { type: 'resolve', rootCause: 'delivery.late' })).json().status).toBe('resolved');
    const again = await f.act(key, id, { type: 'acknowledge' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'invalid_transition']);
    const closed = (await f.act(key, id, { type: 'close' })).json();
    expect(closed.case).toMatchObject({ status: 'closed', rootCause: 'delivery.late', dueAt: null });
    const reopened = (await f.act(f.people.storeManager.key, id, { type: 'reopen', reason: '客户再次来电' })).json();
    expect(reopened.case).toMatchObject({ status: 'new', reopenCount: 1 });
    const types = reopened.case.timeline.map((e: { type: string }) => e.type);
    expect(types).toEqual(['created', 'acknowledged', 'contact', 'resolved', 'follow_up_skipped', 'closed', 'reopened']);
    const events = await f.query<{ name: string }>(`SELECT name FROM outbox_events WHERE payload->>'caseId' = $1 ORDER BY id`, [id]);
    expect(events.map((e) => e.name)).toEqual(['case.created', 'case.updated', 'case.updated', 'case.updated', 'case.closed', 'case.updated', 'case.updated']);
  });

  it('rejects malformed actions with 400 invalid_request', async () => {
    const id = await openCase();
    for (const body of [{ type: 'dance' }, { type: 'compensate', amount: -5, currency: 'CNY', kind: 'refund' }, { type: 'compensate', amount: 10, currency: 'cny', kind: 'refund' },
      { type: 'compensate', amount: 10.001, currency: 'CNY', kind: 'refund' }, { type: 'exempt', rule: '', reason: 'x' }, { type: 'note' }, { type: 'approve' }]) {
      const res = await f.act(f.org.adminKey, id, body);
      expect([res.statusCode, res.json().error.code], JSON.stringify(body)).toEqual([400, 'invalid_request']);
    }
    const noEmployee = await f.act(f.org.adminKey, id, { type: 'compensate', amount: 10, currency: 'CNY', kind: 'refund' });
    expect([noEmployee.statusCode, noEmployee.json().error.code]).toEqual([403, 'employee_required']);
  });

  it('keeps the root-cause taxonomy per organisation, bilingual, with defaults', async () => {
    const defaults = (await f.send(f.people.courier.key, 'GET', '/api/v1/root-causes')).json().items;
    expect(defaults.find((r: { code: string }) => r.code === 'delivery.late')).toMatchObject({ name: { 'zh-CN': '配送延误', en: 'Late delivery' }, parentCode: 'delivery' });
    const loop = await f.send(f.org.adminKey, 'PUT', '/api/v1/root-causes', { items: [{ code: 'a', name: { 'zh-CN': '甲', en: 'A' }, parentCode: 'b' }, { code: 'b', name: { 'zh-CN': '乙', en: 'B' }, parentCode: 'a' }] });
    expect([loop.statusCode, loop.json().error.code, loop.json().error.details.reason]).toEqual([400, 'invalid_taxonomy', 'parent_loop']);
    const orphan = await f.send(f.org.adminKey, 'PUT', '/api/v1/root-causes', { items: [{ code: 'a', name: { 'zh-CN': '甲', en: 'A' }, parentCode: 'zzz' }] });
    expect(orphan.json().error.details.reason).toBe('unknown_parent');
    expect((await f.send(f.people.storeManager.key, 'PUT', '/api/v1/root-causes', { items: [] })).statusCode).toBe(403);
    const items = [{ code: 'kitchen', name: { 'zh-CN': '后厨', en: 'Kitchen' } }, { code: 'kitchen.cold', name: { 'zh-CN': '菜凉了', en: 'Cold food' }, parentCode: 'kitchen' }];
    expect((await f.send(f.org.adminKey, 'PUT', '/api/v1/root-causes', { items })).statusCode).toBe(200);
    const id = await openCase();
    const old = await f.act(f.people.courier.key, id, { type: 'close', rootCause: 'delivery.late' });
    expect(old.json().error.code).toBe('unknown_root_cause');
    expect((await f.act(f.people.courier.key, id, { type: 'close', rootCause: 'kitchen.cold' })).json().status).toBe('closed');
    await f.send(f.org.adminKey, 'PUT', '/api/v1/root-causes', { items: [] }); // back to the defaults
  });
});

describe('SLA and escalation', () => {
  it('escalates a breached case up the tree, once per breach, with a fresh window for the new owner', async () => {
    const id = await openCase();
    expect(await escalateBreachedCases(t.ctx)).toBe(0);
    t.clock.advance(2 * HOUR + MINUTE); // high priority: first response due in 2 h
    expect(await escalateBreachedCases(t.ctx)).toBeGreaterThanOrEqual(1);
    let c = (await getCase(id)).json();
    expect(c).toMatchObject({ ownerId: f.people.storeManager.id, escalationLevel: 1 });
    expect(c.timeline.at(-1)).toMatchObject({ type: 'escalated', actorType: 'system', data: { reason: 'first_response_sla', fromOwnerId: f.people.courier.id, toOwnerId: f.people.storeManager.id } });
    await escalateBreachedCases(t.ctx);
    expect((await getCase(id)).json().escalationLevel).toBe(1);
    const notes = await f.query(`SELECT employee_id FROM notifications WHERE case_id = $1 AND kind = 'case.escalated' ORDER BY employee_id`, [id]);
    expect(notes).toHaveLength(2);

    // The store manager acknowledges but does not resolve in 24 h: the regional manager gets it.
    await f.act(f.people.storeManager.key, id, { type: 'acknowledge' });
    t.clock.advance(24 * HOUR);
    await escalateBreachedCases(t.ctx);
    c = (await getCase(id)).json();
    expect(c).toMatchObject({ ownerId: f.people.regional.id, escalationLevel: 2 });
    expect(c.timeline.at(-1).data.reason).toBe('resolution_sla');
    // The courier still sees the case about their service; the regional manager now owns it.
    expect((await getCase(id, f.people.courier.key)).statusCode).toBe(200);
    const events = await f.query<{ payload: { toOwnerId: string; reason: string } }>(`SELECT payload FROM outbox_events WHERE name = 'case.escalated' AND payload->>'caseId' = $1 ORDER BY id`, [id]);
    expect(events.map((e) => [e.payload.toOwnerId, e.payload.reason])).toEqual([[f.people.storeManager.id, 'first_response_sla'], [f.people.regional.id, 'resolution_sla']]);
    await f.act(f.people.regional.key, id, { type: 'resolve' });
    t.clock.advance(30 * 24 * HOUR);
    await escalateBreachedCases(t.ctx);
    expect((await getCase(id)).json().escalationLevel).toBe(2);
  });

  it('uses the organisation’s SLA settings and lets a person escalate by hand', async () => {
    const settings = (await f.send(f.org.adminKey, 'GET', '/api/v1/case-settings')).json();
    const bad = await f.send(f.org.adminKey, 'PUT', '/api/v1/case-settings', { ...settings, sla: { ...settings.sla, high: { firstResponseMinutes: 60, resolutionMinutes: 30 } } });
    expect(bad.statusCode).toBe(400);
    const ok = await f.send(f.org.adminKey, 'PUT', '/api/v1/case-settings', { ...settings, sla: { ...settings.sla, high: { firstResponseMinutes: 10, resolutionMinutes: 60 } } });
    expect(ok.statusCode).toBe(200);
    const id = await openCase();
    expect(new Date((await getCase(id)).json().dueAt).getTime() - t.clock.now().getTime()).toBe(10 * MINUTE);
    const res = (await f.act(f.people.courier.key, id, { type: 'escalate', reason: '需要店长处理' })).json();
    expect(res.case.ownerId).toBe(f.people.storeManager.id);
    await f.send(f.org.adminKey, 'PUT', '/api/v1/case-settings', settings);
  });
});

describe('follow-up', () => {
  it('sends a follow-up survey on resolve, and an unhappy answer on it reopens the case', async () => {
    const customerId = await f.customer();
    const id = await openCase({ customerId });
    const resolved = (await f.act(f.people.courier.key, id, { type: 'resolve', rootCause: 'service.attitude' })).json();
    expect(resolved.case.timeline.at(-1)).toMatchObject({ type: 'follow_up_sent', data: { channel: 'email' } });
    const [message] = await f.query<{ body: string; recipient: string; kind: string }>(`SELECT body, recipient, kind FROM outbox_messages WHERE customer_id = $1 AND kind = 'case_follow_up'`, [customerId]);
    const token = /\/s\/([A-Za-z0-9_-]+)/.exec(message!.body)![1]!;

    const answer = await t.app.inject({ method: 'POST', url: `/api/v1/public/responses/${token}`, payload: { answers: { nps: 9, csat: 1 } } });
    expect(answer.statusCode, answer.body).toBe(201);
    await t.ctx.events.drain();
    const c = (await getCase(id)).json();
    expect(c).toMatchObject({ status: 'new', reopenCount: 1 });
    expect(c.timeline.slice(-2).map((e: { type: string; actorType: string }) => [e.type, e.actorType])).toEqual([['follow_up_answered', 'customer'], ['reopened', 'customer']]);
    // The follow-up answer reopened the case; it did not open another.
    expect(await f.casesFor(answer.json().id)).toHaveLength(0);
  });

  it('records in the timeline when the contact-fatigue rule blocks the follow-up, and a happy answer keeps the case resolved', async () => {
    await f.send(f.org.adminKey, 'PUT', '/api/v1/survey-settings', { contactFatigueDays: 30 });
    const customerId = await f.customer();
    const id = await openCase({ customerId });
    const first = (await f.act(f.people.courier.key, id, { type: 'resolve' })).json();
    expect(first.case.timeline.at(-1).type).toBe('follow_up_sent');
    const id2 = await openCase({ customerId });
    const second = (await f.act(f.people.courier.key, id2, { type: 'resolve' })).json();
    expect(second.case.timeline.at(-1)).toMatchObject({ type: 'follow_up_blocked', data: { reason: 'contact_fatigue' } });
    await f.send(f.org.adminKey, 'PUT', '/api/v1/survey-settings', { contactFatigueDays: 0 });

    const [message] = await f.query<{ body: string }>(`SELECT body FROM outbox_messages WHERE customer_id = $1 AND kind = 'case_follow_up'`, [customerId]);
    const token = /\/s\/([A-Za-z0-9_-]+)/.exec(message!.body)![1]!;
    await t.app.inject({ method: 'POST', url: `/api/v1/public/responses/${token}`, payload: { answers: { nps: 10, csat: 5 } } });
    await t.ctx.events.drain();
    expect((await getCase(id)).json()).toMatchObject({ status: 'resolved', reopenCount: 0 });
  });
});
