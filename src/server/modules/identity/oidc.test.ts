import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../platform/clock.ts';
import { bearer, buildEmployeeWithKey, buildOrg, buildUser, type TestOrg } from '../../testing/factories.ts';
import { signInAtProvider, startTestOidcProvider, type TestOidcProvider } from '../../testing/oidc-test-provider.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

// A full OpenID Connect login without a browser: Lodestar's start redirect, the real oidc-provider's login
// form and redirects (followed with fetch), Lodestar's callback, then the session it opened.

const PUBLIC_URL = 'http://lodestar.test';
const SSO_TEST_ENV = { LODESTAR_SECRET_KEY: 'a'.repeat(64), LODESTAR_SSO_ALLOW_PRIVATE: 'true', LODESTAR_PUBLIC_URL: PUBLIC_URL };
const SESSION_COOKIE = '__Host-lodestar_session';

let t: TestApp;
let org: TestOrg;
let idp: TestOidcProvider;

const putOidc = (payload: object, key = org.adminKey) => t.app.inject({ method: 'PUT', url: '/api/v1/sso/oidc', headers: bearer(key), payload });

beforeAll(async () => {
  t = await createTestApp(SSO_TEST_ENV);
  // ID tokens are stamped with the real time; the app's clock must agree with it.
  t.clock.set(new Date());
  org = await buildOrg(t.ctx);
  idp = await startTestOidcProvider({ redirectUris: [`${PUBLIC_URL}/auth/oidc/${org.slug}/callback`], postLogoutRedirectUris: [`${PUBLIC_URL}/login`] });
  const saved = await putOidc({ issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, unitClaim: 'department', positionClaim: 'job_title' });
  expect(saved.statusCode, saved.body).toBe(200);
});
afterAll(async () => {
  await idp?.close();
  await t?.close();
});

let addresses = 0;
/** A fresh client address per login start, as many people would come from (the start is rate-limited per address). */
const nextAddress = () => `10.7.${(++addresses >> 8) & 255}.${addresses & 255}`;
const cookieOf = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name)?.value;

/** Starts a login at Lodestar: the provider's authorization URL and the browser-binding cookie. */
async function start(next = '/workbench') {
  const res = await t.app.inject({ url: `/auth/oidc/${org.slug}/start?next=${encodeURIComponent(next)}`, remoteAddress: nextAddress() });
  expect(res.statusCode, res.body).toBe(303);
  return { authorizationUrl: res.headers.location as string, browser: `lodestar_sso_browser=${cookieOf(res, 'lodestar_sso_browser')}` };
}

const callback = (url: URL, browser?: string) => t.app.inject({ url: url.pathname + url.search, headers: browser ? { cookie: browser } : {} });

/** The whole login as `accountId`; the callback's answer. */
async function logInAs(accountId: string, next?: string) {
  const { authorizationUrl, browser } = await start(next);
  return callback(await signInAtProvider(idp, authorizationUrl, accountId), browser);
}

async function me(res: LightMyRequestResponse) {
  const token = cookieOf(res, SESSION_COOKIE);
  expect(token, 'a session cookie').toBeDefined();
  return t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: `${SESSION_COOKIE}=${token}` } });
}

