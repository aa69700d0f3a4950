import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR } from '../../platform/clock.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildCasesFixture, DEFAULT_RULE, type CasesFixture } from './cases.fixtures.ts';
import { flagOverdueExemptionReports } from './index.ts';

let t: TestApp;
let f: CasesFixture;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildCasesFixture(t);
  await f.rule(DEFAULT_RULE);
});
afterAll(() => t.close());

async function openCase(): Promise<string> {
  const [c] = await f.casesFor(await f.respond({ nps: 1 }));
  return c!.id;
}
const ledger = (caseId: string) =>
  f.query<{ employee_id: string; amount: string; approved_by: string | null }>(`SELECT employee_id, amount::text, approved_by FROM compensations WHERE case_id = $1 ORDER BY created_at`, [caseId]);
const compensate = (key: string, caseId: string, amount: number, extra: object = {}) => f.act(key, caseId, { type: 'compensate', amount, currency: 'CNY', kind: 'refund', ...extra });

describe('compensation within authority', () => {
  it('grants within the limit at once and records it in the ledger per case, employee and unit', async () => {
    const id = await openCase();
    const res = await compensate(f.people.courier.key, id, 150);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'executed', compensationId: expect.any(String), case: { status: 'in_progress' } });
    expect(await ledger(id)).toEqual([{ employee_id: f.people.courier.id, amount: '150.00', approved_by: null }]);
    const listed = (await f.send(f.people.storeManager.key, 'GET', `/api/v1/compensations?unitId=${f.units.store}`)).json().items;
    expect(listed.some((c: { caseId: string; amount: number }) => c.caseId === id && c.amount === 150)).toBe(true);
    expect((await f.send(f.people.outsider.key, 'GET', `/api/v1/compensations?caseId=${id}`)).json().items).toEqual([]);
  });

  it('pays once when a compensation is retried with its Idempotency-Key, and refuses the key for another request', async () => {
    const id = await openCase();
    const body = { type: 'compensate', amount: 80, currency: 'CNY', kind: 'refund' };
    const send = (key: string, payload: object, caseId = id) =>
      t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/actions`, headers: { authorization: `Bearer ${f.people.courier.key}`, 'idempotency-key': key }, payload });
    const first = await send('pay-1', body);
    const retry = await send('pay-1', body);
    expect(first.statusCode, first.body).toBe(200);
    expect([retry.statusCode, retry.json().compensationId]).toEqual([200, first.json().compensationId]);
    expect(await ledger(id)).toHaveLength(1);
    const other = await send('pay-1', { ...body, amount: 90 });
    expect([other.statusCode, other.json().error.code]).toEqual([422, 'idempotency_conflict']);
    // Above authority: the retry gets the same pending approval, not a second request.
    const big = { ...body, amount: 900 };
    const asked = await send('pay-2', big);
    const askedAgain = await send('pay-2', big);
    expect([asked.statusCode, askedAgain.statusCode, askedAgain.json().approvalId]).toEqual([202, 202, asked.json().approvalId]);
    expect(await f.query(`SELECT id FROM approval_requests WHERE case_id = $1`, [id])).toHaveLength(1);
    // Concurrent twins: one acts, the other waits on the case and replays it.
    const twins = await Promise.all([send('pay-3', { type: 'note', text: '已联系客户' }), send('pay-3', { type: 'note', text: '已联系客户' })]);
    expect(twins.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(await f.query(`SELECT 1 FROM case_events WHERE case_id = $1 AND type = 'note' AND data->>'text' = '已联系客户'`, [id])).toHaveLength(1);
  });

  it('counts what the case already received: a second grant beyond the per-case limit needs approval', async () => {
    const id = await openCase();
    expect((await compensate(f.people.courier.key, id, 150)).statusCode).toBe(200);
    const second = await compensate(f.people.courier.key, id, 100);
    expect([second.statusCode, second.json().status]).toEqual([202, 'pending']);
    expect(await ledger(id)).toHaveLength(1);
  });

  it('routes an over-limit request to the nearest manager who can cover it; only they or someone above may decide', async () => {
    const id = await openCase();
    const res = await compensate(f.people.courier.key, id, 5000, { note: '整单退款' });
    expect(res.statusCode).toBe(202);
    const { approvalId } = res.json();
    // The store manager (2,000) cannot cover 5,000: the request goes to the regional manager (10,000).
    const inbox = (await f.send(f.people.regional.key, 'GET', '/api/v1/approvals?status=pending')).json().items;
    expect(inbox.map((a: { id: string }) => a.id)).toContain(approvalId);
    expect(inbox.find((a: { id: string }) => a.id === approvalId)).toMatchObject({ approverId: f.people.regional.id, requestedBy: f.people.courier.id, amount: 5000 });
    expect((await f.send(f.people.storeManager.key, 'GET', '/api/v1/approvals')).json().items.map((a: { id: string }) => a.id)).not.toContain(approvalId);
    const events = await f.query<{ payload: { approverId: string } }>(`SELECT payload FROM outbox_events WHERE name = 'approval.requested' AND payload->>'approvalId' = $1`, [approvalId]);
    expect(events[0]!.payload.approverId).toBe(f.people.regional.id);

    for (const key of [f.people.courier.key, f.people.storeManager.key]) {
      const denied = await f.act(key, id, { type: 'approve', approvalId });
      expect([denied.statusCode, denied.json().error.code]).toEqual([403, 'not_approver']);
    }
    expect((await f.act(f.people.outsider.key, id, { type: 'approve', approvalId })).statusCode).toBe(404);
    expect(await ledger(id)).toEqual([]);
    const approved = await f.send(f.people.regional.key, 'POST', `/api/v1/approvals/${approvalId}/decision`, { decision: 'approve', note: '同意' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', compensationId: expect.any(String) });
    expect(await ledger(id)).toEqual([{ employee_id: f.people.courier.id, amount: '5000.00', approved_by: f.people.regional.id }]);
    const twice = await f.act(f.people.ceo.key, id, { type: 'approve', approvalId });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'approval_decided']);
    const types = (await f.send(f.org.adminKey, 'GET', `/api/v1/cases/${id}`)).json().timeline.map((e: { type: string }) => e.type);
    expect(types.slice(-3)).toEqual(['approval_requested', 'approved', 'compensated']);
  });

  it('lets someone above the routed approver decide, and rejecting executes nothing', async () => {
    const id = await openCase();
    const a = (await compensate(f.people.courier.key, id, 800)).json().approvalId;
    const b = (await compensate(f.people.courier.key, id, 900)).json().approvalId;
    expect((await f.act(f.people.ceo.key, id, { type: 'approve', approvalId: a })).json().status).toBe('approved');
    expect((await f.act(f.people.storeManager.key, id, { type: 'reject', approvalId: b, note: '金额过高' })).json().status).toBe('rejected');
    expect((await ledger(id)).map((r) => [r.amount, r.approved_by])).toEqual([['800.00', f.people.ceo.id]]);
  });

  it('answers 403 authority_exceeded when nobody up the tree can cover it, and refuses another currency', async () => {
    const id = await openCase();
    const tooMuch = await compensate(f.people.courier.key, id, 60000);
    expect([tooMuch.statusCode, tooMuch.json().error.code]).toEqual([403, 'authority_exceeded']);
    expect(tooMuch.json().error.details).toMatchObject({ limit: 200, currency: 'CNY' });
    const usd = await compensate(f.people.courier.key, id, 10, { currency: 'USD' });
    expect([usd.statusCode, usd.json().error.code, usd.json().error.details.expected]).toEqual([422, 'currency_mismatch', 'CNY']);
    // The courier may not grant an upgrade at all; the store manager may.
    const upgrade = await compensate(f.people.courier.key, id, 10, { kind: 'upgrade' });
    expect(upgrade.statusCode).toBe(202);
    expect(await ledger(id)).toEqual([]);
  });
});

describe('process exemption', () => {
  it('needs a position that allows it and gives a report due 24 h later', async () => {
    const id = await openCase();
    const noRight = await f.person('trainee', f.units.store, { limit: 50, exemption: false }, f.people.storeManager.id);
    await f.query(`UPDATE cases SET owner_id = $2 WHERE id = $1`, [id, noRight.id]);
    const denied = await f.act(noRight.key, id, { type: 'exempt', rule: '超区配送', reason: '客户行动不便' });
    expect([denied.statusCode, denied.json().error.code]).toEqual([403, 'exemption_not_allowed']);
    await f.query(`UPDATE cases SET owner_id = $2 WHERE id = $1`, [id, f.people.courier.id]);
    const res = await f.act(f.people.courier.key, id, { type: 'exempt', rule: '超区配送', reason: '客户行动不便，送到家门口' });
    expect(res.statusCode).toBe(200);
    expect(new Date(res.json().reportDueAt).getTime() - t.clock.now().getTime()).toBe(24 * HOUR);
  });

  it('flags an overdue report, escalates it to the manager with warning.raised, and lists it on the manager’s dashboard', async () => {
    const id = await openCase();
    const { exemptionId } = (await f.act(f.people.courier.key, id, { type: 'exempt', rule: '先退款后取件', reason: '客户急需' })).json();
    const onTime = await openCase();
    const other = (await f.act(f.people.courier.key, onTime, { type: 'exempt', rule: '延长营业', reason: '客户赶时间' })).json().exemptionId;
    t.clock.advance(23 * HOUR);
    const report = await f.send(f.people.courier.key, 'POST', `/api/v1/exemptions/${other}/report`, { report: '已延长 20 分钟，店长知悉' });
    expect(report.statusCode, report.body).toBe(200);
    const wrongPerson = await f.act(f.people.storeManager.key, id, { type: 'exemption_report', exemptionId, report: '代报' });
    expect([wrongPerson.statusCode, wrongPerson.json().error.code]).toEqual([403, 'not_exemption_owner']);
    expect(await flagOverdueExemptionReports(t.ctx)).toBe(0);

    t.clock.advance(2 * HOUR);
    expect(await flagOverdueExemptionReports(t.ctx)).toBeGreaterThanOrEqual(1);
    expect(await flagOverdueExemptionReports(t.ctx)).toBe(0);
    const overdue = (await f.send(f.people.storeManager.key, 'GET', '/api/v1/exemptions?overdue=true')).json().items;
    expect(overdue.map((x: { id: string }) => x.id)).toContain(exemptionId);
    expect(overdue.map((x: { id: string }) => x.id)).not.toContain(other);
    expect(overdue.find((x: { id: string }) => x.id === exemptionId)).toMatchObject({ isOverdue: true, escalatedTo: f.people.storeManager.id });
    expect((await f.send(f.people.outsider.key, 'GET', '/api/v1/exemptions?overdue=true')).json().items).toEqual([]);
    const warnings = await f.query<{ payload: { notify: string[]; kind: string } }>(`SELECT payload FROM outbox_events WHERE name = 'warning.raised' AND payload->>'exemptionId' = $1`, [exemptionId]);
    expect(warnings.map((w) => w.payload)).toEqual([expect.objectContaining({ kind: 'exemption_report_overdue', notify: [f.people.storeManager.id, f.people.courier.id] })]);
    const timeline = (await f.send(f.org.adminKey, 'GET', `/api/v1/cases/${id}`)).json().timeline;
    expect(timeline.at(-1)).toMatchObject({ type: 'exemption_report_overdue', data: { escalatedTo: f.people.storeManager.id } });
    const late = (await f.act(f.people.courier.key, id, { type: 'exemption_report', exemptionId, report: '补报' })).json();
    expect(late.case.timeline.at(-1)).toMatchObject({ type: 'exemption_reported', data: { isLate: true } });
  });
});
