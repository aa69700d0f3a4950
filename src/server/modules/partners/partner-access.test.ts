import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildUser } from '../../testing/factories.ts';
import { fillPath, listRoutes, minimalBody } from '../../testing/routes.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildPartnersFixture, type PartnersFixture } from './partners.fixtures.ts';

// A partner is an outsider: its key reads its own report and files ideas, and every other route of the app,
// including routes added after this test was written, answers 403 (enforced once, in the authentication hook).

let t: TestApp;
let f: PartnersFixture;
let partnerId: string;
let partnerKey: string;

/** The routes a partner may call: its report, ideas and replies, and its own session. */
const PARTNER_ROUTES = new Set([
  'GET /api/v1/partner-report',
  'GET /api/v1/partner-report/ideas',
  'POST /api/v1/partner-report/ideas',
  'GET /api/v1/partner-report/replies',
  'POST /api/v1/partner-report/replies',
]);
const isOwnSession = (url: string) => url.startsWith('/api/v1/auth/');

beforeAll(async () => {
  t = await createTestApp();
  f = await buildPartnersFixture(t);
  partnerId = (await f.partner('测试物流', 'logistics')).id;
  await f.respondAbout(partnerId, { nps: 9, comment: '很好' });
  partnerKey = f.created(await f.admin('POST', '/api/v1/api-keys', { role: 'partner', partnerId, name: 'partner system' })).key;
});
afterAll(() => t.close());

describe('a partner key', () => {
  it('gets 403 from every authenticated route but its report, its ideas, its replies and its own session', async () => {
    const routes = listRoutes(t.app).filter((r) => !r.isPublic && !PARTNER_ROUTES.has(`${r.method} ${r.url}`) && !isOwnSession(r.url));
    expect(routes.length).toBeGreaterThan(150);
    const wrong: string[] = [];
    for (const route of routes) {
      // Real ids (the partner's own among them) and valid bodies: the refusal must not depend on a bad request.
      const url = fillPath(route, (name) => (name === 'id' ? partnerId : name === 'kind' ? 'responses' : crypto.randomUUID()));
      const payload = route.hasBody ? (minimalBody(route.bodySchema, partnerId) as object) : undefined;
      const res = await t.app.inject({ method: route.method, url, headers: bearer(partnerKey), payload });
      if (res.statusCode !== 403) wrong.push(`${route.method} ${route.url} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('names the usual suspects explicitly: responses, customers, employees, cases, metrics, the idea board, the live stream', async () => {
    for (const url of ['/api/v1/responses', '/api/v1/customers', '/api/v1/employees', '/api/v1/cases', '/api/v1/metrics/nps', '/api/v1/ideas', '/api/v1/stream', `/api/v1/partners/${partnerId}`]) {
      expect((await f.send('GET', partnerKey, url)).statusCode, url).toBe(403);
    }
    expect((await f.send('POST', partnerKey, '/api/v1/ideas', { title: '绕过' })).statusCode).toBe(403);
    expect((await f.send('GET', partnerKey, '/api/v1/partner-report')).statusCode).toBe(200);
  });

  it('holds for a partner login too: its session answers /auth/me and nothing else', async () => {
    const creds = await buildUser(t.ctx, f.org, 'partner');
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: creds });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);
    for (const url of ['/api/v1/responses', '/api/v1/partners', '/api/v1/units']) {
      expect((await t.app.inject({ method: 'GET', url, headers: { cookie } })).statusCode, url).toBe(403);
    }
  });
});
