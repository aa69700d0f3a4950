import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildPartnersFixture, type PartnersFixture } from './partners.fixtures.ts';

// Partner logins (issue 14): an administrator gives a partner's person a login bound to that partner. Creating one
// names the partner (and only a partner login may); two partners' logins never see each other's report, replies or
// ideas; single sign-on and SCIM never create partner logins, since no identity provider says which partner.

let t: TestApp;
let f: PartnersFixture;
let courier: string;
let supplier: string;
let ip = 0;

const PASSWORD = 'partner login 2026';
const createUser = (body: object) => f.admin('POST', '/api/v1/users', { password: PASSWORD, ...body });

/** A partner login for the partner, signed in: a caller with its cookie and CSRF token. */
async function partnerLogin(partnerId: string, email: string) {
  f.created(await createUser({ email, role: 'partner', partnerId }));
  // Each from its own address, so the login rate limit (per address and e-mail) never interferes.
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD }, remoteAddress: `10.9.0.${++ip}` });
  expect(login.statusCode, login.body).toBe(200);
  const headers = { cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': login.json().csrfToken as string };
  return (method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, headers, payload });
}

beforeAll(async () => {
  t = await createTestApp({ LODESTAR_SECRET_KEY: 'e'.repeat(64) });
  f = await buildPartnersFixture(t);
  courier = (await f.partner('闪电配送', 'logistics')).id;
  supplier = (await f.partner('鲜果供应', 'supplier')).id;
  await f.respondAbout(courier, { nps: 9, comment: '送得很快' });
  await f.respondAbout(supplier, { nps: 3, comment: '水果不新鲜' });
});
afterAll(() => t?.close());

describe('creating a partner login', () => {
  it('binds it to the partner given, and lists it with its partner', async () => {
    const created = f.created(await createUser({ email: 'ops@shandian.example', role: 'partner', partnerId: courier }));
    expect(created).toMatchObject({ role: 'partner', partnerId: courier, employeeId: null, disabled: false });
    const listed = (await f.admin('GET', '/api/v1/users')).json().items.find((u: { id: string }) => u.id === created.id);
    expect(listed).toMatchObject({ role: 'partner', partnerId: courier });
    const [audit] = await f.query<{ after: { partnerId: string } }>(`SELECT after FROM audit_log WHERE org_id = $1 AND action = 'user.created' AND entity_id = $2`, [f.org.orgId, created.id]);
    expect(audit!.after.partnerId).toBe(courier);
  });

  it('refuses a partner login without a partner, and a partner for any other role, with a 400 naming partnerId', async () => {
    const noPartner = await createUser({ email: 'nobody@shandian.example', role: 'partner' });
    expect(noPartner.statusCode).toBe(400);
    expect(noPartner.json().error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('partnerId'), details: { field: 'partnerId' } });
    for (const role of ['admin', 'manager', 'employee']) {
      const res = await createUser({ email: `${role}@shandian.example`, role, partnerId: courier, ...(role === 'admin' ? {} : { employeeId: crypto.randomUUID() }) });
      expect(res.statusCode, role).toBe(400);
      expect(res.json().error.details, role).toMatchObject({ field: 'partnerId' });
    }
    const users = (await f.admin('GET', '/api/v1/users')).json().items as Array<{ email: string }>;
    expect(users.map((u) => u.email)).not.toContain('nobody@shandian.example');
  });

  it('answers 404 for an unknown partner or another organisation’s, and the database refuses what the API would', async () => {
    const other = await buildOrg(t.ctx);
    const theirs = (await t.app.inject({ method: 'POST', url: '/api/v1/partners', headers: bearer(other.adminKey), payload: { name: '别家物流', kind: 'logistics' } })).json().id as string;
    for (const partnerId of [theirs, crypto.randomUUID()]) {
      const res = await createUser({ email: `stranger-${partnerId.slice(0, 8)}@example.com`, role: 'partner', partnerId });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toContain('partner');
    }
    // The constraints hold without the API: another organisation's partner (composite key), a staff role with a partner.
    const insert = (role: string, partnerId: string) =>
      f.query(`INSERT INTO users (org_id, email, password_hash, role, partner_id, created_at) VALUES ($1, $2, 'x', $3, $4, now())`, [f.org.orgId, `${crypto.randomUUID()}@example.com`, role, partnerId]);
    await expect(insert('partner', theirs)).rejects.toThrow();
    await expect(insert('admin', courier)).rejects.toThrow();
  });
});

