import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildGovernanceOrg, sender, type GovernanceOrg } from './governance.fixtures.ts';

// The session the web app reads (/auth/login, /auth/me) says which governance bodies the person belongs to, and the
// web app opens the committee and listening pages by it. This holds the session to the governance API's own answer:
// whoever the session calls a member is served the committee (or listening), and whoever it does not, as an
// employee, is refused.

let t: TestApp;
let g: GovernanceOrg;
let send: ReturnType<typeof sender>;
let ip = 0;

beforeAll(async () => {
  t = await createTestApp();
  send = sender(t);
  g = await buildGovernanceOrg(t);
});
afterAll(() => t.close());

/** A password login for the employee with the role; its session cookie. */
async function loginAs(employeeId: string, role: 'employee' | 'manager') {
  const creds = await buildUser(t.ctx, g.org, role, employeeId);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: creds, remoteAddress: `10.9.0.${++ip}` });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return { cookie, memberships: res.json().memberships as { committee: boolean; listening: boolean } };
}

const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const membershipsOf = async (cookie: string) => (await get(cookie, '/api/v1/auth/me')).json().memberships;
/** What the committee and listening APIs answer the session: 200 or 403 each. */
const served = async (cookie: string) => ({
  committee: (await get(cookie, '/api/v1/committee/meetings')).statusCode,
  listening: (await get(cookie, '/api/v1/listening-sessions')).statusCode,
});

describe('governance memberships in the session', () => {
  it('tells an employee on the committee, on the rotation or on neither what the governance API then serves them', async () => {
    const admin = g.org.adminKey;
    const chair = await loginAs(g.ceo.employeeId, 'employee');
    const clerk = await loginAs(g.clerk.employeeId, 'employee');
    expect(chair.memberships).toEqual({ committee: false, listening: false });
    expect(await served(chair.cookie)).toEqual({ committee: 403, listening: 403 });

    // Seated on the committee: the next /auth/me (a reload) says so, and both APIs serve them.
    expect((await send(admin, 'POST', '/api/v1/committee/members', { employeeId: g.ceo.employeeId, role: 'chair' })).statusCode).toBe(201);
    expect(await membershipsOf(chair.cookie)).toEqual({ committee: true, listening: true });
    expect(await served(chair.cookie)).toEqual({ committee: 200, listening: 200 });
    expect((await loginAs(g.ceo.employeeId, 'employee')).memberships).toEqual({ committee: true, listening: true });

    // On the rotation only: listening, not the committee.
    expect(await membershipsOf(clerk.cookie)).toEqual({ committee: false, listening: false });
    expect(await served(clerk.cookie)).toEqual({ committee: 403, listening: 403 });
    const rotation = await send(admin, 'POST', '/api/v1/listening/rotation', { employeeId: g.clerk.employeeId, kind: 'frontline_shift', everyWeeks: 8 });
    expect(rotation.statusCode, rotation.body).toBe(201);
    expect(await membershipsOf(clerk.cookie)).toEqual({ committee: false, listening: true });
    expect(await served(clerk.cookie)).toEqual({ committee: 403, listening: 200 });

    // Taken off the committee: the session stops saying so as the API stops serving.
    expect((await send(admin, 'DELETE', `/api/v1/committee/members/${g.ceo.employeeId}`)).statusCode).toBe(204);
    expect(await membershipsOf(chair.cookie)).toEqual({ committee: false, listening: false });
    expect(await served(chair.cookie)).toEqual({ committee: 403, listening: 403 });
  });

  it('reports a manager’s memberships as facts, though the role alone opens the pages', async () => {
    const manager = await loginAs(g.otherManager.employeeId, 'manager');
    expect(manager.memberships).toEqual({ committee: false, listening: false });
    expect(await served(manager.cookie)).toEqual({ committee: 200, listening: 200 });
  });

  it('counts no one a member without an employee record (an administrator’s account of its own)', async () => {
    const creds = await buildUser(t.ctx, g.org, 'admin');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: creds, remoteAddress: `10.9.1.${++ip}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().memberships).toEqual({ committee: false, listening: false });
  });
});
