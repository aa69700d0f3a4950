import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, buildUser, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { CORE_USER, LIST_RESPONSE, PATCH_OP, SCIM_ERROR } from './scim.resource.ts';

// SCIM 2.0 provisioning as an identity provider drives it: create, find by userName, replace, patch
// (Entra's and Okta's dialects), deactivate, delete; and a deactivated person locked out on the next request.

let t: TestApp;
let org: TestOrg;
let token: string;
let ip = 0;

const scim = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object, auth = token) =>
  t.app.inject({ method, url: `/scim/v2${url}`, headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/scim+json' }, ...(payload ? { payload: JSON.stringify(payload) } : {}) });
const login = (creds: { email: string; password: string }) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: creds, remoteAddress: `10.8.0.${++ip}` });
const newUser = (userName: string, extra: object = {}) => ({ schemas: [CORE_USER], userName, name: { givenName: 'Mei', familyName: 'Chen' }, active: true, ...extra });

beforeAll(async () => {
  t = await createTestApp({ LODESTAR_SECRET_KEY: 'd'.repeat(64) });
  org = await buildOrg(t.ctx);
  const settings = await t.app.inject({ method: 'PUT', url: '/api/v1/sso/scim', headers: bearer(org.adminKey), payload: { defaultRole: 'employee', defaultUnitId: org.rootUnitId, defaultPositionId: org.positionId } });
  expect(settings.statusCode, settings.body).toBe(200);
  const issued = await t.app.inject({ method: 'POST', url: '/api/v1/sso/scim/token', headers: bearer(org.adminKey) });
  expect(issued.statusCode).toBe(201);
  token = issued.json().token;
});
afterAll(() => t?.close());

describe('SCIM token', () => {
  it('is shown once, kept only as a hash, and required on every SCIM request', async () => {
    const overview = await t.app.inject({ url: '/api/v1/sso', headers: bearer(org.adminKey) });
    expect(overview.json().scim).toMatchObject({ hasToken: true, defaultRole: 'employee' });
    expect(overview.body).not.toContain(token);
    const [row] = await t.ctx.db.system((tx) => tx.query<{ token_hash: string }>(`SELECT token_hash FROM scim_settings WHERE org_id = $1`, [org.orgId]));
    expect(row!.token_hash).not.toContain(token);
    for (const auth of ['', 'scim_not-the-token', org.adminKey]) {
      const res = await scim('GET', '/Users', undefined, auth);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ schemas: [SCIM_ERROR], status: '401' });
    }
  });

  it('stops the old token when rotated', async () => {
    const rotated = (await t.app.inject({ method: 'POST', url: '/api/v1/sso/scim/token', headers: bearer(org.adminKey) })).json().token;
    expect((await scim('GET', '/Users', undefined, token)).statusCode).toBe(401);
    expect((await scim('GET', '/Users', undefined, rotated)).statusCode).toBe(200);
    token = rotated;
  });
});

describe('SCIM Users', () => {
  it('creates a person (login and employee record) and finds them by userName, case-insensitively', async () => {
    const created = await scim('POST', '/Users', newUser('mei.chen@example.com', { externalId: 'okta-001', title: 'Clerk' }));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers['content-type']).toContain('application/scim+json');
    const user = created.json();
    expect(user).toMatchObject({ userName: 'mei.chen@example.com', externalId: 'okta-001', active: true, displayName: 'Mei Chen', meta: { resourceType: 'User' } });
    expect(user.meta.location).toMatch(new RegExp(`/scim/v2/Users/${user.id}$`));

    const found = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "MEI.CHEN@example.com"')}`);
    expect(found.json()).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(found.json().Resources[0].id).toBe(user.id);
    expect((await scim('GET', `/Users?filter=${encodeURIComponent('externalId eq "okta-001"')}`)).json().totalResults).toBe(1);
    expect((await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "nobody@example.com"')}`)).json()).toMatchObject({ totalResults: 0, Resources: [] });

    const users = (await t.app.inject({ url: '/api/v1/users', headers: bearer(org.adminKey) })).json().items;
    const login = users.find((u: { email: string }) => u.email === 'mei.chen@example.com');
    expect(login).toMatchObject({ role: 'employee', disabled: false });
    const employee = (await t.app.inject({ url: `/api/v1/employees/${login.employeeId}`, headers: bearer(org.adminKey) })).json();
    expect(employee).toMatchObject({ name: 'Mei Chen', unitId: org.rootUnitId, positionId: org.positionId });
  });

  it('answers SCIM errors: a duplicate with 409 uniqueness, a bad filter, body or id with 400/404', async () => {
    const dup = await scim('POST', '/Users', newUser('Mei.Chen@example.com'));
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ schemas: [SCIM_ERROR], status: '409', scimType: 'uniqueness' });
    const filter = await scim('GET', `/Users?filter=${encodeURIComponent('title co "x"')}`);
    expect(filter.json()).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    expect((await scim('POST', '/Users', { userName: 'not an e-mail' })).json()).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect((await scim('POST', '/Users', { userName: 42 })).statusCode).toBe(400);
    expect((await scim('PATCH', '/Users/00000000-0000-0000-0000-000000000000', { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] })).statusCode).toBe(404);
    expect((await scim('GET', '/Users/not-a-uuid')).json()).toMatchObject({ status: '404' });
  });

  it('pages a list with startIndex and count', async () => {
    for (const n of [1, 2, 3]) expect((await scim('POST', '/Users', newUser(`pager${n}@example.com`))).statusCode).toBe(201);
    const page = (await scim('GET', '/Users?startIndex=2&count=2')).json();
    expect(page.itemsPerPage).toBe(2);
    expect(page.startIndex).toBe(2);
    expect(page.totalResults).toBeGreaterThanOrEqual(4);
    expect((await scim('GET', '/Users?count=0')).json().Resources).toEqual([]);
  });

  it('replaces and patches attributes; the employee record follows', async () => {
    const id = (await scim('POST', '/Users', newUser('zhao.lei@example.com'))).json().id;
    const replaced = await scim('PUT', `/Users/${id}`, newUser('zhao.lei@example.com', { displayName: '赵磊', name: { givenName: '磊', familyName: '赵' } }));
    expect(replaced.json()).toMatchObject({ displayName: '赵磊', name: { givenName: '磊', familyName: '赵' } });
    const patched = await scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'displayName', value: '赵磊 (East)' },
        { op: 'Add', path: 'addresses[type eq "work"].country', value: 'CN' },
      ],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().displayName).toBe('赵磊 (East)');
    const users = (await t.app.inject({ url: '/api/v1/users', headers: bearer(org.adminKey) })).json().items;
    const employeeId = users.find((u: { email: string }) => u.email === 'zhao.lei@example.com').employeeId;
    expect((await t.app.inject({ url: `/api/v1/employees/${employeeId}`, headers: bearer(org.adminKey) })).json().name).toBe('赵磊 (East)');
  });
});

