import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.ts';
import { DAY } from '../../platform/clock.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildGovernanceOrg, sender, type GovernanceOrg } from './governance.fixtures.ts';
import { governanceDigest } from './index.ts';

let t: TestApp;
let g: GovernanceOrg;
let send: ReturnType<typeof sender>;
const at = (days: number) => new Date(t.clock.now().getTime() + days * DAY);
const day = (days: number) => at(days).toISOString().slice(0, 10);
const actor = (role: Actor['role'], employeeId: string | null): Actor => ({ orgId: g.org.orgId, kind: 'api_key', id: 'digest-test', role, employeeId });

/** A session scheduled `scheduledDays` from now, logged `heldDays` from now unless null. */
async function session(key: string, employeeId: string, kind: string, scheduledDays: number, heldDays: number | null, learnings = '') {
  const created = await send(key, 'POST', '/api/v1/listening-sessions', { employeeId, kind, scheduledAt: at(scheduledDays).toISOString() });
  expect(created.statusCode, created.body).toBe(201);
  if (heldDays !== null) {
    const logged = await send(key, 'POST', `/api/v1/listening-sessions/${created.json().id}/log`, { learnings, heldAt: at(heldDays).toISOString() });
    expect(logged.statusCode, logged.body).toBe(200);
  }
  return created.json().id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  send = sender(t);
  g = await buildGovernanceOrg(t);
  const admin = g.org.adminKey;
  const meeting = await send(admin, 'POST', '/api/v1/committee/meetings', {
    at: at(-10).toISOString(),
    decisions: [
      { title: '晚班配送试点', ownerId: g.storeManager.employeeId, dueOn: day(-5) },
      { title: '更新退款话术', dueOn: day(-3) },
      { title: '明年再议', dueOn: day(60) },
      { title: '取消会员费', dueOn: day(-4), status: 'dropped' },
    ],
  });
  expect(meeting.statusCode, meeting.body).toBe(201);
  const refund = meeting.json().decisions.find((d: { title: string }) => d.title === '更新退款话术');
  await send(admin, 'PATCH', `/api/v1/committee/decisions/${refund.id}`, { status: 'done' });
  await send(admin, 'POST', '/api/v1/committee/meetings', { at: at(-45).toISOString() });

  await session(admin, g.storeManager.employeeId, 'customer_call', -20, -20, '客户希望配送时间更准，电话 13700002222');
  await session(admin, g.otherManager.employeeId, 'store_visit', -8, -7, 'Queues at the till at lunchtime; write to jane@example.com');
  await session(admin, g.otherManager.employeeId, 'store_visit', -6, null); // planned, past its time
  const cancelled = await session(admin, g.storeManager.employeeId, 'frontline_shift', -3, null);
  await send(admin, 'PATCH', `/api/v1/listening-sessions/${cancelled}`, { status: 'cancelled' });
  await session(admin, g.storeManager.employeeId, 'customer_call', -50, -50, '上上个月的'); // before the range
  await session(admin, g.storeManager.employeeId, 'customer_meeting', 5, null); // planned, still ahead
});
afterAll(() => t.close());

describe('governanceDigest', () => {
  it('sums up listening, meetings and the decisions due or done in the range, with learnings redacted', async () => {
    const digest = await governanceDigest(t.ctx, actor('admin', null), { from: at(-30), to: at(10) });
    expect(digest.listening).toMatchObject({ done: 2, planned: 4, overdue: 1, byKind: { customer_call: 1, frontline_shift: 0, store_visit: 1, customer_meeting: 0 } });
    expect(digest.listening.highlights.map((h) => [h.employeeName, h.kind, h.learnings])).toEqual([
      ['罗店长', 'store_visit', 'Queues at the till at lunchtime; write to [邮箱]'],
      ['陈店长', 'customer_call', '客户希望配送时间更准，电话 [电话]'],
    ]);
    expect(digest.meetings).toEqual([{ id: expect.any(String), at: at(-10).toISOString(), decisionCount: 4 }]);
    expect(digest.decisionsDue).toEqual([
      { title: '晚班配送试点', ownerName: '陈店长', dueAt: day(-5), status: 'open', overdue: true },
      { title: '更新退款话术', ownerName: null, dueAt: day(-3), status: 'done', overdue: false },
    ]);
  });

  it('runs with the reader’s scope, and is empty for someone who may not see governance', async () => {
    const manager = await governanceDigest(t.ctx, actor('manager', g.otherManager.employeeId), { from: at(-30), to: at(10) });
    expect(manager.listening).toMatchObject({ done: 1, planned: 2, overdue: 1 });
    expect(manager.decisionsDue).toHaveLength(2);
    const clerk = await governanceDigest(t.ctx, actor('employee', g.clerk.employeeId), { from: at(-30), to: at(10) });
    expect(clerk).toEqual({
      listening: { done: 0, planned: 0, overdue: 0, byKind: { customer_call: 0, frontline_shift: 0, store_visit: 0, customer_meeting: 0 }, highlights: [] },
      meetings: [],
      decisionsDue: [],
    });
  });
});
