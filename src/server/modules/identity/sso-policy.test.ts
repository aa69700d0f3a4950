import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, buildUser, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { TEST_IDP } from './fixtures/saml-response.ts';

// The SSO policy (password login refused to all but break-glass admins) and the login page's look-up.

let t: TestApp;
let org: TestOrg;
let breakGlass: { email: string; password: string };
let colleague: { email: string; password: string };
let ip = 0;

const login = (creds: { email: string; password: string }) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { ...creds, org: org.slug }, remoteAddress: `10.9.0.${++ip}` });
const putPolicy = (payload: object, key = org.adminKey) => t.app.inject({ method: 'PUT', url: '/api/v1/sso/policy', headers: bearer(key), payload });
const discover = (query: string) => t.app.inject({ url: `/api/v1/sso/discover?${query}` });
const userIdOf = async (email: string) => {
  const users = (await t.app.inject({ url: '/api/v1/users', headers: bearer(org.adminKey) })).json().items as { id: string; email: string }[];
  return users.find((u) => u.email === email)!.id;
};

beforeAll(async () => {
  t = await createTestApp({ LODESTAR_SECRET_KEY: 'c'.repeat(64) });
  org = await buildOrg(t.ctx);
  breakGlass = await buildUser(t.ctx, org, 'admin');
  colleague = await buildUser(t.ctx, org, 'admin');
});
afterAll(() => t?.close());

describe('SSO policy', () => {
  it('cannot require SSO without a connection, without a break-glass admin, or with a non-admin as break-glass', async () => {
    const admin = await userIdOf(breakGlass.email);
    const noConnection = await putPolicy({ requireSso: true, breakGlassUserIds: [admin] });
    expect(noConnection.statusCode).toBe(409);
    expect(noConnection.json().error.code).toBe('sso_not_configured');
    const saml = await t.app.inject({ method: 'PUT', url: '/api/v1/sso/saml', headers: bearer(org.adminKey), payload: { entryPoint: 'https://idp.example.test/sso', idpCert: TEST_IDP.cert } });
    expect(saml.statusCode, saml.body).toBe(200);
    expect((await putPolicy({ requireSso: true, breakGlassUserIds: [] })).json().error.details.field).toBe('breakGlassUserIds');
    const staff = await buildEmployeeWithKey(t.ctx, org);
    const employeeLogin = await buildUser(t.ctx, org, 'employee', staff.employeeId);
    const notAdmin = await putPolicy({ requireSso: true, breakGlassUserIds: [await userIdOf(employeeLogin.email)] });
    expect(notAdmin.statusCode).toBe(400);
    expect((await putPolicy({ requireSso: true, breakGlassUserIds: [admin] }, staff.key)).statusCode).toBe(403);
  });

  it('refuses password login with 403 sso_required to everyone but the break-glass admin', async () => {
    expect((await login(colleague)).statusCode).toBe(200);
    const saved = await putPolicy({ requireSso: true, breakGlassUserIds: [await userIdOf(breakGlass.email)], emailDomains: ['example.com'] });
    expect(saved.statusCode, saved.body).toBe(200);
    const refused = await login(colleague);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'sso_required', details: { startUrl: `/auth/saml/${org.slug}/start` } });
    expect(refused.cookies).toEqual([]);
    expect((await login(breakGlass)).statusCode).toBe(200);
    // The policy answers only someone who knows the password.
    expect((await login({ ...colleague, password: 'a wrong password' })).statusCode).toBe(401);
  });

  it('keeps the connection while SSO is required', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/sso/saml', headers: bearer(org.adminKey) });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('sso_required_by_policy');
  });

  it('tells the login page only whether SSO exists and where it starts, by slug or e-mail domain', async () => {
    const bySlug = await discover(`org=${org.slug}`);
    expect(bySlug.json()).toEqual({ sso: true, startUrl: `/auth/saml/${org.slug}/start` });
    expect((await discover('email=someone@EXAMPLE.com')).json()).toEqual({ sso: true, startUrl: `/auth/saml/${org.slug}/start` });
    expect((await discover('email=someone@elsewhere.test')).json()).toEqual({ sso: false, startUrl: null });
    expect((await discover('org=no-such-organisation')).json()).toEqual({ sso: false, startUrl: null });
    const plain = await buildOrg(t.ctx);
    expect((await discover(`org=${plain.slug}`)).json()).toEqual({ sso: false, startUrl: null });
    expect((await discover('email=not-an-email')).json()).toEqual({ sso: false, startUrl: null });
  });

  it('lets one organisation claim an e-mail domain, not two', async () => {
    const other = await buildOrg(t.ctx);
    const res = await putPolicy({ requireSso: false, emailDomains: ['example.com'] }, other.adminKey);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('sso_domain_taken');
    expect((await putPolicy({ requireSso: false, emailDomains: ['not a domain'] }, other.adminKey)).statusCode).toBe(400);
  });

  it('lets everyone use a password again once the requirement is off', async () => {
    expect((await putPolicy({ requireSso: false, emailDomains: ['example.com'] })).statusCode).toBe(200);
    expect((await login(colleague)).statusCode).toBe(200);
  });
});