describe('deactivation', () => {
  it('locks a person out at once: their cookie session and API keys are refused on the very next request', async () => {
    const staff = await buildEmployeeWithKey(t.ctx, org, { role: 'manager' });
    const person = await buildUser(t.ctx, org, 'admin', staff.employeeId);
    // The identity provider adopts the existing login.
    const id = (await scim('POST', '/Users', newUser(person.email))).json().id;
    const session = await login(person);
    expect(session.statusCode).toBe(200);
    const cookie = session.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const own = await t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: { cookie, 'x-csrf-token': session.json().csrfToken }, payload: { role: 'manager', employeeId: staff.employeeId, name: 'my script' } });
    expect(own.statusCode, own.body).toBe(201);
    // Each credential works, and the keys are now in the 10-second cache.
    for (const headers of [{ cookie }, bearer(staff.key), bearer(own.json().key)]) expect((await t.app.inject({ url: '/api/v1/employees', headers })).statusCode).toBe(200);

    const off = await scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().active).toBe(false);
    for (const headers of [{ cookie }, bearer(staff.key), bearer(own.json().key)]) expect((await t.app.inject({ url: '/api/v1/employees', headers })).statusCode).toBe(401);
    expect((await login(person)).statusCode).toBe(401);

    // Re-activated, they may sign in again; what was revoked stays revoked.
    const on = await scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] });
    expect(on.json().active).toBe(true);
    expect((await login(person)).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/employees', headers: bearer(staff.key) })).statusCode).toBe(401);
  });

  it('deletes: the login is disabled and SCIM no longer knows the user', async () => {
    const person = await buildUser(t.ctx, org, 'admin');
    const id = (await scim('POST', '/Users', newUser(person.email))).json().id;
    expect((await scim('DELETE', `/Users/${id}`)).statusCode).toBe(204);
    expect((await scim('GET', `/Users/${id}`)).statusCode).toBe(404);
    expect((await login(person)).statusCode).toBe(401);
  });

  it('never lets provisioning switch off a break-glass admin', async () => {
    const admin = await buildUser(t.ctx, org, 'admin');
    const id = (await scim('POST', '/Users', newUser(admin.email))).json().id;
    const saml = await t.app.inject({ method: 'PUT', url: '/api/v1/sso/policy', headers: bearer(org.adminKey), payload: { requireSso: false, breakGlassUserIds: [id] } });
    expect(saml.statusCode, saml.body).toBe(200);
    const res = await scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] });
    expect(res.json()).toMatchObject({ status: '403', scimType: 'mutability' });
    expect((await login(admin)).statusCode).toBe(200);
  });

  it('shows an organisation’s token only that organisation’s people', async () => {
    const other = await buildOrg(t.ctx);
    const otherToken = (await t.app.inject({ method: 'POST', url: '/api/v1/sso/scim/token', headers: bearer(other.adminKey) })).json().token;
    expect((await scim('GET', '/Users', undefined, otherToken)).json().totalResults).toBe(0);
    const mine = (await scim('GET', '/Users')).json().Resources[0].id;
    expect((await scim('GET', `/Users/${mine}`, undefined, otherToken)).statusCode).toBe(404);
    expect((await scim('DELETE', `/Users/${mine}`, undefined, otherToken)).statusCode).toBe(404);
  });
});
