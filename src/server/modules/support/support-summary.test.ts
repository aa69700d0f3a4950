import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../platform/clock.ts';
import { SUPPORT_MIN_GROUP } from '../../../contracts/support.ts';
import { bearer } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildSupportFixture, type Session, type SupportFixture } from './support.fixtures.ts';
import { caseDifficulty } from './index.ts';

let t: TestApp;
let f: SupportFixture;
let customerId: string;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildSupportFixture(t);
  customerId = await f.customer();
});
afterAll(() => t.close());

const capture = async (key: string, body: object = {}) => {
  const res = await f.send(key, 'POST', '/api/v1/cases', { customerId, description: '客户很生气', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};
/** Through a key: the summary holds aggregates only, and keys outlive the sessions these tests age past. */
const summary = (key: string) => f.send(key, 'GET', '/api/v1/support-requests/summary');

describe('hard-case flags', () => {
  it('lets someone who took part flag a case as hard, seen by them alone and never on the timeline', async () => {
    const id = await capture(f.people.courier.key);
    const flagged = await f.sessions.courier.send('POST', '/api/v1/hard-flags', { caseId: id, reason: 'abusive_customer' });
    expect(flagged.statusCode, flagged.body).toBe(201);
    expect(flagged.json()).toMatchObject({ caseId: id, reason: 'abusive_customer', caseTitle: '客户很生气' });
    expect((await f.sessions.courier.send('POST', '/api/v1/hard-flags', { caseId: id, reason: 'distressing' })).json().error.code).toBe('already_flagged');
    // A manager who can see the case but took no part in it cannot flag it; nobody else sees the flag.
    expect((await f.sessions.storeManager.send('POST', '/api/v1/hard-flags', { caseId: id, reason: 'distressing' })).statusCode).toBe(404);
    expect((await f.sessions.courier.send('GET', '/api/v1/hard-flags')).json().items.map((x: { caseId: string }) => x.caseId)).toEqual([id]);
    for (const other of [f.sessions.storeManager, f.sessions.ceoAdmin, f.sessions.regional]) {
      expect((await other.send('GET', '/api/v1/hard-flags')).json().items).toEqual([]);
      const c = await other.send('GET', `/api/v1/cases/${id}`);
      expect(c.body).not.toContain('abusive');
    }
    expect((await f.sessions.admin.send('GET', '/api/v1/hard-flags')).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/hard-flags', headers: bearer(f.people.courier.key) })).statusCode).toBe(403);
    expect((await f.sessions.courier.send('POST', '/api/v1/hard-flags', { caseId: id, reason: 'bored' })).statusCode).toBe(400);
    // After someone escalates it, the new owner took part too; the courier may withdraw theirs.
    await f.act(f.people.courier.key, id, { type: 'escalate', reason: '客户要求经理' });
    expect((await f.sessions.storeManager.send('POST', '/api/v1/hard-flags', { caseId: id, reason: 'long_escalation' })).statusCode).toBe(201);
    expect((await f.sessions.courier.send('DELETE', `/api/v1/hard-flags/${id}`)).statusCode).toBe(204);
    expect((await f.sessions.courier.send('DELETE', `/api/v1/hard-flags/${id}`)).statusCode).toBe(404);
  });
});

describe('what managers see', () => {
  it('counts support requests per unit only where at least the minimum asked, and shows employees nothing', async () => {
    expect(SUPPORT_MIN_GROUP).toBe(5);
    const crew: Session[] = [];
    for (let i = 0; i < 4; i += 1) {
      const p = await f.person(`crew-${i}`, f.units.store, f.people.storeManager.id);
      crew.push(await f.signIn('employee', p.id));
    }
    // Four requests from the store: suppressed. The fifth makes the group big enough.
    for (const s of crew) expect((await s.send('POST', '/api/v1/support-requests', { kind: 'break', note: 'NOTE-XYZ' })).statusCode).toBe(201);
    const four = (await summary(f.people.regional.key)).json();
    expect(four.units.find((u: { unitId: string }) => u.unitId === f.units.store)).toEqual(expect.objectContaining({ suppressed: true, count: null }));
    await f.sessions.courier.send('POST', '/api/v1/support-requests', { kind: 'talk', supporterId: f.people.storeManager.id, note: 'NOTE-XYZ' });
    await f.sessions.outsider.send('POST', '/api/v1/support-requests', { kind: 'talk', note: 'NOTE-XYZ' });

    const regional = await summary(f.people.regional.key);
    expect(regional.statusCode, regional.body).toBe(200);
    const units = regional.json().units as Array<{ unitId: string; suppressed: boolean; count: number | null }>;
    expect(units.map((u) => u.unitId).sort()).toEqual([f.units.region, f.units.store].sort()); // their subtree only
    expect(units.find((u) => u.unitId === f.units.store)).toMatchObject({ suppressed: false, count: 5 });
    expect(units.find((u) => u.unitId === f.units.region)).toMatchObject({ suppressed: true, count: null });
    const admin = (await f.sessions.ceoAdmin.send('GET', '/api/v1/support-requests/summary')).json();
    expect(admin.units.find((u: { unitId: string }) => u.unitId === f.units.otherStore)).toMatchObject({ suppressed: true, count: null }); // one request
    for (const body of [regional.body, JSON.stringify(admin)]) {
      for (const secret of ['NOTE-XYZ', 'break', 'talk', f.people.courier.id]) expect(body).not.toContain(secret);
    }
    // Employees see no summary.
    expect((await summary(f.people.courier.key)).statusCode).toBe(403);
    expect((await f.sessions.courier.send('GET', '/api/v1/support-requests/summary')).statusCode).toBe(403);
    // Old requests leave the window.
    t.clock.advance(91 * DAY);
    expect((await summary(f.people.regional.key)).json().units.every((u: { suppressed: boolean }) => u.suppressed)).toBe(true);
  });

  it('ranks the people in scope by open case load weighted by priority, escalations, hard flags and age', async () => {
    const heavy = await f.person('heavy', f.units.store, f.people.storeManager.id);
    const light = await f.person('light', f.units.store, f.people.storeManager.id);
    const heavySession = await f.signIn('employee', heavy.id);
    const urgent = await capture(heavy.key, { priority: 'urgent' });
    await capture(heavy.key, { priority: 'low' });
    await capture(light.key, { priority: 'high' });
    await f.act(heavy.key, urgent, { type: 'escalate' }); // moves it up to the store manager
    await f.act(f.people.storeManager.key, urgent, { type: 'hand_over', ownerId: heavy.id, note: '还是你最熟悉' });
    await heavySession.send('POST', '/api/v1/hard-flags', { caseId: urgent, reason: 'abusive_customer' });
    t.clock.advance(14 * DAY);

    const load = (await summary(f.people.storeManager.key)).json().caseLoad as Array<{ employeeId: string; openCases: number; hardCases: number; escalated: number; urgentOrHigh: number; load: number }>;
    const h = load.find((r) => r.employeeId === heavy.id)!;
    const l = load.find((r) => r.employeeId === light.id)!;
    expect(h).toMatchObject({ openCases: 2, urgentOrHigh: 1, escalated: 1, hardCases: 1, oldestOpenDays: 14 });
    // urgent 4 + one escalation 1 + hard 3 + two weeks 1; low 1 + two weeks 1.
    expect(h.load).toBe(11);
    expect(l.load).toBe(3 + 1);
    expect(load.indexOf(h)).toBeLessThan(load.indexOf(l));
    expect(JSON.stringify(load)).not.toContain('abusive');
    // The outsider works in another store: not in the store manager's view.
    expect(load.map((r) => r.employeeId)).not.toContain(f.people.outsider.id);
    expect(caseDifficulty({ priority: 'medium', escalationLevel: 0, createdAt: new Date(0) }, false, new Date(100 * 7 * DAY))).toBe(2 + 2);
  });

  it('changes no points, leaderboard or promotion figure when someone asks for support or flags a case', async () => {
    const snapshot = async () => ({
      ledger: await f.query(`SELECT employee_id, delta, source_type, source_id FROM points_ledger ORDER BY id`),
      balances: await f.query(`SELECT employee_id, balance, earned FROM points_balances ORDER BY employee_id`),
      readiness: (await f.send(f.org.adminKey, 'GET', `/api/v1/promotion-readiness/${f.people.storeManager.positionId}`)).body,
    });
    await f.send(f.org.adminKey, 'PUT', `/api/v1/promotion-criteria/${f.people.storeManager.positionId}`, { minImplementedIdeas: 0, minNps: null, minResponses: 0, minPraise: 0, minInsights: 1 });
    const id = await capture(f.people.courier.key);
    await t.ctx.events.drain();
    const before = await snapshot();
    expect(before.readiness).toContain(f.people.courier.id);
    const courier = await f.signIn('employee', f.people.courier.id);
    expect((await courier.send('POST', '/api/v1/hard-flags', { caseId: id, reason: 'distressing' })).statusCode).toBe(201);
    expect((await courier.send('POST', '/api/v1/support-requests', { caseId: id, kind: 'counselling', supporterId: f.people.storeManager.id })).statusCode).toBe(201);
    await t.ctx.events.drain();
    expect(await snapshot()).toEqual(before);
  });
});
