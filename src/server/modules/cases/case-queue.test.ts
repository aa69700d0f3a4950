import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildCasesFixture, type CasesFixture } from './cases.fixtures.ts';

let t: TestApp;
let f: CasesFixture;
let customerId: string;
/** Store colleagues of the courier, each with their own key. */
let crew: Array<{ id: string; key: string }>;
/** An employee of the region itself, above the store. */
let regionClerk: { id: string; key: string };

beforeAll(async () => {
  t = await createTestApp();
  f = await buildCasesFixture(t);
  customerId = await f.customer();
  crew = [];
  for (let i = 0; i < 11; i += 1) crew.push(await f.person(`clerk-${i}`, f.units.store, { limit: 100 }, f.people.storeManager.id));
  regionClerk = await f.person('region-clerk', f.units.region, { limit: 100 }, f.people.regional.id);
});
afterAll(() => t.close());

/** A case in the store's queue, captured by the outsider (another store) and owned by nobody. */
async function queuedCase(description = '门店意见卡：排队太久'): Promise<string> {
  const res = await f.send(f.people.outsider.key, 'POST', '/api/v1/cases', { customerId, description, unitId: f.units.store });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
const unowned = async (key: string) => {
  const res = await f.send(key, 'GET', '/api/v1/cases?unowned=true&limit=500');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((c: { id: string }) => c.id) as string[];
};

describe('the queue of unowned cases', () => {
  it('shows a case nobody owns to its unit and up the tree, and to nobody elsewhere', async () => {
    const id = await queuedCase();
    for (const key of [f.people.courier.key, crew[0]!.key, regionClerk.key, f.people.storeManager.key, f.people.regional.key, f.people.ceo.key, f.org.adminKey]) {
      expect(await unowned(key), key).toContain(id);
    }
    // The outsider captured it, so they follow it, but it is not in their unit's queue.
    expect(await unowned(f.people.outsider.key)).toContain(id);
    const stranger = await f.person('stranger', f.units.otherStore, { limit: 100 }, f.people.ceo.id);
    expect(await unowned(stranger.key)).not.toContain(id);
    expect((await f.send(stranger.key, 'GET', `/api/v1/cases/${id}`)).statusCode).toBe(404);
    expect((await f.act(stranger.key, id, { type: 'claim' })).statusCode).toBe(404);
    // Working on a queued case starts with claiming it.
    const early = await f.act(crew[0]!.key, id, { type: 'acknowledge' });
    expect([early.statusCode, early.json().error.code]).toEqual([403, 'claim_first']);
    // An owned case is no longer queued, and a store employee does not see their colleague's cases.
    expect((await f.act(f.people.courier.key, id, { type: 'claim' })).statusCode).toBe(200);
    expect(await unowned(crew[0]!.key)).not.toContain(id);
    expect((await f.send(crew[0]!.key, 'GET', `/api/v1/cases/${id}`)).statusCode).toBe(404);
  });

  it('gives each case to exactly one of many simultaneous claims; the others get 409 already_owned', async () => {
    const claimers = [f.people.courier, ...crew, regionClerk, f.people.storeManager];
    for (let round = 0; round < 3; round += 1) {
      const id = await queuedCase(`round ${round}`);
      const answers = await Promise.all(claimers.map((p) => f.act(p.key, id, { type: 'claim' })));
      const won = answers.flatMap((res, n) => (res.statusCode === 200 ? [claimers[n]!.id] : []));
      expect(won, answers.map((a) => a.body).join('\n')).toHaveLength(1);
      const lost = answers.filter((res) => res.statusCode !== 200);
      expect(lost.map((res) => [res.statusCode, res.json().error.code])).toEqual(lost.map(() => [409, 'already_owned']));
      const [row] = await f.query<{ owner_id: string }>(`SELECT owner_id FROM cases WHERE id = $1`, [id]);
      expect(row!.owner_id).toBe(won[0]);
      const claims = await f.query(`SELECT 1 FROM case_events WHERE case_id = $1 AND type = 'claimed'`, [id]);
      expect(claims).toHaveLength(1);
      // The unit hears who took it (everyone in the store but the winner), exactly once each.
      const told = await f.query<{ employee_id: string }>(`SELECT employee_id FROM notifications WHERE case_id = $1 AND kind = 'case.claimed'`, [id]);
      const store = [f.people.storeManager, f.people.courier, ...crew].map((p) => p.id).filter((p) => p !== won[0]);
      expect(told.map((n) => n.employee_id).sort()).toEqual(store.sort());
    }
  });

  it('puts the open cases of an owner who left back in the queue, and a claim takes them over', async () => {
    const leaver = await f.person('leaver', f.units.store, { limit: 100 }, f.people.storeManager.id);
    const c = (await f.send(leaver.key, 'POST', '/api/v1/cases', { customerId, description: '客户投诉尚未处理' })).json();
    expect(c.ownerId).toBe(leaver.id);
    expect(await unowned(crew[1]!.key)).not.toContain(c.id);
    const left = await f.send(f.org.adminKey, 'PATCH', `/api/v1/employees/${leaver.id}`, { leftAt: new Date(t.clock.now()).toISOString() });
    expect([left.statusCode, typeof left.json().leftAt]).toEqual([200, 'string']);
    expect(await unowned(crew[1]!.key)).toContain(c.id);
    const claimed = await f.act(crew[1]!.key, c.id, { type: 'claim' });
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect(claimed.json().case.ownerId).toBe(crew[1]!.id);
    expect(claimed.json().case.timeline.at(-1)).toMatchObject({ type: 'claimed', data: { ownerId: crew[1]!.id, fromOwnerId: leaver.id } });
    // Nobody can claim it from its new, present owner.
    const again = await f.act(f.people.storeManager.key, c.id, { type: 'claim' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'already_owned']);
    // A closed case is not claimable.
    const closed = await queuedCase('已解决的');
    await f.act(f.org.adminKey, closed, { type: 'close', rootCause: 'delivery.late' });
    expect((await f.act(crew[2]!.key, closed, { type: 'claim' })).json().error.code).toBe('invalid_transition');
  });
});

describe('hand-over', () => {
  it('passes a case to a colleague or a unit’s queue with a note on the timeline; only the owner or a manager may', async () => {
    const c = (await f.send(f.people.courier.key, 'POST', '/api/v1/cases', { customerId, description: '需要配送组长跟进' })).json();
    // A colleague in the unit may try to claim it (and learns it has an owner), but cannot take it.
    const notMine = await f.act(crew[3]!.key, c.id, { type: 'claim' });
    expect([notMine.statusCode, notMine.json().error.code]).toEqual([409, 'already_owned']);
    const byOther = await f.act(f.people.outsider.key, c.id, { type: 'hand_over', ownerId: f.people.outsider.id, note: '我来' });
    expect(byOther.statusCode).toBe(404);

    const handed = await f.act(f.people.courier.key, c.id, { type: 'hand_over', ownerId: crew[4]!.id, note: '我今天休息，请帮忙联系客户' });
    expect(handed.statusCode, handed.body).toBe(200);
    expect(handed.json().case).toMatchObject({ ownerId: crew[4]!.id, unitId: f.units.store });
    expect(handed.json().case.timeline.at(-1)).toMatchObject({
      type: 'handed_over', actorEmployeeId: f.people.courier.id, data: { fromOwnerId: f.people.courier.id, toOwnerId: crew[4]!.id, note: '我今天休息，请帮忙联系客户' },
    });
    expect(await f.query(`SELECT kind FROM notifications WHERE case_id = $1 AND employee_id = $2`, [c.id, crew[4]!.id])).toEqual([{ kind: 'case.handed_over' }]);
    // The courier captured it and still follows it, but is no longer its owner.
    const notOwner = await f.act(f.people.courier.key, c.id, { type: 'hand_over', ownerId: crew[5]!.id, note: '再转' });
    expect([notOwner.statusCode, notOwner.json().error.code]).toEqual([403, 'not_owner']);
    // A manager reassigns it to another store's queue.
    const toQueue = await f.act(f.people.ceo.key, c.id, { type: 'hand_over', unitId: f.units.otherStore, note: '客户搬家了，由天河门店跟进' });
    expect(toQueue.json().case).toMatchObject({ ownerId: null, unitId: f.units.otherStore });
    expect(await unowned(f.people.outsider.key)).toContain(c.id);

    for (const [body, status] of [
      [{ type: 'hand_over', note: '没有目标' }, 400],
      [{ type: 'hand_over', ownerId: crew[5]!.id, unitId: f.units.store, note: '两个' }, 400],
      [{ type: 'hand_over', ownerId: crew[5]!.id }, 400],
      [{ type: 'hand_over', ownerId: '00000000-0000-4000-8000-000000000000', note: '谁' }, 404],
    ] as const) {
      expect((await f.act(f.people.ceo.key, c.id, body)).statusCode, JSON.stringify(body)).toBe(status);
    }
  });
});
