import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../platform/clock.ts';
import { buildOrg } from '../../testing/factories.ts';
import { expectBadCursorsRefused, followPages, newestFirst } from '../../testing/paging.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildGovernanceOrg, sender, type GovernanceOrg } from './governance.fixtures.ts';

let t: TestApp;
let g: GovernanceOrg;
let send: ReturnType<typeof sender>;
const unknown = '00000000-0000-4000-8000-000000000000';
const day = (offset: number) => new Date(t.clock.now().getTime() + offset * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  send = sender(t);
  g = await buildGovernanceOrg(t);
});
afterAll(() => t.close());

describe('committee members', () => {
  it('seats people with one chair at most; admins manage, members and managers read, others are refused', async () => {
    const admin = g.org.adminKey;
    const chair = await send(admin, 'POST', '/api/v1/committee/members', { employeeId: g.ceo.employeeId, role: 'chair' });
    expect(chair.statusCode, chair.body).toBe(201);
    expect(chair.json()).toMatchObject({ employeeId: g.ceo.employeeId, name: '郭总', role: 'chair' });
    expect((await send(admin, 'POST', '/api/v1/committee/members', { employeeId: g.storeManager.employeeId, role: 'member' })).statusCode).toBe(201);

    const second = await send(admin, 'POST', '/api/v1/committee/members', { employeeId: g.otherManager.employeeId, role: 'chair' });
    expect([second.statusCode, second.json().error.code]).toEqual([409, 'chair_taken']);
    const again = await send(admin, 'POST', '/api/v1/committee/members', { employeeId: g.ceo.employeeId, role: 'member' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'already_member']);
    const promote = await send(admin, 'PATCH', `/api/v1/committee/members/${g.storeManager.employeeId}`, { role: 'chair' });
    expect([promote.statusCode, promote.json().error.code]).toEqual([409, 'chair_taken']);

    for (const body of [{ employeeId: g.clerk.employeeId, role: 'boss' }, { employeeId: 'nope', role: 'member' }, { role: 'member' }]) {
      expect((await send(admin, 'POST', '/api/v1/committee/members', body)).statusCode).toBe(400);
    }
    const ghost = await send(admin, 'POST', '/api/v1/committee/members', { employeeId: unknown, role: 'member' });
    expect([ghost.statusCode, ghost.json().error.details.field]).toEqual([404, 'employeeId']);

    // The chair signs in as a plain employee: sitting on the committee is what lets them read it.
    const list = await send(g.ceo.key, 'GET', '/api/v1/committee/members');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((m: { role: string }) => m.role)).toEqual(['chair', 'member']);
    expect((await send(g.otherManager.key, 'GET', '/api/v1/committee/members')).statusCode).toBe(200);
    const clerk = await send(g.clerk.key, 'GET', '/api/v1/committee/members');
    expect([clerk.statusCode, clerk.json().error.code]).toEqual([403, 'forbidden']);
    expect((await send(g.storeManager.key, 'POST', '/api/v1/committee/members', { employeeId: g.clerk.employeeId, role: 'member' })).statusCode).toBe(403);

    const changed = await send(admin, 'PATCH', `/api/v1/committee/members/${g.storeManager.employeeId}`, { role: 'cxo' });
    expect(changed.json().role).toBe('cxo');
    expect((await send(admin, 'DELETE', `/api/v1/committee/members/${g.storeManager.employeeId}`)).statusCode).toBe(204);
    expect((await send(admin, 'DELETE', `/api/v1/committee/members/${g.storeManager.employeeId}`)).statusCode).toBe(404);
    expect((await send(admin, 'GET', '/api/v1/committee/members')).json().items).toHaveLength(1);
  });
});

