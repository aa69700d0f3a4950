import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildUser } from '../../testing/factories.ts';
import { fillPath, listRoutes, minimalBody } from '../../testing/routes.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildPartnersFixture, type PartnersFixture } from './partners.fixtures.ts';

// A partner is an outsider: its key or its login reads its own report and files replies and ideas, and every other
// route of the app, including routes added after this test was written, answers 403 (enforced once, in the
// authentication hook). A partner login bound to no partner (made before migration 0035) reads nothing at all.

let t: TestApp;
let f: PartnersFixture;
let partnerId: string;
let partnerKey: string;
/** A signed-in partner login bound to the partner: its cookie and CSRF token. */
let partnerSession: Record<string, string>;

/** The routes a partner may call: its report, ideas and replies, and its own session. */
const PARTNER_ROUTES = new Set([
  'GET /api/v1/partner-report',
  'GET /api/v1/partner-report/ideas',
  'POST /api/v1/partner-report/ideas',
  'GET /api/v1/partner-report/replies',
  'POST /api/v1/partner-report/replies',
]);
const isOwnSession = (url: string) => url.startsWith('/api/v1/auth/');

/** Signs a login in; its cookie and CSRF token, so writes are refused for the partner's sake, not for a missing token. */
async function signIn(creds: { email: string; password: string }): Promise<Record<string, string>> {
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: creds });
  expect(login.statusCode, login.body).toBe(200);
  return { cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': login.json().csrfToken };
}

/** Every authenticated route but the partner's own and its session, called with real ids and valid bodies; those not answering 403. */
async function notRefused(headers: Record<string, string>): Promise<string[]> {
  const routes = listRoutes(t.app).filter((r) => !r.isPublic && !PARTNER_ROUTES.has(`${r.method} ${r.url}`) && !isOwnSession(r.url));
  expect(routes.length).toBeGreaterThan(150);
  const wrong: string[] = [];
  for (const route of routes) {
    // Real ids (the partner's own among them) and valid bodies: the refusal must not depend on a bad request.
    const url = fillPath(route, (name) => (name === 'id' ? partnerId : name === 'kind' ? 'responses' : crypto.randomUUID()));
    const payload = route.hasBody ? (minimalBody(route.bodySchema, partnerId) as object) : undefined;
    const res = await t.app.inject({ method: route.method, url, headers, payload });
    if (res.statusCode !== 403) wrong.push(`${route.method} ${route.url} → ${res.statusCode}`);
  }
  return wrong;
}

beforeAll(async () => {
  t = await createTestApp();
  f = await buildPartnersFixture(t);
  partnerId = (await f.partner('测试物流', 'logistics')).id;
  await f.respondAbout(partnerId, { nps: 9, comment: '很好' });
  partnerKey = f.created(await f.admin('POST', '/api/v1/api-keys', { role: 'partner', partnerId, name: 'partner system' })).key;
  const creds = { email: 'dispatch@ceshi-logistics.example', password: 'partner login 2026' };
  f.created(await f.admin('POST', '/api/v1/users', { ...creds, role: 'partner', partnerId }));
  partnerSession = await signIn(creds);
});
afterAll(() => t.close());

describe('a partner key', () => {
  it('gets 403 from every authenticated route but its report, its ideas, its replies and its own session', async () => {
    expect(await notRefused(bearer(partnerKey))).toEqual([]);
  });

  it('names the usual suspects explicitly: responses, customers, employees, cases, metrics, the idea board, the live stream', async () => {
    for (const url of ['/api/v1/responses', '/api/v1/customers', '/api/v1/employees', '/api/v1/cases', '/api/v1/metrics/nps', '/api/v1/ideas', '/api/v1/stream', `/api/v1/partners/${partnerId}`]) {
      expect((await f.send('GET', partnerKey, url)).statusCode, url).toBe(403);
    }
    expect((await f.send('POST', partnerKey, '/api/v1/ideas', { title: '绕过' })).statusCode).toBe(403);
    expect((await f.send('GET', partnerKey, '/api/v1/partner-report')).statusCode).toBe(200);
  });

});

describe('a partner login', () => {
  it('reads its partner’s report, replies and ideas, and files both, as the partner', async () => {
    const call = (method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, headers: partnerSession, payload });
    expect((await call('GET', '/api/v1/auth/me')).json().user).toMatchObject({ role: 'partner', partnerId, employeeId: null });
    const report = await call('GET', '/api/v1/partner-report?days=90');
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json()).toMatchObject({ partner: { name: '测试物流', kind: 'logistics' }, metrics: { nps: { answers: 1 } } });
    // The same report its key and the organisation's preview read.
    expect(report.json()).toEqual((await f.send('GET', partnerKey, '/api/v1/partner-report?days=90')).json());

    const reply = await call('POST', '/api/v1/partner-report/replies', { body: '傍晚订单优先派送', days: 30 });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json()).toMatchObject({ via: 'user', period: { days: 30 } });
    const idea = await call('POST', '/api/v1/partner-report/ideas', { title: '雨天加防水袋' });
    expect(idea.statusCode, idea.body).toBe(201);
    expect((await call('GET', '/api/v1/partner-report/replies')).json().items.map((r: { id: string }) => r.id)).toContain(reply.json().id);
    expect((await call('GET', '/api/v1/partner-report/ideas')).json().items.map((i: { id: string }) => i.id)).toContain(idea.json().id);
    // Filed as the partner's: the organisation sees the reply under the partner and the idea marked as a partner's.
    expect((await f.admin('GET', `/api/v1/partners/${partnerId}/replies`)).json().items[0]).toMatchObject({ id: reply.json().id, via: 'user' });
    expect((await f.admin('GET', `/api/v1/ideas/${idea.json().id}`)).json()).toMatchObject({ authorKind: 'partner', authorName: null });
    const [row] = await f.query<{ partner_id: string }>(`SELECT partner_id FROM ideas WHERE org_id = $1 AND id = $2`, [f.org.orgId, idea.json().id]);
    expect(row!.partner_id).toBe(partnerId);
  });

  it('gets 403 from every other authenticated route, as its key does', async () => {
    expect(await notRefused(partnerSession)).toEqual([]);
  });

  it('bound to no partner (a login older than partner logins), answers /auth/me and nothing else', async () => {
    // The API no longer makes such a login (partner-logins.test.ts); one stored before migration 0035 looks like this.
    const creds = await buildUser(t.ctx, f.org, 'admin');
    await f.query(`UPDATE users SET role = 'partner' WHERE org_id = $1 AND lower(email) = lower($2)`, [f.org.orgId, creds.email]);
    const session = await signIn(creds);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: session });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ role: 'partner', partnerId: null });
    for (const url of ['/api/v1/partner-report', '/api/v1/partner-report/ideas', '/api/v1/partner-report/replies', '/api/v1/responses', '/api/v1/partners', '/api/v1/units']) {
      expect((await t.app.inject({ method: 'GET', url, headers: session })).statusCode, url).toBe(403);
    }
    for (const [url, payload] of [['/api/v1/partner-report/replies', { body: '改进', days: 90 }], ['/api/v1/partner-report/ideas', { title: '改进' }]] as const) {
      expect((await t.app.inject({ method: 'POST', url, headers: session, payload })).statusCode, url).toBe(403);
    }
  });
});