describe('OIDC sign-in through a real provider', () => {
  it('sends the browser to the provider with PKCE (S256), state and nonce', async () => {
    const url = new URL((await start()).authorizationUrl);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['state', 'nonce', 'code_challenge']) expect(url.searchParams.get(p)?.length).toBeGreaterThanOrEqual(22);
    expect(url.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/auth/oidc/${org.slug}/callback`);
  });

  it('signs an existing user in by e-mail, whatever its case, and returns to the page asked for', async () => {
    const user = await buildUser(t.ctx, org, 'admin');
    idp.accounts.set('existing', { email: user.email.toUpperCase(), email_verified: true, name: 'Existing Person' });
    const res = await logInAs('existing', '/responses');
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe('/responses');
    const who = await me(res);
    expect(who.statusCode).toBe(200);
    expect(who.json().user).toMatchObject({ email: user.email, role: 'admin' });
  });

  it('provisions a new person just in time with the default role, placing the employee by the unit and position claims', async () => {
    const unit = (await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: bearer(org.adminKey), payload: { name: '华东区', parentId: org.rootUnitId, kind: 'region' } })).json();
    expect((await putOidc({ issuer: idp.issuer, clientId: idp.clientId, unitClaim: 'department', positionClaim: 'job_title', defaultRole: 'employee' })).statusCode).toBe(200);
    idp.accounts.set('newcomer', { email: 'li.na@example.com', email_verified: true, name: '李娜', department: '华东区', job_title: 'clerk' });
    const res = await logInAs('newcomer');
    expect(res.statusCode, res.body).toBe(303);
    const who = (await me(res)).json();
    expect(who.user).toMatchObject({ email: 'li.na@example.com', role: 'employee', name: '李娜' });
    const employee = (await t.app.inject({ url: `/api/v1/employees/${who.user.employeeId}`, headers: bearer(org.adminKey) })).json();
    expect(employee).toMatchObject({ unitId: unit.id, positionId: org.positionId, email: 'li.na@example.com' });
  });

  it('refuses someone without an account when just-in-time provisioning is off', async () => {
    expect((await putOidc({ issuer: idp.issuer, clientId: idp.clientId, defaultRole: null })).statusCode).toBe(200);
    idp.accounts.set('stranger', { email: 'stranger@example.com', email_verified: true });
    const res = await logInAs('stranger');
    expect(res.headers.location).toBe('/login?ssoError=sso_no_account');
    expect(cookieOf(res, SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses an e-mail the provider marks unverified', async () => {
    const user = await buildUser(t.ctx, org, 'admin');
    idp.accounts.set('unverified', { email: user.email, email_verified: false });
    expect((await logInAs('unverified')).headers.location).toBe('/login?ssoError=sso_no_email');
  });

  it('matches and provisions people by the e-mail claim the connection names, not by `email`', async () => {
    const person = await buildUser(t.ctx, org, 'admin');
    // The provider's `email` claim holds someone else's address: matching on it would sign the wrong person in.
    const decoy = await buildUser(t.ctx, org, 'admin');
    const withUpn = { issuer: idp.issuer, clientId: idp.clientId, emailClaim: 'upn', defaultRole: 'employee', defaultUnitId: org.rootUnitId, defaultPositionId: org.positionId };
    expect((await putOidc(withUpn)).statusCode).toBe(200);
    try {
      idp.accounts.set('upn-existing', { upn: person.email.toUpperCase(), email: decoy.email, email_verified: true });
      const existing = await logInAs('upn-existing');
      expect(existing.statusCode, existing.body).toBe(303);
      expect((await me(existing)).json().user).toMatchObject({ email: person.email, role: 'admin' });

      idp.accounts.set('upn-new', { upn: 'wang.fang@corp.example.com', email: 'fang@personal.example.com', email_verified: true, name: '王芳' });
      const fresh = await logInAs('upn-new');
      expect(fresh.statusCode, fresh.body).toBe(303);
      expect((await me(fresh)).json().user).toMatchObject({ email: 'wang.fang@corp.example.com', role: 'employee', name: '王芳' });
      const users = (await t.app.inject({ url: '/api/v1/users', headers: bearer(org.adminKey) })).json().items as Array<{ email: string }>;
      expect(users.map((u) => u.email)).not.toContain('fang@personal.example.com');
    } finally {
      // What the tests after this one expect: the default claim, no just-in-time provisioning.
      expect((await putOidc({ issuer: idp.issuer, clientId: idp.clientId, defaultRole: null })).statusCode).toBe(200);
    }
  });
});

describe('OIDC state, nonce and browser binding', () => {
  let user: { email: string };
  beforeAll(async () => {
    user = await buildUser(t.ctx, org, 'manager', (await buildEmployeeWithKey(t.ctx, org)).employeeId);
    idp.accounts.set('bound', { email: user.email, email_verified: true });
  });

  it('refuses a state it never issued', async () => {
    const { authorizationUrl, browser } = await start();
    const back = await signInAtProvider(idp, authorizationUrl, 'bound');
    back.searchParams.set('state', 'x'.repeat(43));
    expect((await callback(back, browser)).headers.location).toBe('/login?ssoError=sso_state_invalid');
  });

  it('refuses a replayed callback: the state is single use', async () => {
    const { authorizationUrl, browser } = await start();
    const back = await signInAtProvider(idp, authorizationUrl, 'bound');
    expect(cookieOf(await callback(back, browser), SESSION_COOKIE)).toBeDefined();
    const replay = await callback(back, browser);
    expect(replay.headers.location).toBe('/login?ssoError=sso_state_invalid');
    expect(cookieOf(replay, SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses an ID token whose nonce is not the one this login sent', async () => {
    const { authorizationUrl, browser } = await start();
    const back = await signInAtProvider(idp, authorizationUrl, 'bound');
    await t.ctx.db.tenant(org.orgId, (tx) => tx.query(`UPDATE sso_login_states SET nonce = 'a-nonce-from-another-login' WHERE org_id = $1`, [org.orgId]));
    expect((await callback(back, browser)).headers.location).toBe('/login?ssoError=sso_failed');
  });

  it('refuses a callback opened in another browser than the one that started (login CSRF)', async () => {
    const { authorizationUrl } = await start();
    const back = await signInAtProvider(idp, authorizationUrl, 'bound');
    expect((await callback(back, 'lodestar_sso_browser=' + 'y'.repeat(43))).headers.location).toBe('/login?ssoError=sso_state_invalid');
  });

  it('refuses a state older than ten minutes', async () => {
    const { authorizationUrl, browser } = await start();
    const back = await signInAtProvider(idp, authorizationUrl, 'bound');
    t.clock.advance(10 * 60_000 + 1);
    try {
      expect((await callback(back, browser)).headers.location).toBe('/login?ssoError=sso_state_invalid');
    } finally {
      t.clock.set(new Date());
    }
  });

  it('gives the SSO session the idle timeout of any session, and logs out at the provider too', async () => {
    const res = await logInAs('bound');
    const cookie = `${SESSION_COOKIE}=${cookieOf(res, SESSION_COOKIE)}`;
    const csrf = (await me(res)).json().csrfToken;
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/sso/logout', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.statusCode, out.body).toBe(200);
    const redirect = new URL(out.json().redirectUrl);
    expect(redirect.origin).toBe(idp.issuer);
    expect(redirect.searchParams.get('id_token_hint')).toBeTruthy();
    expect(redirect.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_URL}/login`);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);

    const idle = await logInAs('bound');
    t.clock.advance(t.ctx.config.LODESTAR_SESSION_IDLE_MINUTES * 60_000 + 1);
    try {
      expect((await me(idle)).statusCode).toBe(401);
    } finally {
      t.clock.set(new Date());
    }
  });

  it('gives the SSO session the absolute timeout of any session: LODESTAR_SESSION_MAX_HOURS, however active', async () => {
    const res = await logInAs('bound');
    const maxHours = t.ctx.config.LODESTAR_SESSION_MAX_HOURS;
    expect(res.cookies.find((c) => c.name === SESSION_COOKIE)?.maxAge).toBe(maxHours * 3600);
    try {
      // A request every hour keeps it well inside the idle timeout; only the absolute one can end it.
      for (let h = 1; h < maxHours; h++) {
        t.clock.advance(HOUR);
        expect((await me(res)).statusCode, `after ${h} h`).toBe(200);
      }
      t.clock.advance(HOUR - MINUTE);
      expect((await me(res)).statusCode).toBe(200);
      t.clock.advance(MINUTE);
      expect((await me(res)).statusCode).toBe(401);
    } finally {
      t.clock.set(new Date());
    }
  });
});

