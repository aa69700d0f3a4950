import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../platform/clock.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { DEMO_PASSWORD } from './demo-org.ts';
import { seedDemo } from './seed-demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx);
  await t.ctx.events.drain();
});
afterAll(() => t.close());

async function get(email: string, url: string) {
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD, org: 'demo' } });
  expect(login.statusCode).toBe(200);
  const res = await t.app.inject({ url, headers: { cookie: login.headers['set-cookie'] as string } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const admin = (url: string) => get('admin@demo.lodestar.local', url);

describe('demo committee and executive listening', () => {
  it('has a committee chaired by the chief executive, two past meetings with decisions in every state and the next one ahead', async () => {
    const members = (await admin('/api/v1/committee/members')).items;
    expect(members.slice(0, 2).map((m: { name: string; role: string }) => [m.name, m.role])).toEqual([
      ['郭振华', 'chair'],
      ['林晓雯', 'cxo'],
    ]);
    expect(members).toHaveLength(5);
    const meetings: { id: string; at: string; decisionCount: number }[] = (await admin('/api/v1/committee/meetings')).items;
    const now = t.clock.now().getTime();
    expect(meetings.filter((m) => new Date(m.at).getTime() < now)).toHaveLength(2);
    expect(meetings.filter((m) => new Date(m.at).getTime() > now)).toHaveLength(1);
    const past = await admin(`/api/v1/committee/meetings/${meetings[1]!.id}`);
    expect(past.minutes.length).toBeGreaterThan(50);
    expect(past.agenda.length).toBeGreaterThanOrEqual(3);
    const decisions: { status: string; overdue: boolean }[] = (await admin('/api/v1/committee/decisions')).items;
    expect(new Set(decisions.map((d) => d.status))).toEqual(new Set(['open', 'done', 'dropped']));
    expect(decisions.filter((d) => d.overdue)).toHaveLength(1);
  });

  it('has months of sessions logged in both languages, linked to ideas, a project and a case, and planned ones (two overdue)', async () => {
    const sessions: { status: string; overdue: boolean; learnings: string | null; heldAt: string | null; ideas: unknown[]; improvements: unknown[]; cases: unknown[] }[] = (await admin('/api/v1/listening-sessions'))
      .items;
    const held = sessions.filter((s) => s.status === 'done');
    expect(held.length).toBeGreaterThanOrEqual(15);
    expect(held.some((s) => /[\u4e00-\u9fff]/.test(s.learnings!))).toBe(true);
    expect(held.some((s) => /^[\x20-\x7e’]+$/.test(s.learnings!))).toBe(true);
    const oldest = Math.min(...held.map((s) => new Date(s.heldAt!).getTime()));
    expect(t.clock.now().getTime() - oldest).toBeGreaterThan(120 * DAY);
    expect(held.filter((s) => s.ideas.length > 0).length).toBeGreaterThanOrEqual(3);
    expect(held.some((s) => s.improvements.length > 0)).toBe(true);
    expect(held.some((s) => s.cases.length > 0)).toBe(true);
    expect(held.some((s) => s.learnings!.includes('[电话]'))).toBe(true); // the admin reads the store manager's learnings masked
    const planned = sessions.filter((s) => s.status === 'planned');
    expect(planned.filter((s) => s.overdue)).toHaveLength(2);
    expect(planned.filter((s) => !s.overdue).length).toBeGreaterThanOrEqual(4);

    // The store manager whose call is overdue sees it on the workbench.
    const due = await get('xuhui.manager@demo.lodestar.local', '/api/v1/listening/my-due');
    expect(due.sessions).toHaveLength(1);
    expect(due.rotations.map((r: { kind: string }) => r.kind)).toEqual(['customer_call']);
  });

  it('has an employee login on the committee: her session says so, and she reads the committee and her own overdue call', async () => {
    const analyst = 'he.jing@demo.lodestar.local';
    const me = await get(analyst, '/api/v1/auth/me');
    expect([me.user.role, me.user.name, me.memberships]).toEqual(['employee', '何静', { committee: true, listening: true }]);
    expect((await get(analyst, '/api/v1/committee/meetings')).items.length).toBe(3);
    const own: { employeeName: string; status: string; overdue: boolean }[] = (await get(analyst, '/api/v1/listening-sessions')).items;
    expect(own.map((s) => [s.employeeName, s.status, s.overdue])).toEqual([['何静', 'planned', true]]);
    expect((await get(analyst, '/api/v1/listening/my-due')).sessions).toHaveLength(1);
    // The demo's other employees sit on neither.
    expect((await get('wang.fang@demo.lodestar.local', '/api/v1/auth/me')).memberships).toEqual({ committee: false, listening: false });
  });

  it('suggests a customer voice for the next meeting and counts coverage with silent and overdue people', async () => {
    const meetings: { id: string; at: string }[] = (await admin('/api/v1/committee/meetings')).items;
    const voice = await admin(`/api/v1/committee/meetings/${meetings[0]!.id}/customer-voice`);
    expect(voice.verbatims).toHaveLength(3);
    expect(voice.rootCauses.length).toBeGreaterThan(0);
    expect(voice.openImprovements.length).toBeGreaterThan(0);

    const from = new Date(t.clock.now().getTime() - 365 * DAY).toISOString();
    const coverage = await admin(`/api/v1/listening/coverage?from=${from}&to=${t.clock.now().toISOString()}`);
    const row = (name: string) => coverage.rows.find((r: { name: string }) => r.name === name);
    expect(row('何静')).toMatchObject({ committeeRole: 'member', sessions: 0, lastAt: null });
    expect(row('林晓雯').sessions).toBeGreaterThanOrEqual(6);
    expect(row('郭振华').overdue).toBe(true); // monthly customer calls, the last three months ago
  });
});
