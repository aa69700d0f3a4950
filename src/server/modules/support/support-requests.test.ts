import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../testing/factories.ts';
import { fillPath, isIdParam, listRoutes } from '../../testing/routes.ts';
import { MINUTE } from '../../platform/clock.ts';
import { expectBadCursorsRefused, followPages, newestFirst } from '../../testing/paging.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildSupportFixture, type SupportFixture } from './support.fixtures.ts';

let t: TestApp;
let f: SupportFixture;
let caseId: string;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildSupportFixture(t);
  const customerId = await f.customer();
  const c = await f.send(f.people.courier.key, 'POST', '/api/v1/cases', { customerId, description: '客户在门口辱骂了我十分钟' });
  caseId = c.json().id;
});
afterAll(() => t.close());

const MARKER = 'PRIVATE-NOTE-7f3a';

describe('support requests', () => {
  it('lets an employee ask a colleague of their choice; both of them, and only they, can read it', async () => {
    const { courier, storeManager } = f.sessions;
    const res = await courier.send('POST', '/api/v1/support-requests', { caseId, kind: 'talk', note: `${MARKER} 想聊聊`, supporterId: f.people.storeManager.id });
    expect(res.statusCode, res.body).toBe(201);
    const request = res.json();
    expect(request).toMatchObject({
      kind: 'talk', status: 'open', myRole: 'requester', caseId, caseTitle: '客户在门口辱骂了我十分钟',
      requester: { id: f.people.courier.id, name: 'courier' }, supporter: { id: f.people.storeManager.id, name: 'store-manager' },
    });
    const theirs = (await storeManager.send('GET', '/api/v1/support-requests')).json().items;
    expect(theirs).toEqual([expect.objectContaining({ id: request.id, myRole: 'supporter', note: `${MARKER} 想聊聊` })]);
    expect((await storeManager.send('GET', `/api/v1/support-requests/${request.id}`)).statusCode).toBe(200);
    // The supporter is told a colleague asked, nothing more.
    const told = await f.query<{ title: string; title_en: string; case_id: string | null; data: object }>(
      `SELECT title, title_en, case_id, data FROM notifications WHERE employee_id = $1 AND kind = 'support.requested'`,
      [f.people.storeManager.id],
    );
    expect(told).toEqual([{ title: '有同事向你寻求关怀支持', title_en: 'A colleague asked you for support', case_id: null, data: {} }]);

    // Everyone else gets 404, whatever their role: admins (with or without an employee), the manager above both, a colleague.
    for (const other of [f.sessions.admin, f.sessions.ceoAdmin, f.sessions.regional, f.sessions.outsider]) {
      for (const [method, payload] of [['GET', undefined], ['PATCH', { status: 'completed' }], ['DELETE', undefined]] as const) {
        const seen = await other.send(method, `/api/v1/support-requests/${request.id}`, payload);
        expect(seen.statusCode, `${method} ${seen.body}`).toBe(other === f.sessions.admin ? 403 : 404);
      }
      const list = await other.send('GET', '/api/v1/support-requests');
      expect(list.body).not.toContain(request.id);
    }
    // API keys never read or write care records, not even the requester's own key.
    for (const key of [f.people.courier.key, f.org.adminKey]) {
      const byKey = await t.app.inject({ method: 'GET', url: `/api/v1/support-requests/${request.id}`, headers: bearer(key) });
      expect([byKey.statusCode, byKey.json().error.code]).toEqual([403, 'personal_only']);
    }

    // The audit log says a request was made: no requester, kind, note, supporter or id to look up.
    const audit = await f.sessions.admin.send('GET', '/api/v1/audit-log?entityType=support_request&limit=500');
    expect(audit.statusCode, audit.body).toBe(200);
    expect(audit.json().items).toEqual([expect.objectContaining({ action: 'support_request.created', entityId: null })]);
    for (const secret of [MARKER, 'talk', request.id, f.people.courier.id, f.people.storeManager.id]) expect(audit.body).not.toContain(secret);

    // Below the API: a query in an organisation's transaction that does not act as one of the two sees no row.
    const [rows] = await f.query<{ n: number }>(`SELECT count(*)::int AS n FROM support_requests`);
    expect(rows!.n).toBe(0);
  });

  it('never shows a request through any other route, to admins, managers or colleagues', async () => {
    const made = await f.sessions.courier.send('POST', '/api/v1/support-requests', { kind: 'counselling', note: `${MARKER} 需要心理咨询`, supporterId: f.people.regional.id });
    const id = made.json().id as string;
    const routes = listRoutes(t.app).filter((r) => r.method === 'GET' && !r.isPublic && !r.isStream && !r.url.startsWith('/api/v1/support-requests'));
    const viewers = [
      { name: 'admin session', get: (url: string) => f.sessions.admin.send('GET', url) },
      { name: 'CEO admin session', get: (url: string) => f.sessions.ceoAdmin.send('GET', url) },
      { name: 'admin key', get: (url: string) => t.app.inject({ method: 'GET', url, headers: bearer(f.org.adminKey) }) },
      { name: 'store manager', get: (url: string) => f.sessions.storeManager.send('GET', url) },
      { name: 'outsider', get: (url: string) => f.sessions.outsider.send('GET', url) },
    ];
    let checked = 0;
    for (const route of routes) {
      const urls = route.params.length === 0 ? [route.query.includes('limit') ? `${route.url}?limit=500` : route.url] : [];
      if (route.params.length > 0 && route.params.every(isIdParam)) urls.push(fillPath(route, () => id));
      for (const q of route.query.filter(isIdParam)) urls.push(`${fillPath(route, () => id)}?${q}=${id}`);
      for (const url of urls) {
        for (const viewer of viewers) {
          const res = await viewer.get(url);
          expect(res.body, `${viewer.name} GET ${url}`).not.toContain(MARKER);
          expect(res.body, `${viewer.name} GET ${url}`).not.toContain(id);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  }, 180_000);

  it('lets the supporter accept and either of them complete; the requester withdraws it', async () => {
    const { courier, storeManager } = f.sessions;
    const id = (await courier.send('POST', '/api/v1/support-requests', { kind: 'break', supporterId: f.people.storeManager.id })).json().id;
    const selfAccept = await courier.send('PATCH', `/api/v1/support-requests/${id}`, { status: 'accepted' });
    expect([selfAccept.statusCode, selfAccept.json().error.code]).toEqual([403, 'not_supporter']);
    const accepted = await storeManager.send('PATCH', `/api/v1/support-requests/${id}`, { status: 'accepted' });
    expect(accepted.json()).toMatchObject({ status: 'accepted', myRole: 'supporter', acceptedAt: expect.any(String) });
    expect((await storeManager.send('PATCH', `/api/v1/support-requests/${id}`, { status: 'accepted' })).statusCode).toBe(409);
    expect((await courier.send('PATCH', `/api/v1/support-requests/${id}`, { status: 'completed' })).json().status).toBe('completed');
    expect((await courier.send('PATCH', `/api/v1/support-requests/${id}`, { status: 'completed' })).statusCode).toBe(409);
    const notMine = await storeManager.send('DELETE', `/api/v1/support-requests/${id}`);
    expect([notMine.statusCode, notMine.json().error.code]).toEqual([403, 'not_requester']);
    expect((await courier.send('DELETE', `/api/v1/support-requests/${id}`)).statusCode).toBe(204);
    expect((await storeManager.send('GET', `/api/v1/support-requests/${id}`)).statusCode).toBe(404);
    // Without a supporter it is a private note to oneself.
    const alone = (await courier.send('POST', '/api/v1/support-requests', { kind: 'break', note: '休息 15 分钟' })).json();
    expect(alone).toMatchObject({ supporter: null, myRole: 'requester' });
  });

  it('refuses bad requests with 4xx', async () => {
    const { courier, outsider } = f.sessions;
    const bad: Array<[object, number, string?]> = [
      [{ kind: 'holiday' }, 400],
      [{ kind: 'talk', note: 'x'.repeat(2001) }, 400],
      [{ kind: 'talk', supporterId: 'someone' }, 400],
      [{ kind: 'talk', supporterId: f.people.courier.id }, 422, 'invalid_supporter'],
      [{ kind: 'talk', supporterId: '00000000-0000-4000-8000-000000000000' }, 404],
      [{ kind: 'talk', caseId: '00000000-0000-4000-8000-000000000000' }, 404],
    ];
    for (const [body, status, code] of bad) {
      const res = await courier.send('POST', '/api/v1/support-requests', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      if (code) expect(res.json().error.code).toBe(code);
    }
    // A case one took no part in cannot be named, even one in scope.
    expect((await outsider.send('POST', '/api/v1/support-requests', { kind: 'talk', caseId })).statusCode).toBe(404);
    expect((await f.sessions.storeManager.send('POST', '/api/v1/support-requests', { kind: 'talk', caseId })).statusCode).toBe(404);
    expect((await courier.send('PATCH', '/api/v1/support-requests/00000000-0000-4000-8000-000000000000', { status: 'completed' })).statusCode).toBe(404);
    expect((await courier.send('PATCH', '/api/v1/support-requests/00000000-0000-4000-8000-000000000000', { status: 'open' })).statusCode).toBe(400);
    await f.query(`UPDATE employees SET left_at = now() WHERE id = $1`, [f.people.outsider.id]);
    const left = await courier.send('POST', '/api/v1/support-requests', { kind: 'talk', supporterId: f.people.outsider.id });
    expect([left.statusCode, left.json().error.code]).toEqual([422, 'invalid_supporter']);
    await f.query(`UPDATE employees SET left_at = NULL WHERE id = $1`, [f.people.outsider.id]);
  });
});

describe('Idempotency-Key on support requests', () => {
  const ask = (body: object, key: string) => f.sessions.courier.send('POST', '/api/v1/support-requests', body, { 'idempotency-key': key });
  /** Counted below the API: the rows are hidden from every transaction that does not act as one of the two people. */
  const counts = async () =>
    (await t.ctx.db.system((tx) =>
      tx.query<{ requests: number; keys: number; told: number }>(
        `SELECT (SELECT count(*)::int FROM support_requests WHERE org_id = $1) AS requests, (SELECT count(*)::int FROM create_keys WHERE org_id = $1) AS keys,
           (SELECT count(*)::int FROM notifications WHERE org_id = $1 AND kind = 'support.requested') AS told`,
        [f.org.orgId],
      ),
    ))[0]!;

  it('answers a retry with the first request and creates nothing; the key with another body is 422; withdrawing forgets the key', async () => {
    const body = { kind: 'talk', note: `${MARKER} 重试`, supporterId: f.people.storeManager.id };
    const first = await ask(body, 'support-1');
    expect(first.statusCode, first.body).toBe(201);
    const before = await counts();
    const again = await ask(body, 'support-1');
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await counts()).toEqual(before);
    const other = await ask({ ...body, kind: 'break' }, 'support-1');
    expect([other.statusCode, other.json().error.code]).toEqual([422, 'idempotency_conflict']);
    // The key row says who asked for something and when: no transaction but the asker's own sees it.
    const [seen] = await f.query<{ n: number }>(`SELECT count(*)::int AS n FROM create_keys WHERE org_id = $1`, [f.org.orgId]);
    expect(seen!.n).toBe(0);
    // Withdrawn leaves no trace, key included; the same key then asks anew.
    expect((await f.sessions.courier.send('DELETE', `/api/v1/support-requests/${first.json().id}`)).statusCode).toBe(204);
    expect(await counts()).toEqual({ ...before, requests: before.requests - 1, keys: before.keys - 1 });
    const anew = await ask(body, 'support-1');
    expect(anew.statusCode, anew.body).toBe(201);
    expect(anew.json().id).not.toBe(first.json().id);
  });

  it('creates one request for two concurrent requests with one key', async () => {
    const before = await counts();
    const body = { kind: 'counselling', supporterId: f.people.regional.id };
    const [a, b] = await Promise.all([ask(body, 'support-race'), ask(body, 'support-race')]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect(await counts()).toEqual({ requests: before.requests + 1, keys: before.keys + 1, told: before.told + 1 });
  });
});

describe('listing support requests a page at a time', () => {
  it('follows nextCursor through each person’s own requests once, newest first and ties by id, and never anyone else’s', async () => {
    const { courier, storeManager, regional, outsider } = f.sessions;
    const made: string[] = [];
    for (const minutes of [0, 0, 1, 0, 2]) {
      t.clock.advance(minutes * MINUTE);
      const res = await courier.send('POST', '/api/v1/support-requests', { kind: 'talk', note: `${MARKER} 翻页`, supporterId: f.people.storeManager.id });
      expect(res.statusCode, res.body).toBe(201);
      made.push(res.json().id);
    }
    for (const person of [courier, storeManager]) {
      const get = (url: string) => person.send('GET', url);
      const all = (await get('/api/v1/support-requests?limit=500')).json().items as Array<{ id: string; createdAt: string; requester: { id: string }; supporter: { id: string } | null }>;
      expect(all.every((r) => [r.requester.id, r.supporter?.id].includes(person.employeeId!))).toBe(true);
      expect(all.map((r) => r.id)).toEqual(expect.arrayContaining(made));
      const paged = await followPages(get, '/api/v1/support-requests?limit=2');
      expect(paged.ids).toEqual(newestFirst(all.map((r) => ({ id: r.id, at: r.createdAt }))));
      expect(paged.pages).toBe(Math.ceil(all.length / 2));
    }
    // A cursor from the courier's list opens nothing of theirs to anyone else.
    const cursor = (await courier.send('GET', '/api/v1/support-requests?limit=1')).json().nextCursor as string;
    for (const other of [regional, outsider]) {
      const page = await other.send('GET', `/api/v1/support-requests?limit=500&cursor=${cursor}`);
      expect(page.statusCode, page.body).toBe(200);
      for (const id of made) expect(page.body).not.toContain(id);
    }
    const byAdmin = await f.sessions.admin.send('GET', `/api/v1/support-requests?cursor=${cursor}`);
    expect([byAdmin.statusCode, byAdmin.json().error.code]).toEqual([403, 'personal_only']);
    await expectBadCursorsRefused((url) => courier.send('GET', url), '/api/v1/support-requests');
  });
});
