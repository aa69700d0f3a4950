import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../platform/clock.ts';
import { buildEmployeeWithKey } from '../../testing/factories.ts';
import { expectBadCursorsRefused, followPages, newestFirst } from '../../testing/paging.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildGovernanceOrg, sender, type GovernanceOrg } from './governance.fixtures.ts';

let t: TestApp;
let g: GovernanceOrg;
let send: ReturnType<typeof sender>;
const unknown = '00000000-0000-4000-8000-000000000000';
const at = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString();
const sql = <T>(text: string, params: unknown[] = []) => t.ctx.db.tenant(g.org.orgId, (tx) => tx.query<T>(text, [g.org.orgId, ...params]));

async function caseIn(unitId: string): Promise<string> {
  const now = t.clock.now();
  const [row] = await sql<{ id: string }>(
    `INSERT INTO cases (org_id, status, priority, source, title, unit_id, first_response_due_at, resolution_due_at, created_at, updated_at)
     VALUES ($1, 'new', 'high', 'employee', '客户反映排队太久', $2, $3, $3, $3, $3) RETURNING id`,
    [unitId, now],
  );
  return row!.id;
}

beforeAll(async () => {
  t = await createTestApp();
  send = sender(t);
  g = await buildGovernanceOrg(t);
  expect((await send(g.org.adminKey, 'POST', '/api/v1/committee/members', { employeeId: g.ceo.employeeId, role: 'chair' })).statusCode).toBe(201);
});
afterAll(() => t.close());

