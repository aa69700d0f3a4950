import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../platform/clock.ts';
import { bearer } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildCasesFixture, type CasesFixture } from './cases.fixtures.ts';
import { escalateBreachedCases } from './index.ts';

let t: TestApp;
let f: CasesFixture;
let customerId: string;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildCasesFixture(t);
  customerId = await f.customer({ name: '李先生', phone: '+86 138-1234-5678' });
});
afterAll(() => t.close());

const capture = (key: string, body: object) => f.send(key, 'POST', '/api/v1/cases', body);
/** The smallest JPEG header the type check accepts, padded to a realistic length. */
const jpeg = (bytes = 2048) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(bytes - 4, 7)]).toString('base64');

describe('employee-captured cases', () => {
  it('lets an employee open a case for a customer they met: owned by them, the usual SLA, an insight for recognition', async () => {
    const res = await capture(f.people.courier.key, { customerId, description: '客户说包裹外箱破损\n里面的杯子碎了', touchpoint: '送货上门' });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      source: 'employee', status: 'new', priority: 'medium', title: '客户说包裹外箱破损', customerId, touchpoint: '送货上门',
      employeeId: f.people.courier.id, ownerId: f.people.courier.id, unitId: f.units.store, ruleId: null, responseId: null, hasPhoto: false,
    });
    expect(c.description).toBe('客户说包裹外箱破损\n里面的杯子碎了');
    expect(Date.parse(c.firstResponseDueAt) - Date.parse(c.createdAt)).toBe(8 * HOUR); // medium, as for an alert rule's case
    expect(c.timeline[0]).toMatchObject({ type: 'created', data: { source: 'employee', capturedBy: f.people.courier.id } });
    // The manager above sees it; an employee elsewhere does not; the capturer is not notified of their own case.
    expect((await f.send(f.people.storeManager.key, 'GET', `/api/v1/cases/${c.id}`)).statusCode).toBe(200);
    expect((await f.send(f.people.outsider.key, 'GET', `/api/v1/cases/${c.id}`)).statusCode).toBe(404);
    expect(await f.query(`SELECT 1 FROM notifications WHERE case_id = $1`, [c.id])).toEqual([]);
    // Same rules as any case: SLA escalation, authority, root cause on closing.
    t.clock.advance(8 * HOUR + MINUTE);
    await escalateBreachedCases(t.ctx);
    expect((await f.send(f.org.adminKey, 'GET', `/api/v1/cases/${c.id}`)).json()).toMatchObject({ ownerId: f.people.storeManager.id, escalationLevel: 1 });
    const over = await f.act(f.people.courier.key, c.id, { type: 'compensate', amount: 300, currency: 'CNY', kind: 'refund' });
    expect([over.statusCode, over.json().status]).toEqual([202, 'pending']);
    const noRoot = await f.act(f.people.courier.key, c.id, { type: 'close' });
    expect([noRoot.statusCode, noRoot.json().error.code]).toEqual([422, 'root_cause_required']);

    // insight.captured → points for the capturer, once, and a count in promotion readiness.
    await t.ctx.events.drain();
    await t.ctx.events.drain();
    const ledger = await f.query<{ delta: number }>(`SELECT delta FROM points_ledger WHERE source_type = 'insight_captured' AND source_id = $1`, [c.id]);
    expect(ledger).toEqual([{ delta: 5 }]);
    const put = await f.send(f.org.adminKey, 'PUT', `/api/v1/promotion-criteria/${f.people.storeManager.positionId}`, { minImplementedIdeas: 0, minNps: null, minResponses: 0, minPraise: 0, minInsights: 2 });
    expect(put.statusCode, put.body).toBe(200);
    const readiness = (await f.send(f.org.adminKey, 'GET', `/api/v1/promotion-readiness/${f.people.storeManager.positionId}`)).json();
    const courier = readiness.candidates.find((x: { employeeId: string }) => x.employeeId === f.people.courier.id);
    expect(courier).toMatchObject({ insights: 1, isReady: false, missing: [{ criterion: 'insights', have: 1, need: 2 }] });
  });

  it('hands a case to a colleague, or to a unit’s queue where nobody owns it and the unit is told', async () => {
    const toColleague = (await capture(f.people.outsider.key, { customerId, description: '客户想改送货地址', ownerId: f.people.courier.id })).json();
    expect(toColleague).toMatchObject({ ownerId: f.people.courier.id, employeeId: f.people.outsider.id, unitId: f.units.otherStore });
    // The one who captured it still follows it.
    expect((await f.send(f.people.outsider.key, 'GET', `/api/v1/cases/${toColleague.id}`)).statusCode).toBe(200);
    expect(await f.query(`SELECT employee_id, kind FROM notifications WHERE case_id = $1`, [toColleague.id])).toEqual([{ employee_id: f.people.courier.id, kind: 'case.created' }]);

    const queued = await capture(f.people.outsider.key, { customer: { name: '新客户', phone: '13900001111' }, description: '门店投诉卡：等候太久', unitId: f.units.store, priority: 'high' });
    expect(queued.statusCode, queued.body).toBe(201);
    const q = queued.json();
    expect(q).toMatchObject({ ownerId: null, unitId: f.units.store, priority: 'high' });
    const customer = await f.query<{ name: string; phone: string }>(`SELECT name, phone FROM customers WHERE id = $1`, [q.customerId]);
    expect(customer).toEqual([{ name: '新客户', phone: '13900001111' }]);
    const told = await f.query<{ employee_id: string }>(`SELECT employee_id FROM notifications WHERE case_id = $1 AND kind = 'case.queued' ORDER BY employee_id`, [q.id]);
    expect(told.map((n) => n.employee_id)).toEqual([f.people.storeManager.id, f.people.courier.id].sort());
  });

  it('stores a photo the magic bytes show is an image, and serves it only to who may see the case', async () => {
    const photo = jpeg();
    const res = await capture(f.people.courier.key, { customerId, description: '破损的外箱', photo });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().hasPhoto).toBe(true);
    const got = await f.send(f.people.courier.key, 'GET', `/api/v1/cases/${res.json().id}/photo`);
    expect([got.statusCode, got.headers['content-type'], got.headers['x-content-type-options']]).toEqual([200, 'image/jpeg', 'nosniff']);
    expect(got.rawPayload.equals(Buffer.from(photo, 'base64'))).toBe(true);
    expect((await f.send(f.people.outsider.key, 'GET', `/api/v1/cases/${res.json().id}/photo`)).statusCode).toBe(404);
    const none = (await capture(f.people.courier.key, { customerId, description: '没有照片' })).json();
    expect((await f.send(f.people.courier.key, 'GET', `/api/v1/cases/${none.id}/photo`)).statusCode).toBe(404);

    const html = Buffer.from('<html><script>alert(1)</script></html>').toString('base64');
    const wrong = await capture(f.people.courier.key, { customerId, description: 'x', photo: html });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([422, 'unsupported_photo']);
    const tooBig = await capture(f.people.courier.key, { customerId, description: 'x', photo: jpeg(512 * 1024 + 1) });
    expect([tooBig.statusCode, tooBig.json().error.code]).toEqual([413, 'photo_too_large']);
    const notBase64 = await capture(f.people.courier.key, { customerId, description: 'x', photo: '***' });
    expect(notBase64.statusCode).toBe(400);
  });

  it('refuses bad input with 4xx and keeps partners and keys without an employee out', async () => {
    const cases: Array<[object, number, string?]> = [
      [{ description: '没有客户' }, 400],
      [{ customerId, customer: { name: '两个都给' }, description: 'x' }, 400],
      [{ customerId, description: '' }, 400],
      [{ customerId, description: 'x', ownerId: f.people.ceo.id, unitId: f.units.store }, 400],
      [{ customerId, description: 'x', priority: 'whenever' }, 400],
      [{ customer: {}, description: 'x' }, 400],
      [{ customerId: '00000000-0000-4000-8000-000000000000', description: 'x' }, 404, 'not_found'],
      [{ customerId, description: 'x', ownerId: '00000000-0000-4000-8000-000000000000' }, 404, 'not_found'],
      [{ customerId, description: 'x', unitId: '00000000-0000-4000-8000-000000000000' }, 404, 'not_found'],
    ];
    for (const [body, status, code] of cases) {
      const res = await capture(f.people.courier.key, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      if (code) expect(res.json().error.code).toBe(code);
    }
    expect((await capture(f.org.adminKey, { customerId, description: 'x' })).json().error.code).toBe('employee_required');
    const partner = await f.send(f.org.adminKey, 'POST', '/api/v1/api-keys', { role: 'partner', name: 'p' });
    expect((await capture(partner.json().key, { customerId, description: 'x' })).statusCode).toBe(403);
    // A colleague who left cannot be handed a case.
    await f.query(`UPDATE employees SET left_at = now() WHERE id = $1`, [f.people.outsider.id]);
    const left = await capture(f.people.courier.key, { customerId, description: 'x', ownerId: f.people.outsider.id });
    expect([left.statusCode, left.json().error.code]).toEqual([422, 'employee_left']);
    await f.query(`UPDATE employees SET left_at = NULL WHERE id = $1`, [f.people.outsider.id]);
  });
});