describe('two partners’ logins', () => {
  it('each read only their own partner’s report, replies and ideas', async () => {
    const asCourier = await partnerLogin(courier, 'dispatch@shandian.example');
    const asSupplier = await partnerLogin(supplier, 'sales@xianguo.example');
    const reply = f.created(await asCourier('POST', '/api/v1/partner-report/replies', { body: '下午五点前优先派送写字楼', days: 90 }));
    const idea = f.created(await asCourier('POST', '/api/v1/partner-report/ideas', { title: '雨天加防水袋', body: '顾客反映外包装受潮' }));

    expect((await asCourier('GET', '/api/v1/partner-report')).json().partner.name).toBe('闪电配送');
    const theirReport = (await asSupplier('GET', '/api/v1/partner-report')).json();
    expect(theirReport.partner.name).toBe('鲜果供应');
    expect(JSON.stringify(theirReport)).not.toContain('送得很快');
    expect((await asSupplier('GET', '/api/v1/partner-report/replies')).json().items).toEqual([]);
    expect((await asSupplier('GET', '/api/v1/partner-report/ideas')).json().items).toEqual([]);
    expect((await asCourier('GET', '/api/v1/partner-report/replies')).json().items.map((r: { id: string }) => r.id)).toEqual([reply.id]);
    expect((await asCourier('GET', '/api/v1/partner-report/ideas')).json().items.map((i: { id: string }) => i.id)).toEqual([idea.id]);
    // Nor through the organisation's routes, whatever id the supplier's login names.
    for (const url of [`/api/v1/partners/${courier}/report?days=90`, `/api/v1/partners/${courier}/replies`, `/api/v1/ideas/${idea.id}`]) {
      expect((await asSupplier('GET', url)).statusCode, url).toBe(403);
    }
    // The supplier's reply is the supplier's: the courier's list does not grow.
    f.created(await asSupplier('POST', '/api/v1/partner-report/replies', { body: '冷链全程控温', days: 30 }));
    expect((await asCourier('GET', '/api/v1/partner-report/replies')).json().items).toHaveLength(1);
    expect((await f.admin('GET', `/api/v1/partners/${supplier}/replies`)).json().items).toMatchObject([{ body: '冷链全程控温', via: 'user' }]);
  });
});

describe('single sign-on and SCIM', () => {
  it('refuse partner as the role of the accounts they create', async () => {
    const oidc = await f.admin('PUT', '/api/v1/sso/oidc', { issuer: 'https://idp.example.com', clientId: 'lodestar', clientSecret: 's3cret', defaultRole: 'partner' });
    expect(oidc.statusCode).toBe(400);
    expect(oidc.body).toContain('partner logins');
    const scim = await f.admin('PUT', '/api/v1/sso/scim', { defaultRole: 'partner' });
    expect(scim.statusCode).toBe(400);
    expect(scim.body).toContain('partner logins');
  });

  it('never provisions one, even from a partner default stored before the rule', async () => {
    expect((await f.admin('PUT', '/api/v1/sso/scim', { defaultRole: 'employee', defaultUnitId: f.org.rootUnitId, defaultPositionId: f.org.positionId })).statusCode).toBe(200);
    const token = f.created(await f.admin('POST', '/api/v1/sso/scim/token')).token as string;
    await f.query(`UPDATE scim_settings SET default_role = 'partner' WHERE org_id = $1`, [f.org.orgId]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/scim/v2/Users',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      payload: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'provisioned@shandian.example', active: true }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('partner logins');
    const [row] = await f.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE org_id = $1 AND lower(email) = 'provisioned@shandian.example'`, [f.org.orgId]);
    expect(row!.n).toBe(0);
  });
});