describe('committee meetings and decisions', () => {
  it('keeps agenda, minutes and decisions; decisions move between open, done and dropped and are overdue when open past their date', async () => {
    const admin = g.org.adminKey;
    const created = await send(admin, 'POST', '/api/v1/committee/meetings', {
      title: '第三季度体验委员会',
      at: new Date(t.clock.now().getTime() - 3 * DAY).toISOString(),
      agenda: [{ title: '配送延误复盘' }, { title: '天河门店 NPS 下滑', source: 'nps_mover', ref: g.otherStoreId }],
      minutes: '同意增开晚班配送。',
      decisions: [
        { title: '晚班配送试点', ownerId: g.storeManager.employeeId, dueOn: day(-1) },
        { title: '更新退款话术', dueOn: day(20) },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const meeting = created.json();
    expect(meeting.agenda).toEqual([
      { title: '配送延误复盘', note: '', source: 'manual', ref: null },
      { title: '天河门店 NPS 下滑', note: '', source: 'nps_mover', ref: g.otherStoreId },
    ]);
    expect(meeting.decisions.map((d: { title: string; ownerName: string | null; overdue: boolean; status: string }) => [d.title, d.ownerName, d.status, d.overdue])).toEqual([
      ['晚班配送试点', '陈店长', 'open', true],
      ['更新退款话术', null, 'open', false],
    ]);
    expect(meeting).toMatchObject({ agendaCount: 2, decisionCount: 2, openDecisionCount: 2 });

    const pilot = meeting.decisions[0].id;
    const done = await send(admin, 'PATCH', `/api/v1/committee/decisions/${pilot}`, { status: 'done' });
    expect(done.json()).toMatchObject({ status: 'done', overdue: false, closedAt: t.clock.now().toISOString() });
    const reopened = await send(admin, 'PATCH', `/api/v1/committee/decisions/${pilot}`, { status: 'open' });
    expect(reopened.json()).toMatchObject({ status: 'open', overdue: true, closedAt: null });
    await send(admin, 'PATCH', `/api/v1/committee/decisions/${pilot}`, { status: 'dropped' });

    const added = await send(admin, 'POST', `/api/v1/committee/meetings/${meeting.id}/decisions`, { title: '门店周会加入客户之声', ownerId: g.otherManager.employeeId, dueOn: day(7) });
    expect(added.statusCode, added.body).toBe(201);
    const patched = await send(admin, 'PATCH', `/api/v1/committee/meetings/${meeting.id}`, { minutes: '同意试点；下次会议复盘。', agenda: [{ title: '只剩一项' }] });
    expect(patched.json()).toMatchObject({ minutes: '同意试点；下次会议复盘。', agendaCount: 1, decisionCount: 3, openDecisionCount: 2 });

    const open = await send(g.storeManager.key, 'GET', '/api/v1/committee/decisions?status=open');
    expect(open.statusCode).toBe(200);
    expect(open.json().items.map((d: { title: string }) => d.title)).toEqual(['门店周会加入客户之声', '更新退款话术']);
    const list = await send(g.storeManager.key, 'GET', '/api/v1/committee/meetings');
    expect(list.json().items).toEqual([expect.objectContaining({ id: meeting.id, title: '第三季度体验委员会', decisionCount: 3 })]);
  });

  it('answers bad input with 4xx, refuses writes by non-admins and hides other organisations’ meetings', async () => {
    const admin = g.org.adminKey;
    const at = t.clock.now().toISOString();
    const bad: unknown[] = [
      { at: 'tomorrow' },
      { at, agenda: [{ title: '' }] },
      { at, agenda: [{ title: 'x', source: 'rumour' }] },
      { at, decisions: [{ title: 'x', dueOn: '2025-13-01' }] },
      { at, decisions: [{ title: 'x', dueOn: '2025-02-30' }] },
      { at, decisions: [{ title: 'x', dueOn: '2025-01-01', status: 'maybe' }] },
      { at, agenda: Array.from({ length: 51 }, () => ({ title: 'x' })) },
    ];
    for (const body of bad) {
      const res = await send(admin, 'POST', '/api/v1/committee/meetings', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const noOwner = await send(admin, 'POST', '/api/v1/committee/meetings', { at, decisions: [{ title: 'x', ownerId: unknown, dueOn: '2030-01-01' }] });
    expect([noOwner.statusCode, noOwner.json().error.details.field]).toEqual([404, 'ownerId']);
    expect((await send(g.storeManager.key, 'POST', '/api/v1/committee/meetings', { at })).statusCode).toBe(403);
    expect((await send(g.clerk.key, 'GET', '/api/v1/committee/meetings')).statusCode).toBe(403);

    const other = await buildOrg(t.ctx);
    const theirs = (await send(other.adminKey, 'POST', '/api/v1/committee/meetings', { at, decisions: [{ title: 'theirs', dueOn: '2030-01-01' }] })).json();
    expect((await send(admin, 'GET', `/api/v1/committee/meetings/${theirs.id}`)).statusCode).toBe(404);
    expect((await send(admin, 'GET', `/api/v1/committee/meetings/${theirs.id}/customer-voice`)).statusCode).toBe(404);
    expect((await send(admin, 'PATCH', `/api/v1/committee/decisions/${theirs.decisions[0].id}`, { status: 'done' })).statusCode).toBe(404);
    expect((await send(admin, 'DELETE', `/api/v1/committee/meetings/${theirs.id}`)).statusCode).toBe(404);
    expect((await send(other.adminKey, 'DELETE', `/api/v1/committee/meetings/${theirs.id}`)).statusCode).toBe(204);
  });
});

describe('listing meetings a page at a time', () => {
  it('follows nextCursor through every meeting once, latest first and ties by id, apart to the microsecond', async () => {
    const get = (url: string) => send(g.storeManager.key, 'GET', url);
    const made: { id: string; at: string }[] = (await get('/api/v1/committee/meetings')).json().items.map((m: { id: string; at: string }) => ({ id: m.id, at: m.at }));
    for (const days of [-40, -10, -10, 5, 5, 30]) {
      const at = new Date(t.clock.now().getTime() + days * DAY).toISOString();
      const res = await send(g.org.adminKey, 'POST', '/api/v1/committee/meetings', { title: `翻页 ${days}`, at });
      expect(res.statusCode, res.body).toBe(201);
      made.push({ id: res.json().id, at });
    }
    // Two meetings within one millisecond: a cursor cut to milliseconds would lose the second of them.
    const close = made.slice(-2);
    for (const [i, m] of close.entries()) {
      m.at = `2031-01-01T09:00:00.000${i + 1}00Z`;
      await t.ctx.db.tenant(g.org.orgId, (tx) => tx.query(`UPDATE committee_meetings SET at = $3 WHERE org_id = $1 AND id = $2`, [g.org.orgId, m.id, m.at]));
    }
    const first = (await get('/api/v1/committee/meetings')).json();
    expect([first.items.map((m: { id: string }) => m.id), first.nextCursor]).toEqual([newestFirst(made), null]);
    expect(await followPages(get, '/api/v1/committee/meetings?limit=1')).toEqual({ ids: newestFirst(made), pages: made.length });
    expect((await followPages(get, '/api/v1/committee/meetings?limit=3')).ids).toEqual(newestFirst(made));
    await expectBadCursorsRefused(get, '/api/v1/committee/meetings');
  });
});