describe('Idempotency-Key on capture (phones retry on bad networks)', () => {
  const captureOnce = (key: string, idempotencyKey: string, body: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { ...bearer(key), 'idempotency-key': idempotencyKey }, payload: body });
  const counts = async () =>
    (await f.query<{ cases: number; customers: number }>(
      `SELECT (SELECT count(*)::int FROM cases WHERE org_id = $1) AS cases, (SELECT count(*)::int FROM customers WHERE org_id = $1) AS customers`,
      [f.org.orgId],
    ))[0]!;

  it('answers a retry with the first case and opens nothing; the key with another body is 422; keys are per person', async () => {
    const body = { customer: { name: '赵女士', phone: '13700002222' }, description: '重试时不应重复建单', photo: jpeg() };
    const first = await captureOnce(f.people.courier.key, 'capture-1', body);
    expect(first.statusCode, first.body).toBe(201);
    const before = await counts();
    const again = await captureOnce(f.people.courier.key, 'capture-1', body);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await counts()).toEqual(before);
    const other = await captureOnce(f.people.courier.key, 'capture-1', { ...body, description: '另一件事' });
    expect([other.statusCode, other.json().error.code]).toEqual([422, 'idempotency_conflict']);
    // Another person's key of the same name is theirs.
    const theirs = await captureOnce(f.people.storeManager.key, 'capture-1', body);
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect(theirs.json().id).not.toBe(first.json().id);
    // A refused capture keeps nothing: the key is still free for the corrected request.
    const refused = await captureOnce(f.people.courier.key, 'capture-2', { customerId: '00000000-0000-4000-8000-000000000000', description: 'x' });
    expect(refused.statusCode).toBe(404);
    expect((await captureOnce(f.people.courier.key, 'capture-2', { customerId, description: 'x' })).statusCode).toBe(201);
  });

  it('opens one case for two concurrent requests with one key', async () => {
    const before = await counts();
    const body = { customer: { name: '钱先生' }, description: '同时到达的两次重试' };
    const [a, b] = await Promise.all([captureOnce(f.people.courier.key, 'capture-race', body), captureOnce(f.people.courier.key, 'capture-race', body)]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect(await counts()).toEqual({ cases: before.cases + 1, customers: before.customers + 1 });
  });
});