describe('rotation plan', () => {
  it('is written by admins, validated, and read within the reader’s scope', async () => {
    const admin = g.org.adminKey;
    const entry = await send(admin, 'POST', '/api/v1/listening/rotation', { employeeId: g.storeManager.employeeId, kind: 'customer_call', everyWeeks: 2 });
    expect(entry.statusCode, entry.body).toBe(201);
    expect(entry.json()).toMatchObject({ employeeName: '陈店长', kind: 'customer_call', everyWeeks: 2, lastAt: null, dueAt: at(14), overdue: false });
    expect((await send(admin, 'POST', '/api/v1/listening/rotation', { employeeId: g.otherManager.employeeId, kind: 'store_visit', everyWeeks: 4 })).statusCode).toBe(201);
    expect((await send(admin, 'POST', '/api/v1/listening/rotation', { employeeId: g.ceo.employeeId, kind: 'frontline_shift', everyWeeks: 12 })).statusCode).toBe(201);

    const dup = await send(admin, 'POST', '/api/v1/listening/rotation', { employeeId: g.storeManager.employeeId, kind: 'customer_call', everyWeeks: 3 });
    expect([dup.statusCode, dup.json().error.code]).toEqual([409, 'rotation_exists']);
    for (const body of [
      { employeeId: g.clerk.employeeId, kind: 'customer_call', everyWeeks: 0 },
      { employeeId: g.clerk.employeeId, kind: 'customer_call', everyWeeks: 53 },
      { employeeId: g.clerk.employeeId, kind: 'golf', everyWeeks: 2 },
      { employeeId: g.clerk.employeeId, kind: 'customer_call', everyWeeks: 1.5 },
    ]) {
      expect((await send(admin, 'POST', '/api/v1/listening/rotation', body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await send(admin, 'POST', '/api/v1/listening/rotation', { employeeId: unknown, kind: 'customer_call', everyWeeks: 2 })).statusCode).toBe(404);
    expect((await send(g.storeManager.key, 'POST', '/api/v1/listening/rotation', { employeeId: g.storeManager.employeeId, kind: 'store_visit', everyWeeks: 2 })).statusCode).toBe(403);

    const mine = (await send(g.storeManager.key, 'GET', '/api/v1/listening/rotation')).json().items;
    expect(mine.map((r: { employeeName: string }) => r.employeeName)).toEqual(['陈店长']);
    expect((await send(admin, 'GET', '/api/v1/listening/rotation')).json().items).toHaveLength(3);
    // The chair signs in as an employee: on the committee, they see their own plan only.
    expect((await send(g.ceo.key, 'GET', '/api/v1/listening/rotation')).json().items.map((r: { kind: string }) => r.kind)).toEqual(['frontline_shift']);
    const clerk = await send(g.clerk.key, 'GET', '/api/v1/listening/rotation');
    expect([clerk.statusCode, clerk.json().error.code]).toEqual([403, 'forbidden']);

    const changed = await send(admin, 'PATCH', `/api/v1/listening/rotation/${entry.json().id}`, { everyWeeks: 1 });
    expect(changed.json()).toMatchObject({ everyWeeks: 1, dueAt: at(7) });
  });
});

describe('listening sessions', () => {
  it('are scheduled on one’s own calendar (admins: anyone’s) and logged with the ideas, projects and cases they led to', async () => {
    const manager = g.storeManager.key;
    const planned = await send(manager, 'POST', '/api/v1/listening-sessions', { employeeId: g.storeManager.employeeId, kind: 'customer_call', scheduledAt: at(-2) });
    expect(planned.statusCode, planned.body).toBe(201);
    expect(planned.json()).toMatchObject({ status: 'planned', overdue: true, heldAt: null, learnings: null, ideas: [], cases: [] });
    expect((await send(manager, 'POST', '/api/v1/listening-sessions', { employeeId: g.clerk.employeeId, kind: 'customer_call', scheduledAt: at(1) })).statusCode).toBe(403);
    const visit = await send(g.org.adminKey, 'POST', '/api/v1/listening-sessions', { employeeId: g.otherManager.employeeId, kind: 'store_visit', unitId: g.otherStoreId, scheduledAt: at(3) });
    expect(visit.json()).toMatchObject({ unitName: '天河门店', overdue: false });
    for (const body of [
      { employeeId: g.storeManager.employeeId, kind: 'customer_call', scheduledAt: 'soon' },
      { employeeId: g.storeManager.employeeId, kind: 'lunch', scheduledAt: at(1) },
      { kind: 'customer_call', scheduledAt: at(1) },
    ]) {
      expect((await send(manager, 'POST', '/api/v1/listening-sessions', body)).statusCode).toBe(400);
    }
    const noUnit = await send(manager, 'POST', '/api/v1/listening-sessions', { employeeId: g.storeManager.employeeId, kind: 'store_visit', unitId: unknown, scheduledAt: at(1) });
    expect([noUnit.statusCode, noUnit.json().error.details.field]).toEqual([404, 'unitId']);
    expect((await send(g.clerk.key, 'POST', '/api/v1/listening-sessions', { employeeId: g.clerk.employeeId, kind: 'customer_call', scheduledAt: at(1) })).statusCode).toBe(403);

    const idea = (await send(g.org.adminKey, 'POST', '/api/v1/ideas', { title: '晚高峰加派骑手' })).json();
    const project = (await send(g.org.adminKey, 'POST', '/api/v1/improvement-projects', { title: '缩短排队' })).json();
    const ownCase = await caseIn(g.storeId);
    const foreignCase = await caseIn(g.otherStoreId);
    const id = planned.json().id;
    const log = (key: string, body: object) => send(key, 'POST', `/api/v1/listening-sessions/${id}/log`, body);
    const learnings = '客户说晚上七点后总是等不到配送，回电 13900001111';

    for (const [body, field] of [
      [{ learnings, ideaIds: [unknown] }, 'ideaIds'],
      [{ learnings, improvementIds: [unknown] }, 'improvementIds'],
      [{ learnings, caseIds: [foreignCase] }, 'caseIds'], // another store's case is out of this manager's scope
    ] as const) {
      const res = await log(manager, body);
      expect([res.statusCode, res.json().error.details?.field]).toEqual([404, field]);
    }
    expect((await log(manager, { learnings: '' })).statusCode).toBe(400);
    expect((await log(manager, { learnings, heldAt: at(1) })).statusCode).toBe(400);
    expect((await log(g.otherManager.key, { learnings })).statusCode).toBe(404); // not theirs, and outside their scope

    const logged = await log(manager, { learnings, heldAt: at(-1), ideaIds: [idea.id], improvementIds: [project.id], caseIds: [ownCase, ownCase] });
    expect(logged.statusCode, logged.body).toBe(200);
    expect(logged.json()).toMatchObject({
      status: 'done',
      overdue: false,
      heldAt: at(-1),
      learnings,
      ideas: [{ id: idea.id, title: '晚高峰加派骑手' }],
      improvements: [{ id: project.id, title: '缩短排队' }],
      cases: [{ id: ownCase, title: '客户反映排队太久' }],
    });
    // Others read the learnings with the phone number masked.
    const seenByAdmin = (await send(g.org.adminKey, 'GET', `/api/v1/listening-sessions?employeeId=${g.storeManager.employeeId}`)).json().items;
    expect(seenByAdmin[0].learnings).toBe('客户说晚上七点后总是等不到配送，回电 [电话]');

    expect((await send(manager, 'PATCH', `/api/v1/listening-sessions/${id}`, { status: 'cancelled' })).json().error.code).toBe('session_closed');
    const cancelled = await send(g.org.adminKey, 'PATCH', `/api/v1/listening-sessions/${visit.json().id}`, { status: 'cancelled' });
    expect(cancelled.json().status).toBe('cancelled');
    const late = await send(g.org.adminKey, 'POST', `/api/v1/listening-sessions/${visit.json().id}/log`, { learnings: 'x' });
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'session_closed']);

    const theirs = (await send(g.otherManager.key, 'GET', '/api/v1/listening-sessions')).json().items;
    expect(theirs.map((s: { employeeName: string }) => s.employeeName)).toEqual(['罗店长']);
  });

  it('counts coverage for everyone who should listen, zero sessions included, per quarter, with overdue flags', async () => {
    const admin = g.org.adminKey;
    const from = at(-60).slice(0, 10);
    const to = at(1).slice(0, 10);
    const res = await send(admin, 'GET', `/api/v1/listening/coverage?from=${from}&to=${to}`);
    expect(res.statusCode, res.body).toBe(200);
    const rows: { name: string; sessions: number; lastAt: string | null; planned: number; byQuarter: Record<string, number>; cadenceWeeks: number | null; overdue: boolean; committeeRole: string | null }[] = res.json().rows;
    expect(rows.map((r) => r.name)).toEqual(['郭总', '罗店长', '陈店长']); // the chair first; the clerk should not listen
    const [ceo, other, store] = rows;
    expect(ceo).toMatchObject({ committeeRole: 'chair', sessions: 0, lastAt: null, cadenceWeeks: 12, overdue: false });
    expect(other).toMatchObject({ sessions: 0, planned: 0, cadenceWeeks: 4, overdue: false });
    expect(store).toMatchObject({ sessions: 1, lastAt: at(-1), cadenceWeeks: 1, overdue: false });
    expect(Object.keys(store!.byQuarter)).toEqual(res.json().quarters);
    expect(Object.values(store!.byQuarter).reduce((a, b) => a + b, 0)).toBe(1);

    // Five weeks on: the store manager’s weekly calls and the other manager’s monthly visits are past due.
    t.clock.advance(35 * DAY);
    const later = (await send(admin, 'GET', `/api/v1/listening/coverage?from=${from}&to=${at(1).slice(0, 10)}`)).json().rows;
    expect(later.map((r: { overdue: boolean }) => r.overdue)).toEqual([false, true, true]);
    const scoped = (await send(g.storeManager.key, 'GET', `/api/v1/listening/coverage?from=${from}&to=${at(1).slice(0, 10)}`)).json().rows;
    expect(scoped.map((r: { name: string }) => r.name)).toEqual(['陈店长']);

    expect((await send(admin, 'GET', `/api/v1/listening/coverage?from=${to}&to=${from}`)).statusCode).toBe(400);
    expect((await send(admin, 'GET', '/api/v1/listening/coverage?from=2020-01-01&to=2025-01-01')).json().error.code).toBe('range_too_long');
    expect((await send(admin, 'GET', '/api/v1/listening/coverage?from=yesterday&to=2025-01-01')).statusCode).toBe(400);
    expect((await send(admin, 'GET', '/api/v1/listening/coverage')).statusCode).toBe(400);
    expect((await send(g.clerk.key, 'GET', `/api/v1/listening/coverage?from=${from}&to=${to}`)).statusCode).toBe(403);
  });

  it('tells each person what is overdue for them, and nothing to those who have nothing', async () => {
    await send(g.storeManager.key, 'POST', '/api/v1/listening-sessions', { employeeId: g.storeManager.employeeId, kind: 'frontline_shift', scheduledAt: at(-1) });
    const due = (await send(g.storeManager.key, 'GET', '/api/v1/listening/my-due')).json();
    expect(due.sessions.map((s: { kind: string; overdue: boolean }) => [s.kind, s.overdue])).toEqual([['frontline_shift', true]]);
    expect(due.rotations.map((r: { kind: string }) => r.kind)).toEqual(['customer_call']);
    const clerk = await send(g.clerk.key, 'GET', '/api/v1/listening/my-due');
    expect([clerk.statusCode, clerk.json()]).toEqual([200, { sessions: [], rotations: [] }]);
  });
});

