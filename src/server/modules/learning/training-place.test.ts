import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendLedgerEntry } from '../recognition/index.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildLearningFixture, type LearningFixture } from './learning.fixtures.ts';

let t: TestApp;
let f: LearningFixture;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildLearningFixture(t);
});
afterAll(() => t.close());

const givePoints = (employeeId: string, delta: number) =>
  t.ctx.db.tenant(f.org.orgId, (tx) => appendLedgerEntry(tx, t.clock, { employeeId, delta, reason: 'test', sourceType: 'manual', sourceId: randomUUID() }));

describe('a reward that is a training place', () => {
  it('enrols the person on the learning item once their redemption is approved, and not when it is rejected', async () => {
    const course = await f.item('specialist', '服务设计认证课程');
    const reward = await f.ok(f.org.adminKey, 'POST', '/api/v1/rewards', { name: '服务设计课程名额', nameEn: 'A place on the service design course', kind: 'training', cost: 200, learningItemId: course.id }, 201);
    expect(reward.learningItemId).toBe(course.id);
    const listed = (await f.ok(f.cashier1.key, 'GET', '/api/v1/rewards', undefined, 200)).items;
    expect(listed.find((r: { id: string }) => r.id === reward.id).learningItemId).toBe(course.id);

    await givePoints(f.cashier1.id, 500);
    await givePoints(f.clerk.id, 500);
    const mine = await f.ok(f.cashier1.key, 'POST', '/api/v1/redemptions', { rewardId: reward.id }, 201);
    const theirs = await f.ok(f.clerk.key, 'POST', '/api/v1/redemptions', { rewardId: reward.id }, 201);
    await t.ctx.events.drain();
    expect((await f.ok(f.cashier1.key, 'GET', '/api/v1/learning/me', undefined, 200)).items).toEqual([]);

    await f.ok(f.eastManager.key, 'POST', `/api/v1/redemptions/${mine.id}/decision`, { decision: 'approve' }, 200);
    await f.ok(f.eastManager.key, 'POST', `/api/v1/redemptions/${theirs.id}/decision`, { decision: 'reject' }, 200);
    await t.ctx.events.drain();

    const me = await f.ok(f.cashier1.key, 'GET', '/api/v1/learning/me', undefined, 200);
    expect(me.items).toEqual([expect.objectContaining({ item: expect.objectContaining({ id: course.id }), assigned: true, status: 'to_do' })]);
    expect((await f.ok(f.clerk.key, 'GET', '/api/v1/learning/me', undefined, 200)).items).toEqual([]);
    const [enrolment] = (await f.ok(f.org.adminKey, 'GET', `/api/v1/learning/assignments?itemId=${course.id}`, undefined, 200)).items;
    expect(enrolment).toMatchObject({ employeeId: f.cashier1.id, source: 'reward', people: 1, canWithdraw: true });
    // The manager sees the place (their person) but only an admin may take it back: it was paid for in points.
    const seen = (await f.ok(f.eastManager.key, 'GET', `/api/v1/learning/assignments?itemId=${course.id}`, undefined, 200)).items;
    expect(seen).toEqual([expect.objectContaining({ id: enrolment.id, canWithdraw: false })]);
  });

  it('refuses a reward that names an unknown learning item, and may be unlinked', async () => {
    const bad = await f.send(f.org.adminKey, 'POST', '/api/v1/rewards', { name: '名额', nameEn: 'Place', kind: 'training', cost: 10, learningItemId: randomUUID() });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'invalid_reference']);
    const course = await f.item('all_staff', '同理心工作坊');
    const reward = await f.ok(f.org.adminKey, 'POST', '/api/v1/rewards', { name: '工作坊名额', nameEn: 'Workshop place', kind: 'training', cost: 50, learningItemId: course.id }, 201);
    const unlinked = await f.ok(f.org.adminKey, 'PATCH', `/api/v1/rewards/${reward.id}`, { learningItemId: null }, 200);
    expect(unlinked.learningItemId).toBeNull();
    const renamed = await f.ok(f.org.adminKey, 'PATCH', `/api/v1/rewards/${reward.id}`, { cost: 60 }, 200);
    expect(renamed).toMatchObject({ cost: 60, learningItemId: null });
  });
});