describe('customer search for capturing', () => {
  const search = (key: string, q: string) => f.send(key, 'GET', `/api/v1/customers/search?q=${encodeURIComponent(q)}`);

  it('finds customers in scope by name or part of a phone, anyone only by a whole phone number or external id, phones masked', async () => {
    // The courier served this customer; the outsider did not.
    const served = await f.send(f.org.adminKey, 'POST', '/api/v1/interactions', {
      customerId, type: 'delivery', channel: 'offline', touchpoint: '送货上门', employeeId: f.people.courier.id, occurredAt: new Date(t.clock.now()).toISOString(),
    });
    expect(served.statusCode, served.body).toBe(201);
    const byName = (await search(f.people.courier.key, '李')).json().items;
    expect(byName).toEqual([expect.objectContaining({ id: customerId, name: '李先生', phone: '138****5678' })]);
    expect((await search(f.people.courier.key, '5678')).json().items.map((c: { id: string }) => c.id)).toEqual([customerId]);
    // Out of scope: a name or a few digits find nothing, the whole number (any format) does.
    expect((await search(f.people.outsider.key, '李')).json().items).toEqual([]);
    expect((await search(f.people.outsider.key, '5678')).json().items).toEqual([]);
    const whole = (await search(f.people.outsider.key, '138 1234 5678')).json().items;
    expect(whole).toEqual([expect.objectContaining({ id: customerId, phone: '138****5678' })]);
    const [admin] = (await search(f.org.adminKey, '13812345678')).json().items;
    expect(admin.phone).toBe('+86 138-1234-5678');
    const external = await f.query<{ external_id: string }>(`SELECT external_id FROM customers WHERE id = $1`, [customerId]);
    expect((await search(f.people.outsider.key, external[0]!.external_id.toUpperCase())).json().items.map((c: { id: string }) => c.id)).toEqual([customerId]);
    // LIKE wildcards are literal.
    expect((await search(f.people.courier.key, '%')).json().items).toEqual([]);
    expect((await search(f.people.courier.key, '')).statusCode).toBe(400);
  });
});