describe('listing sessions a page at a time', () => {
  it('follows nextCursor through every session once, newest first and ties by id, keeping the filters', async () => {
    const admin = g.org.adminKey;
    const get = (url: string) => send(admin, 'GET', url);
    const person = await buildEmployeeWithKey(t.ctx, g.org, { role: 'manager', unitId: g.storeId, name: '翻页经理' });
    // Seven sessions, two pairs of them at the same time: the id breaks those ties.
    const offsets = [-3, -2, -2, 1, 4, 4, 9];
    const made: { id: string; at: string }[] = [];
    for (const days of offsets) {
      const res = await send(admin, 'POST', '/api/v1/listening-sessions', { employeeId: person.employeeId, kind: 'customer_call', scheduledAt: at(days) });
      expect(res.statusCode, res.body).toBe(201);
      made.push({ id: res.json().id, at: res.json().scheduledAt });
    }
    const url = `/api/v1/listening-sessions?employeeId=${person.employeeId}`;
    // The first page is what callers had before paging, with nextCursor added.
    const first = (await get(url)).json();
    expect([first.items.map((s: { id: string }) => s.id), first.nextCursor]).toEqual([newestFirst(made), null]);
    expect(await followPages(get, `${url}&limit=2`)).toEqual({ ids: newestFirst(made), pages: 4 });
    const overdue = await followPages(get, `${url}&status=overdue&limit=2`);
    expect(overdue.ids).toEqual(newestFirst(made.filter((_, i) => offsets[i]! < 0)));
    // The whole organisation's list, page by page, is its one long page.
    const all = (await get('/api/v1/listening-sessions?limit=500')).json().items.map((s: { id: string }) => s.id);
    expect((await followPages(get, '/api/v1/listening-sessions?limit=3')).ids).toEqual(all);
    await expectBadCursorsRefused(get, url);
  });
});