describe('OIDC settings', () => {
  it('never returns or stores the client secret in the clear, and keeps it from the app role', async () => {
    const overview = await t.app.inject({ url: '/api/v1/sso', headers: bearer(org.adminKey) });
    expect(overview.statusCode).toBe(200);
    expect(overview.body).not.toContain(idp.clientSecret);
    expect(overview.json().oidc).toMatchObject({ issuer: idp.issuer, hasClientSecret: true, redirectUri: `${PUBLIC_URL}/auth/oidc/${org.slug}/callback` });
    const one = await t.app.inject({ url: '/api/v1/sso/oidc', headers: bearer(org.adminKey) });
    expect(one.json()).toMatchObject({ clientId: idp.clientId, hasClientSecret: true });
    expect(one.body).not.toContain(idp.clientSecret);
    expect((await t.app.inject({ url: '/api/v1/sso/oidc', headers: bearer((await buildOrg(t.ctx)).adminKey) })).statusCode).toBe(404);
    const [row] = await t.ctx.db.system((tx) => tx.query<{ ciphertext: string }>(`SELECT ciphertext FROM sso_secrets WHERE org_id = $1`, [org.orgId]));
    expect(row!.ciphertext).not.toContain(idp.clientSecret);
    await expect(t.ctx.db.tenant(org.orgId, (tx) => tx.query(`SELECT ciphertext FROM sso_secrets`))).rejects.toThrow(/permission denied/);
  });

  it('tests the connection: discovery, keys and client configuration', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/sso/oidc/test', headers: bearer(org.adminKey) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().ok).toBe(true);
    expect(res.json().checks.map((c: { key: string }) => c.key)).toEqual(expect.arrayContaining(['discovery', 'pkce', 'signingKeys', 'clientSecret']));
  });

  it('refuses bad settings with 400, a missing first secret with 400 and other roles with 403', async () => {
    expect((await putOidc({ issuer: 'ftp://idp.example.com', clientId: 'x', clientSecret: 'y' })).statusCode).toBe(400);
    expect((await putOidc({ issuer: idp.issuer, clientId: 'x', emailClaim: 'e mail' })).statusCode).toBe(400);
    const other = await buildOrg(t.ctx);
    const first = await putOidc({ issuer: idp.issuer, clientId: 'x' }, other.adminKey);
    expect(first.statusCode).toBe(400);
    expect(first.json().error.details.field).toBe('clientSecret');
    const manager = await buildEmployeeWithKey(t.ctx, org, { role: 'manager' });
    expect((await putOidc({ issuer: idp.issuer, clientId: 'x', clientSecret: 'y' }, manager.key)).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/sso', headers: bearer(manager.key) })).statusCode).toBe(403);
  });
});
